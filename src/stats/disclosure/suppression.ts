import { maximize } from "../mse/simplex.ts";

/**
 * Disclosure control for a published frequency table: primary suppression of small counts, then
 * complementary suppression so that no small count can be worked out from the published totals.
 *
 * The table is modelled with its totals as cells ("the extended table"): an r×c table with row
 * totals, column totals and the grand total is an (r+1)×(c+1) grid where every row and column is a
 * linear constraint "members − total = 0". A one-way table (one row of categories and its total) is
 * the same with a single constraint; a multi-response table (a victim counted under several means of
 * control) publishes no total, so it has no constraint and only primary suppression applies.
 *
 * Method: (1) primary: every count c with 0 < c < threshold (zeros are published: a structural zero
 * says nothing about a person, and hiding it would protect nobody); (2) complementary: while some
 * constraint line holds exactly one suppressed entry, suppress that line's smallest unsuppressed
 * non-zero member (members before totals), to a fixed point; (3) audit: for each primary cell the
 * exact range it can take given everything published (an LP over the suppressed entries, ≥ 0) must
 * not be a single value; if it is, one more cell in its lines is suppressed and the loop repeats.
 * The loop ends because every step suppresses a new entry; the worst case suppresses the table.
 */

export const DEFAULT_THRESHOLD = 11;
/** Below 3 a "suppressed" cell would be a 1 or a 2: the hotline's own floor. */
export const MIN_THRESHOLD = 3;

export type SuppressionReason = "primary" | "complementary";

export interface TableInput {
  rows: readonly string[];
  cols: readonly string[];
  /** counts[row][col], non-negative integers. */
  counts: readonly (readonly number[])[];
  /** "both": row, column and grand totals published; "rows": each row's total only (a one-way table has one row); "none": multi-response, no totals. */
  totals: "both" | "rows" | "none";
}

export interface PublishedCell {
  value: number | null;
  suppressed?: SuppressionReason;
}

export interface ProtectedTable {
  rows: string[];
  cols: string[];
  cells: PublishedCell[][];
  rowTotals: PublishedCell[] | null;
  colTotals: PublishedCell[] | null;
  total: PublishedCell | null;
  threshold: number;
  /** Every suppressed entry, where and why (row/col "total" names a total). */
  suppressed: Array<{ row: string; col: string; reason: SuppressionReason }>;
}

export class ThresholdError extends Error {}

export function checkThreshold(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < MIN_THRESHOLD)
    throw new ThresholdError(`threshold must be a whole number of at least ${MIN_THRESHOLD}`);
  return threshold;
}

/** The extended grid: values, and the constraint lines as lists of [index, coefficient]. */
export interface Grid {
  values: number[];
  /** Which entries are totals (complements prefer members). */
  isTotal: boolean[];
  lines: Array<Array<[number, 1 | -1]>>;
  width: number;
  height: number;
}

export function buildGrid(t: TableInput): Grid {
  const r = t.rows.length;
  const c = t.cols.length;
  const width = c + 1;
  const height = r + 1;
  const values = new Array<number>(width * height).fill(0);
  const isTotal = new Array<boolean>(width * height).fill(false);
  const at = (i: number, j: number) => i * width + j;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) {
      const v = t.counts[i]?.[j] ?? 0;
      values[at(i, j)] = v;
      values[at(i, c)]! += v;
      values[at(r, j)]! += v;
      values[at(r, c)]! += v;
    }
  for (let i = 0; i <= r; i++) isTotal[at(i, c)] = true;
  for (let j = 0; j <= c; j++) isTotal[at(r, j)] = true;
  const lines: Grid["lines"] = [];
  if (t.totals !== "none") {
    for (let i = 0; i < r; i++) {
      const line: Array<[number, 1 | -1]> = [];
      for (let j = 0; j < c; j++) line.push([at(i, j), 1]);
      line.push([at(i, c), -1]);
      lines.push(line);
    }
  }
  if (t.totals === "both") {
    for (let j = 0; j <= c; j++) {
      const line: Array<[number, 1 | -1]> = [];
      for (let i = 0; i < r; i++) line.push([at(i, j), 1]);
      line.push([at(r, j), -1]);
      lines.push(line);
    }
  }
  return { values, isTotal, lines, width, height };
}

/**
 * The range [min, max] each suppressed entry can take, given the published entries and the lines
 * (entries are counts, so ≥ 0). The constraint matrix of row/column sums is totally unimodular, so
 * the LP optimum is the integer one. `null` when the entry is unbounded (no line holds it).
 */
