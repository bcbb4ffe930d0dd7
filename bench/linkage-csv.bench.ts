/**
 * Why src/linkage keeps its own CSV reader (and writes with csv-stringify): `npm run bench:linkage-csv`. The
 * same generated file (LINKAGE_CSV_N records, default 500,000, ~57 MB) is read with Harbor's CsvParser and with
 * csv-parse (streaming, the options a people file needs: byte-order mark, relaxed quotes and column counts), and
 * written back with CsvWriter, which is csv-stringify's stream. Each is timed three times in this process after one warm-up; the
 * median is printed. The reader also gives what csv-parse does not: the physical line each row starts on (for
 * `file:line: reason` reports) and the same quoting rules as csv-split.ts, which cuts files for the parallel
 * loader; the row-for-row agreement of the two parsers is tested in test/linkage-load-parallel.test.ts.
 */
import { createReadStream, mkdirSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { parse } from "csv-parse";
import { readCsvFile } from "../src/linkage/csv-read.ts";
import { CsvWriter } from "../src/linkage/csv-write.ts";
import { SYNTH_HEADER } from "../src/linkage/synth/render.ts";
import { synthPersons } from "../src/linkage/synth/synth-persons.ts";

const N = Number(process.env.LINKAGE_CSV_N ?? 500_000);
const out = new URL("./out/", import.meta.url);
mkdirSync(out, { recursive: true });
const file = new URL(`csv-bench-${N}.csv`, out).pathname;
const log = (s: string) => process.stdout.write(`${s}\n`);

{
  const w = new CsvWriter(file, SYNTH_HEADER);
  for (const row of synthPersons({ n: N, duplicates: 0.3, seed: 5 })) await w.row(row);
  await w.close();
}

async function harborRead(): Promise<string[][]> {
  const rows: string[][] = [];
  await readCsvFile(
    file,
    (fields) => rows.push(fields),
    () => {},
  );
  return rows;
}

async function csvParseRead(): Promise<string[][]> {
  const rows: string[][] = [];
  const parser = createReadStream(file).pipe(
    parse({ bom: true, relax_quotes: true, relax_column_count: true }),
  );
  for await (const record of parser) rows.push(record as string[]);
  return rows;
}

async function harborWrite(rows: string[][]): Promise<void> {
  const w = new CsvWriter(new URL("csv-bench-harbor.out.csv", out).pathname, rows[0]!);
  for (let i = 1; i < rows.length; i++) await w.row(rows[i]!);
  await w.close();
}

async function time(name: string, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  const median = runs.sort((a, b) => a - b)[1]!;
  log(
    `${name.padEnd(28)} median ${(median / 1000).toFixed(2)} s  (${((N / median) * 1000).toFixed(0)} rows/s)`,
  );
  return median;
}

log(`${N} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB; load average ${loadavg()[0]!.toFixed(2)}`);
const a = await harborRead();
const b = await csvParseRead();
if (a.length !== b.length || a.some((r, i) => r.join("\u0001") !== b[i]!.join("\u0001")))
  throw new Error("the two parsers disagree on this file");
const readOurs = await time("read: Harbor CsvParser", harborRead);
const readLib = await time("read: csv-parse", csvParseRead);
await time("write: CsvWriter (csv-stringify)", () => harborWrite(a));
log(
  `csv-parse takes ${(readLib / readOurs).toFixed(1)}× as long as Harbor's CsvParser to read the same rows`,
);
