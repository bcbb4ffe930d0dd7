import { createReadStream, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { type CsvIssue, CsvParser, readCsvFile } from "./csv-read.ts";
import { splitCsvFile } from "./csv-split.ts";
import { loadRangesParallel } from "./load-parallel.ts";
import type { ColumnIndexes } from "./load-part.ts";
import { PersonNormalizer } from "./normalize-record.ts";
import type { RecordStore } from "./record-store.ts";
import { type RawPerson, ROLES, type Role } from "./types.ts";

/** Which CSV column holds the record id and which columns play which roles. */
export interface ColumnMapping {
  id: string;
  roles: Partial<Record<Role, string>>;
  /** Optional ground-truth entity column, for evaluation only. */
  truth?: string;
}

/** A user error in the input or mapping (missing column, unknown role); the CLI prints it as one line. */
export class LinkageInputError extends Error {}

/**
 * Parses `ROLE=COLUMN,ROLE=COLUMN`. Column names are trimmed; a role may appear once.
 * @throws LinkageInputError on an unknown role or a malformed entry.
 */
export function parseRoleMap(spec: string): Partial<Record<Role, string>> {
  const out: Partial<Record<Role, string>> = {};
  for (const part of spec.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) throw new LinkageInputError(`--map entry "${part.trim()}" is not ROLE=COLUMN`);
    const role = part.slice(0, eq).trim() as Role;
    const column = part.slice(eq + 1).trim();
    if (!ROLES.includes(role))
      throw new LinkageInputError(`unknown role "${role}"; roles are: ${ROLES.join(", ")}`);
    if (column === "") throw new LinkageInputError(`--map entry for ${role} names no column`);
    if (out[role]) throw new LinkageInputError(`role ${role} is mapped twice`);
    out[role] = column;
  }
  return out;
}

/** Result of loading one CSV file into a store. */
export interface LoadedPeople {
  /** Record id of each loaded record, in store order (only this file's records). */
  ids: string[];
  /** Index in the store of this file's first record. */
  offset: number;
  issues: CsvIssue[];
  delimiter: string;
  truth?: Int32Array;
}

/** Options of {@link loadPeopleCsv}. */
export interface LoadOptions {
  source?: number;
  delimiter?: string;
  onProgress?: (fraction: number) => void;
  /** Threads that parse and normalize (default: one per core); below 2 the file is read on this thread. */
  workers?: number;
  /** Files smaller than this are read on this thread (starting workers costs more); default 16 MB. */
  parallelMinBytes?: number;
}

/** Below this size a file is read on the calling thread. */
export const PARALLEL_MIN_BYTES = 16 << 20;

/** The header row and the delimiter (given, or detected from the header line as the parser does). */
async function readHeader(
  path: string,
  delimiter?: string,
): Promise<{ fields: string[]; delimiter: string } | undefined> {
  let fields: string[] | undefined;
  const parser = new CsvParser(
    (f) => (fields ??= f),
    () => {},
    delimiter,
  );
  for await (const chunk of createReadStream(path, { encoding: "utf8", start: 0, end: (1 << 20) - 1 })) {
    parser.push(chunk as string);
    if (fields) break;
  }
  return fields ? { fields, delimiter: parser.usedDelimiter } : undefined;
}

/**
 * Column indexes of the id, truth and mapped roles in a header (names trimmed).
 * @throws LinkageInputError when a mapped column is not in the header.
 */
function resolveColumns(rawHeader: string[], mapping: ColumnMapping): ColumnIndexes {
  const header = rawHeader.map((f) => f.trim());
  const col = (name: string, what: string) => {
    const k = header.indexOf(name);
    if (k < 0)
      throw new LinkageInputError(
        `column "${name}" (${what}) is not in the header; columns are: ${header.join(", ")}`,
      );
    return k;
  };
  return {
    headerLength: header.length,
    idIndex: col(mapping.id, "--id"),
    roleIndex: Object.entries(mapping.roles).map(([role, name]) => [role as Role, col(name!, role)]),
    truthIndex: mapping.truth ? col(mapping.truth, "truth") : -1,
  };
}