export function feasibleRanges(
  grid: Grid,
  suppressed: ReadonlySet<number>,
): Map<number, [number, number | null]> {
  const vars = [...suppressed].sort((a, b) => a - b);
  const col = new Map(vars.map((v, k) => [v, k] as const));
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (const line of grid.lines) {
    if (!line.some(([idx]) => suppressed.has(idx))) continue;
    const coef = new Array<number>(vars.length).fill(0);
    let b = 0;
    for (const [idx, s] of line) {
      if (suppressed.has(idx)) coef[col.get(idx)!] = s;
      else b -= s * grid.values[idx]!;
    }
    rows.push(coef);
    rhs.push(b);
  }
  const out = new Map<number, [number, number | null]>();
  const n = vars.length;
  const m = rows.length;
  if (m === 0) {
    for (const v of vars) out.set(v, [0, null]);
    return out;
  }
  const a = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i * n + j] = rows[i]![j]!;
  const b = Float64Array.from(rhs);
  vars.forEach((v, k) => {
    const c = new Float64Array(n);
    c[k] = 1;
    const hi = maximize(a, m, n, b, c);
    c[k] = -1;
    const lo = maximize(a, m, n, b, c);
    const max = hi.status === "unbounded" ? null : Math.round(hi.value);
    const min = lo.status === "optimal" ? Math.round(-lo.value) : 0;
    out.set(v, [min, max]);
  });
  return out;
}

/** Suppresses a table (see the file comment). Pure: the same table and threshold give the same output. */
export function protectTable(t: TableInput, threshold = DEFAULT_THRESHOLD): ProtectedTable {
  checkThreshold(threshold);
  const grid = buildGrid(t);
  const reason = new Map<number, SuppressionReason>();
  const published = (idx: number) =>
    t.totals === "none" ? !grid.isTotal[idx] : t.totals === "rows" ? !isColumnTotal(grid, idx) : true;
  grid.values.forEach((v, idx) => {
    if (published(idx) && v > 0 && v < threshold) reason.set(idx, "primary");
  });
  const suppress = (idx: number) => {
    if (!reason.has(idx)) reason.set(idx, "complementary");
  };
  for (;;) {
    closeLines(grid, reason, suppress);
    const primaries = [...reason].filter(([, r]) => r === "primary").map(([idx]) => idx);
    const ranges = feasibleRanges(grid, new Set(reason.keys()));
    const exposed = primaries.find((idx) => {
      const [lo, hi] = ranges.get(idx)!;
      return hi !== null && hi === lo;
    });
    if (exposed === undefined) break;
    // One more entry in a line of the exposed cell: the smallest unsuppressed one (any value).
    const candidates = grid.lines
      .filter((line) => line.some(([idx]) => idx === exposed))
      .flatMap((line) => line.map(([idx]) => idx))
      .filter((idx) => !reason.has(idx));
    const next = pickComplement(grid, candidates) ?? anyUnsuppressed(grid, reason);
    if (next === undefined) break; // everything is suppressed already
    suppress(next);
  }
  return present(t, grid, reason, threshold);
}

function isColumnTotal(grid: Grid, idx: number): boolean {
  return Math.floor(idx / grid.width) === grid.height - 1;
}

function closeLines(grid: Grid, reason: Map<number, SuppressionReason>, suppress: (idx: number) => void) {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of grid.lines) {
      const hidden = line.filter(([idx]) => reason.has(idx)).length;
      if (hidden !== 1) continue;
      const pick = pickComplement(
        grid,
        line.map(([idx]) => idx).filter((idx) => !reason.has(idx)),
      );
      if (pick === undefined) continue;
      suppress(pick);
      changed = true;
    }
  }
}

/**
 * Smallest non-zero member first, then non-zero totals, then zeros (a suppressed zero protects little:
 * the audit then adds more if a primary cell is still exposed).
 */
function pickComplement(grid: Grid, candidates: number[]): number | undefined {
  const rank = (idx: number) => [
    grid.values[idx]! > 0 ? 0 : 1,
    grid.isTotal[idx] ? 1 : 0,
    grid.values[idx]!,
    idx,
  ];
  const sorted = [...new Set(candidates)].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return ra[k]! - rb[k]!;
    return 0;
  });
  return sorted[0];
}

function anyUnsuppressed(grid: Grid, reason: Map<number, SuppressionReason>): number | undefined {
  const free = grid.values
    .map((_, idx) => idx)
    .filter((idx) => !reason.has(idx) && grid.lines.some((l) => l.some(([i]) => i === idx)));
  return pickComplement(grid, free);
}

function present(
  t: TableInput,
  grid: Grid,
  reason: Map<number, SuppressionReason>,
  threshold: number,
): ProtectedTable {
  const r = t.rows.length;
  const c = t.cols.length;
  const cell = (i: number, j: number): PublishedCell => {
    const idx = i * grid.width + j;
    const why = reason.get(idx);
    return why ? { value: null, suppressed: why } : { value: grid.values[idx]! };
  };
  const suppressed: ProtectedTable["suppressed"] = [];
  for (const [idx, why] of [...reason].sort((a, b) => a[0] - b[0])) {
    const i = Math.floor(idx / grid.width);
    const j = idx % grid.width;
    suppressed.push({
      row: i === r ? "total" : t.rows[i]!,
      col: j === c ? "total" : t.cols[j]!,
      reason: why,
    });
  }
  return {
    rows: [...t.rows],
    cols: [...t.cols],
    cells: t.rows.map((_, i) => t.cols.map((_, j) => cell(i, j))),
    rowTotals: t.totals === "none" ? null : t.rows.map((_, i) => cell(i, c)),
    colTotals: t.totals === "both" ? t.cols.map((_, j) => cell(r, j)) : null,
    total: t.totals === "both" ? cell(r, c) : null,
    threshold,
    suppressed,
  };
}
