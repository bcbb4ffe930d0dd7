import { readFile } from "node:fs/promises";
import { computeGamma } from "./compare-fields.ts";
import { type CsvIssue, CsvParser } from "./csv-read.ts";
import { LinkageInputError } from "./load-people.ts";
import type { LinkageModel } from "./model.ts";
import type { StoreView } from "./record-store.ts";
import { trainFromLabels } from "./train-labels.ts";

/** Labelled record pairs, as store indexes, with their labels (1 match, 0 non-match). */
export interface LabelledPairs {
  left: Int32Array;
  right: Int32Array;
  isMatch: Uint8Array;
  matches: number;
}

/** A labels file read against the loaded records: usable pairs plus every row that was skipped and why. */
export interface LabelsRead {
  labels: LabelledPairs;
  issues: CsvIssue[];
}

const HEADER = ["left_id", "right_id", "is_match"] as const;

function label(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (v === "1" || v === "true") return 1;
  if (v === "0" || v === "false") return 0;
  return undefined;
}

/**
 * Reads `left_id,right_id,is_match` (is_match: 1/0/true/false, case-insensitive; other columns ignored).
 * A bad row (wrong field count, unreadable label, unknown id, a record paired with itself) is reported with its
 * line number and skipped, like a bad input row: one typo in a labels file should not stop a run.
 * @param leftIndex record id → store index for `left_id`; `rightIndex` likewise (the same map when deduplicating).
 * @throws LinkageInputError when the header lacks a required column.
 */
export async function readLabels(
  file: string,
  leftIndex: Map<string, number>,
  rightIndex: Map<string, number>,
  delimiter?: string,
): Promise<LabelsRead> {
  const text = await readFile(file, "utf8");
  const issues: CsvIssue[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const isMatch: number[] = [];
  let columns: number[] | undefined;
  const parser = new CsvParser(
    (fields, line) => {
      if (!columns) {
        const names = fields.map((f) => f.trim().toLowerCase());
        columns = HEADER.map((h) => names.indexOf(h));
        const missing = HEADER.filter((_, k) => columns![k]! < 0);
        if (missing.length > 0)
          throw new LinkageInputError(
            `${file}: labels need the columns ${HEADER.join(",")}; missing ${missing.join(", ")}`,
          );
        return;
      }
      const [l, r, m] = columns.map((c) => (fields[c] ?? "").trim());
      const y = label(m!);
      const i = leftIndex.get(l!);
      const j = rightIndex.get(r!);
      let problem: string | undefined;
      if (y === undefined) problem = `is_match must be 1, 0, true or false, got "${m}"`;
      else if (i === undefined) problem = `unknown left_id "${l}"`;
      else if (j === undefined) problem = `unknown right_id "${r}"`;
      else if (i === j) problem = `a record paired with itself ("${l}")`;
      if (problem !== undefined) {
        issues.push({ line, message: `${problem}; label skipped` });
        return;
      }
      // The engine's pairs have the earlier record first; keep labels the same way round.
      left.push(Math.min(i!, j!));
      right.push(Math.max(i!, j!));
      isMatch.push(y!);
    },
    (issue) => issues.push(issue),
    delimiter,
  );
  parser.push(text);
  parser.end();
  if (!columns)
    throw new LinkageInputError(`${file}: empty labels file (expected the header ${HEADER.join(",")})`);
  const matches = isMatch.reduce((s, y) => s + y, 0);
  return {
    labels: {
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      isMatch: Uint8Array.from(isMatch),
      matches,
    },
    issues,
  };
}

/**
 * Supervised training on labelled pairs: their comparison vectors are computed directly (a labelled pair need
 * not be a candidate pair), then {@link trainFromLabels} estimates m, u and λ.
 * @throws LinkageInputError when the usable labels lack matches or non-matches.
 */
export function trainOnLabels(v: StoreView, labels: LabelledPairs, active: number): LinkageModel {
  const n = labels.isMatch.length;
  if (labels.matches === 0 || labels.matches === n)
    throw new LinkageInputError(
      `labels need both matches and non-matches (usable labels: ${labels.matches} matches, ${n - labels.matches} non-matches)`,
    );
  const gammas = new Uint32Array(n);
  for (let p = 0; p < n; p++) gammas[p] = computeGamma(v, labels.left[p]!, labels.right[p]!, active);
  return trainFromLabels(gammas, labels.isMatch, active);
}