/** Dense entity numbers (first appearance order) for ground-truth labels. */
function entityIds(labels: string[]): Int32Array {
  const ids = new Map<string, number>();
  const out = new Int32Array(labels.length);
  labels.forEach((t, k) => {
    let e = ids.get(t);
    if (e === undefined) {
      e = ids.size;
      ids.set(t, e);
    }
    out[k] = e;
  });
  return out;
}

/**
 * Reads a CSV of people into `store`: header names and values are trimmed; unmapped columns are ignored; a row
 * with the wrong number of fields, no id or a repeated id is reported with its line number and skipped.
 * @throws LinkageInputError when a mapped column is not in the header.
 */
export async function loadPeopleCsv(
  path: string,
  mapping: ColumnMapping,
  store: RecordStore,
  options: LoadOptions = {},
): Promise<LoadedPeople> {
  const workers = options.workers ?? availableParallelism();
  const size = statSync(path).size;
  if (workers >= 2 && size >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
    const head = await readHeader(path, options.delimiter);
    if (head) {
      const columns = resolveColumns(head.fields, mapping);
      const ranges = splitCsvFile(path, workers, head.delimiter);
      if (ranges) {
        const offset = store.n;
        const task = { ...columns, path, delimiter: head.delimiter };
        const r = await loadRangesParallel(task, ranges, store, options.source ?? 0, options.onProgress);
        const loaded: LoadedPeople = { ids: r.ids, offset, issues: r.issues, delimiter: head.delimiter };
        if (columns.truthIndex >= 0) loaded.truth = entityIds(r.truth);
        return loaded;
      }
    }
  }
  return loadSerial(path, mapping, store, options);
}

async function loadSerial(
  path: string,
  mapping: ColumnMapping,
  store: RecordStore,
  options: LoadOptions,
): Promise<LoadedPeople> {
  const normalizer = new PersonNormalizer();
  const issues: CsvIssue[] = [];
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const truthLabels: string[] = [];
  const offset = store.n;
  let header: string[] | undefined;
  let roleIndex: [Role, number][] = [];
  let idIndex = -1;
  let truthIndex = -1;
  const total = Math.max(1, statSync(path).size);
  let rows = 0;
  const delimiter = await readCsvFile(
    path,
    (fields, line) => {
      if (!header) {
        header = fields.map((f) => f.trim());
        ({ idIndex, roleIndex, truthIndex } = resolveColumns(header, mapping));
        return;
      }
      if (fields.length !== header.length) {
        issues.push({
          line,
          message: `expected ${header.length} fields, found ${fields.length}; row skipped`,
        });
        return;
      }
      const id = fields[idIndex]!.trim();
      if (id === "") {
        issues.push({ line, message: "no record id; row skipped" });
        return;
      }
      const first = seen.get(id);
      if (first !== undefined) {
        issues.push({ line, message: `record id "${id}" repeats line ${first}; row skipped` });
        return;
      }
      seen.set(id, line);
      const raw: RawPerson = {};
      for (const [role, k] of roleIndex) {
        const value = fields[k]!.trim();
        if (value !== "") raw[role] = value;
      }
      store.add(normalizer.normalize(raw), options.source ?? 0);
      ids.push(id);
      if (truthIndex >= 0) truthLabels.push(fields[truthIndex]!.trim());
      if (options.onProgress && ++rows % 50_000 === 0)
        options.onProgress(Math.min(1, (line * 100) / total / 100));
    },
    (issue) => issues.push(issue),
    options.delimiter,
  );
  if (!header) throw new LinkageInputError(`${path} is empty (no header line)`);
  const loaded: LoadedPeople = { ids, offset, issues, delimiter };
  if (truthIndex >= 0) loaded.truth = entityIds(truthLabels);
  return loaded;
}
