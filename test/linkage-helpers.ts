import { CsvParser } from "../src/linkage/csv-read.ts";
import { PersonNormalizer } from "../src/linkage/normalize-record.ts";
import { RecordStore } from "../src/linkage/record-store.ts";
import { SYNTH_HEADER, synthRoles } from "../src/linkage/synth/render.ts";
import { synthPersons } from "../src/linkage/synth/synth-persons.ts";
import type { RawPerson, Role } from "../src/linkage/types.ts";

export { synthRoles };

/** A store of generated people plus their true entities. */
export function synthStore(
  n: number,
  seed: number,
  withId: boolean,
): { store: RecordStore; truth: Int32Array } {
  const store = new RecordStore();
  const normalizer = new PersonNormalizer();
  const roles = synthRoles(withId);
  const truth: number[] = [];
  for (const row of synthPersons({ n, duplicates: 0.3, seed })) {
    const raw: RawPerson = {};
    for (const [role, col] of Object.entries(roles)) {
      const value = row[SYNTH_HEADER.indexOf(col as (typeof SYNTH_HEADER)[number])]!;
      if (value) raw[role as Role] = value;
    }
    store.add(normalizer.normalize(raw));
    truth.push(Number(row[1]));
  }
  return { store, truth: Int32Array.from(truth) };
}

/** Parses CSV text (in the given chunks) into rows with line numbers and issues. */
export function parseCsv(chunks: string[], delimiter?: string) {
  const rows: { fields: string[]; line: number }[] = [];
  const issues: { line: number; message: string }[] = [];
  const p = new CsvParser(
    (fields, line) => rows.push({ fields, line }),
    (i) => issues.push(i),
    delimiter,
  );
  for (const c of chunks) p.push(c);
  p.end();
  return { rows, issues, delimiter: p.usedDelimiter };
}
