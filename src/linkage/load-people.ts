import { statSync } from "node:fs";
import { type CsvIssue, readCsvFile } from "./csv-read.ts";
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

/**
 * Reads a CSV of people into `store`: header names and values are trimmed; unmapped columns are ignored; a row
 * with the wrong number of fields, no id or a repeated id is reported with its line number and skipped.
 * @throws LinkageInputError when a mapped column is not in the header.
 */
export async function loadPeopleCsv(
  path: string,
  mapping: ColumnMapping,
  store: RecordStore,
  options: { source?: number; delimiter?: string; onProgress?: (fraction: number) => void } = {},
): Promise<LoadedPeople> {
  const normalizer = new PersonNormalizer();
  const issues: CsvIssue[] = [];
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const truthValues: number[] = [];
  const truthIds = new Map<string, number>();
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
        const col = (name: string, what: string) => {
          const k = header!.indexOf(name);
          if (k < 0)
            throw new LinkageInputError(
              `column "${name}" (${what}) is not in the header; columns are: ${header!.join(", ")}`,
            );
          return k;
        };
        idIndex = col(mapping.id, "--id");
        roleIndex = Object.entries(mapping.roles).map(([role, name]) => [role as Role, col(name!, role)]);
        if (mapping.truth) truthIndex = col(mapping.truth, "truth");
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
      if (truthIndex >= 0) {
        const t = fields[truthIndex]!.trim();
        let e = truthIds.get(t);
        if (e === undefined) {
          e = truthIds.size;
          truthIds.set(t, e);
        }
        truthValues.push(e);
      }
      if (options.onProgress && ++rows % 50_000 === 0)
        options.onProgress(Math.min(1, (line * 100) / total / 100));
    },
    (issue) => issues.push(issue),
    options.delimiter,
  );
  if (!header) throw new LinkageInputError(`${path} is empty (no header line)`);
  const loaded: LoadedPeople = { ids, offset, issues, delimiter };
  if (truthIndex >= 0) loaded.truth = Int32Array.from(truthValues);
  return loaded;
}
