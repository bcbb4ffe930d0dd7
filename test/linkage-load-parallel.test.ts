import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { CsvParser } from "../src/linkage/csv-read.ts";
import { splitCsvFile } from "../src/linkage/csv-split.ts";
import { hashId, IdLines } from "../src/linkage/id-lines.ts";
import { loadPeopleCsv } from "../src/linkage/load-people.ts";
import { RecordStore } from "../src/linkage/record-store.ts";
import { parseCsv } from "./linkage-helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "harbor-load-"));

/** Rows (with lines) and issues of each range of a file, parsed separately, concatenated. */
function parseRanges(file: string, parts: number, delimiter: string) {
  const ranges = splitCsvFile(file, parts, delimiter);
  if (!ranges) return undefined;
  const bytes = readFileSync(file);
  const rows: { fields: string[]; line: number }[] = [];
  const issues: { line: number; message: string }[] = [];
  ranges.forEach((r, k) => {
    let text = bytes.subarray(r.start, r.end).toString("utf8");
    if (k === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const p = new CsvParser(
      (fields, line) => rows.push({ fields, line }),
      (i) => issues.push(i),
      delimiter,
      { line: r.line },
    );
    p.push(text);
    p.end();
  });
  return { rows, issues, ranges };
}

const HEADER = "id,given,family,dob,note\n";
const messy = [
  "1,Ann,Lee,1980-01-02,plain\n",
  '2,"Bo, Jr",Kim,"Jul 4, 1975","two\nlines"\n',
  '3,"Say ""hi""",Ng,,"a\r\nb"\r\n',
  "\n",
  "4,Cy,Ox\n",
  ",No,Id,1990-01-01,x\n",
  '5,"Dee"x,Fox,1991-02-03,"trailing"\n',
  "1,Ann,Lee,1980-01-02,repeat\n",
  '6,Ed,"Q""uote",,\n',
];

describe("parallel CSV loading", () => {
  test("property: the repeated-id table answers like a Map, even when every hash collides", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 200 }),
        fc.boolean(),
        (list, collide) => {
          const ids: string[] = [];
          const set = new IdLines(ids, 2);
          const map = new Map<string, number>();
          list.forEach((id, line) => {
            const first = set.firstLine(id, collide ? 7 : hashId(id), line);
            assert.equal(first, map.get(id) ?? -1);
            if (first < 0) {
              ids.push(id);
              map.set(id, line);
            }
          });
        },
      ),
    );
  });

  test("property: cutting a file at the splitter's offsets parses exactly as the whole file does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...messy), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 2, max: 5 }),
        (lines, parts) => {
          const file = join(dir, "p.csv");
          const text = `\ufeff${HEADER}${lines.join("")}`;
          writeFileSync(file, text);
          const whole = parseCsv([text.slice(1)], ",");
          const cut = parseRanges(file, parts, ",");
          if (!cut) return;
          assert.deepEqual(cut.rows, whole.rows);
          assert.deepEqual(cut.issues, whole.issues);
          for (const r of cut.ranges.slice(1)) assert.equal(readFileSync(file)[r.start - 1], 10);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("well-formed rows agree with csv-parse", () => {
    const text =
      HEADER + messy.filter((l) => !l.includes('"x') && !l.includes("\r") && l.trim() !== "").join("");
    const file = join(dir, "ok.csv");
    writeFileSync(file, text.repeat(5));
    const expected = parse(text.repeat(5), { relax_column_count: true }) as string[][];
    const cut = parseRanges(file, 3, ",")!;
    assert.deepEqual(
      cut.rows.map((r) => r.fields),
      expected,
    );
  });

  test("an open quote running to the end, or a non-ASCII delimiter, is not cut", () => {
    const file = join(dir, "open.csv");
    writeFileSync(file, `${HEADER}1,"never closed\n${"2,a,b,c,d\n".repeat(50)}`);
    assert.equal(splitCsvFile(file, 2, ","), undefined);
    assert.equal(splitCsvFile(file, 2, "§"), undefined);
  });

  test("a messy file loads into the same store, ids and issues on worker threads as on one thread", async () => {
    const file = join(dir, "people.csv");
    const body = Array.from({ length: 400 }, (_, k) =>
      messy.map((l) => l.replace(/^(\d+),/, (_m, id) => `${Number(id) + 10 * k},`)).join(""),
    ).join("");
    writeFileSync(file, `${HEADER}${body}1,Ann,Lee,1980-01-02,repeat\n`);
    const mapping = { id: "id", roles: { given_name: "given", family_name: "family", date_of_birth: "dob" } };
    const serialStore = new RecordStore();
    const serial = await loadPeopleCsv(file, mapping, serialStore, { workers: 0 });
    const parallelStore = new RecordStore();
    const parallel = await loadPeopleCsv(file, mapping, parallelStore, { workers: 2, parallelMinBytes: 0 });
    assert.ok(serial.issues.length > 400);
    assert.deepEqual(parallel.ids, serial.ids);
    assert.deepEqual(parallel.issues, serial.issues);
    const a = serialStore.view();
    const b = parallelStore.view();
    assert.equal(b.n, a.n);
    assert.deepEqual(b.rows.subarray(0, a.n * 16), a.rows.subarray(0, a.n * 16));
    assert.deepEqual(b.given.subarray(0, a.n), a.given.subarray(0, a.n));
    assert.equal(parallelStore.names.count, serialStore.names.count);
    // A second file (linking two inputs) appends after the first, with its own source.
    const second = await loadPeopleCsv(file, mapping, parallelStore, {
      workers: 2,
      parallelMinBytes: 0,
      source: 1,
    });
    assert.equal(second.offset, a.n);
    assert.equal(parallelStore.view().source[a.n], 1);
    assert.equal(parallelStore.n, 2 * a.n);
  });
});
