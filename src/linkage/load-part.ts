import { createReadStream } from "node:fs";
import { type CsvIssue, CsvParser } from "./csv-read.ts";
import { hashId } from "./id-lines.ts";
import { directRow } from "./load-direct.ts";
import { PersonNormalizer } from "./normalize-record.ts";
import { F, FIELD_COUNT, type InternKind } from "./record-layout.ts";
import type { NormalizedPerson, RawPerson, Role } from "./types.ts";

/** Where the columns are: resolved once from the header by the main thread. */
export interface ColumnIndexes {
  headerLength: number;
  idIndex: number;
  truthIndex: number;
  roleIndex: [Role, number][];
}

/** One byte range of a CSV file for a loader worker (see csv-split.ts). */
export interface PartTask extends ColumnIndexes {
  path: string;
  start: number;
  end: number;
  line: number;
  delimiter: string;
  /** The range starts with the header row (the first part), which the main thread has already read. */
  skipHeader: boolean;
  batchSize?: number;
}

/**
 * A batch of parsed, normalized rows with every string value replaced by a part-local id. Only strings not sent
 * before travel (in local-id order), so the main thread interns each distinct value once per part instead of
 * looking up every value of every record: that lookup was most of the single-threaded read time.
 */
export interface PartBatch {
  count: number;
  /** count × FIELD_COUNT values in record-layout.ts order `F`: local ids (-1 missing), dob and sex as-is. */
  values: Int32Array;
  lines: Int32Array;
  ids: string[];
  /** hashId of each id, for the main thread's repeated-id check. */
  idHashes: Int32Array;
  truth: string[];
  strings: Record<InternKind, string[]>;
  /** Problems found in this batch's lines (bad field counts, no id, CSV syntax), in line order. */
  issues: CsvIssue[];
  /** Bytes of the range read so far, for progress. */
  bytes: number;
}

const KINDS: readonly InternKind[] = [
  "name",
  "streetNumber",
  "street",
  "address2",
  "postcode",
  "city",
  "state",
  "phone",
  "email",
  "nationalId",
];
/** String fields in the order RecordStore.add interns them (so ids come out in the same order). */
const STRING_FIELDS: readonly [number, InternKind, keyof NormalizedPerson][] = [
  [F.given, "name", "given"],
  [F.family, "name", "family"],
  [F.streetNumber, "streetNumber", "streetNumber"],
  [F.street, "street", "street"],
  [F.address2, "address2", "address2"],
  [F.postcode, "postcode", "postcode"],
  [F.city, "city", "city"],
  [F.state, "state", "state"],
  [F.phone, "phone", "phone"],
  [F.email, "email", "email"],
  [F.nationalId, "nationalId", "nationalId"],
];

function emptyStrings(): Record<InternKind, string[]> {
  return Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Record<InternKind, string[]>;
}

/**
 * Parses, checks and normalizes one byte range of a CSV file (the same row checks as the single-threaded
 * loader, except repeated ids, which only the main thread can see), handing out batches as they fill.
 */
export async function loadPart(task: PartTask, onBatch: (batch: PartBatch) => void): Promise<void> {
  const size = task.batchSize ?? 16_384;
  const normalizer = new PersonNormalizer();
  const local = new Map<InternKind, Map<string, number>>(KINDS.map((k) => [k, new Map()]));
  let strings = emptyStrings();
  let values = new Int32Array(size * FIELD_COUNT);
  let lines = new Int32Array(size);
  let idHashes = new Int32Array(size);
  let ids: string[] = [];
  let truth: string[] = [];
  let issues: CsvIssue[] = [];
  let count = 0;
  let skip = task.skipHeader;
  const stream = createReadStream(task.path, {
    start: task.start,
    end: task.end - 1,
    encoding: "utf8",
    highWaterMark: 1 << 20,
  });
  const flush = () => {
    onBatch({ count, values, lines, ids, idHashes, truth, strings, issues, bytes: stream.bytesRead });
    strings = emptyStrings();
    values = new Int32Array(size * FIELD_COUNT);
    lines = new Int32Array(size);
    idHashes = new Int32Array(size);
    ids = [];
    truth = [];
    issues = [];
    count = 0;
  };
  const intern = (kind: InternKind, value: string): number => {
    if (value === "") return -1;
    const map = local.get(kind)!;
    let id = map.get(value);
    if (id === undefined) {
      id = map.size;
      map.set(value, id);
      strings[kind].push(value);
    }
    return id;
  };
  const direct = directRow(task.roleIndex, intern);
  const parser = new CsvParser(
    (fields, line) => {
      if (skip) {
        skip = false;
        return;
      }
      if (fields.length !== task.headerLength) {
        issues.push({
          line,
          message: `expected ${task.headerLength} fields, found ${fields.length}; row skipped`,
        });
        return;
      }
      const id = fields[task.idIndex]!.trim();
      if (id === "") {
        issues.push({ line, message: "no record id; row skipped" });
        return;
      }
      const at = count * FIELD_COUNT;
      if (direct) direct(fields, values, at);
      else {
        const raw: RawPerson = {};
        for (const [role, k] of task.roleIndex) {
          const value = fields[k]!.trim();
          if (value !== "") raw[role] = value;
        }
        const p = normalizer.normalize(raw);
        for (const [slot, kind, key] of STRING_FIELDS) values[at + slot] = intern(kind, p[key] as string);
        values[at + F.dob] = p.dob;
        values[at + F.sex] = p.sex;
      }
      lines[count] = line;
      idHashes[count] = hashId(id);
      ids.push(id);
      if (task.truthIndex >= 0) truth.push(fields[task.truthIndex]!.trim());
      if (++count === size) flush();
    },
    (issue) => issues.push(issue),
    task.delimiter,
    { line: task.line },
  );
  for await (const chunk of stream) parser.push(chunk as string);
  parser.end();
  flush();
}
