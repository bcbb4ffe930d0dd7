/**
 * The capture table: for k lists, the count of people seen on exactly each combination of lists. A cell is a
 * bit mask over the lists (bit i set = on list i); cell 0, seen on no list, is the unobserved "dark figure".
 * Every one of the 2^k − 1 observable cells is part of the table, listed or not: a history nobody had is an
 * observed zero, and the models are always fitted over all of them.
 */
export interface CaptureTable {
  readonly lists: readonly string[];
  /** counts[cell] for cell = 1 … 2^k − 1; counts[0] is always 0. */
  readonly counts: Float64Array;
}

/** Most lists a table may have: 2^10 − 1 observable cells and 56 parameters in the largest two-way model. */
export const MAX_LISTS = 10;

/** Raised for a table the estimator cannot use (too few or too many lists, bad counts). */
export class CaptureTableError extends Error {}

/** One capture history (which lists recorded someone) and how many people had it. */
export interface CaptureHistory {
  readonly on: readonly boolean[];
  readonly count: number;
}

/** Builds a table from capture histories; repeated histories are added together. */
export function captureTable(lists: readonly string[], histories: Iterable<CaptureHistory>): CaptureTable {
  if (lists.length < 2) throw new CaptureTableError("multiple systems estimation needs at least two lists");
  if (lists.length > MAX_LISTS) throw new CaptureTableError(`at most ${MAX_LISTS} lists are supported`);
  const counts = new Float64Array(1 << lists.length);
  for (const h of histories) {
    if (h.on.length !== lists.length)
      throw new CaptureTableError("a capture history must have one flag per list");
    if (!(Number.isInteger(h.count) && h.count >= 0))
      throw new CaptureTableError("a count must be a whole number, zero or more");
    const cell = cellOf(h.on);
    if (cell === 0 && h.count > 0) throw new CaptureTableError("nobody can be counted as seen on no list");
    counts[cell]! += h.count;
  }
  return { lists: [...lists], counts };
}

/**
 * The table for linked records: each person's set of sources (list names) is one capture history. This is what
 * the casework API will call with each victim entity's sources.
 */
export function tableFromMemberships(
  lists: readonly string[],
  people: Iterable<Iterable<string>>,
): CaptureTable {
  const index = new Map(lists.map((name, i) => [name, i]));
  const histories: CaptureHistory[] = [];
  for (const sources of people) {
    const on = lists.map(() => false);
    for (const s of sources) {
      const i = index.get(s);
      if (i === undefined) throw new CaptureTableError(`unknown list "${s}"`);
      on[i] = true;
    }
    if (on.some(Boolean)) histories.push({ on, count: 1 });
  }
  return captureTable(lists, histories);
}

const cellOf = (on: readonly boolean[]): number => on.reduce((cell, v, i) => (v ? cell | (1 << i) : cell), 0);

/** Number of people observed on at least one list. */
export function observedTotal(table: CaptureTable): number {
  let n = 0;
  for (let c = 1; c < table.counts.length; c++) n += table.counts[c]!;
  return n;
}

/** N*: the number of people on every list of `mask`, whatever other lists they are on. */
export function coverCount(table: CaptureTable, mask: number): number {
  let n = 0;
  for (let c = 1; c < table.counts.length; c++) if ((c & mask) === mask) n += table.counts[c]!;
  return n;
}

export type DroppedReason = "empty" | "everyone" | "duplicate";

export interface DroppedList {
  readonly list: string;
  readonly reason: DroppedReason;
  /** For a duplicate, the list it repeats. */
  readonly sameAs?: string;
}

/**
 * Removes lists that carry no information about the unobserved: a list nobody is on, a list everybody observed
 * is on (nothing is then outside it to compare with), and a list with exactly the same members as an earlier one.
 */
export function dropUninformativeLists(table: CaptureTable): { table: CaptureTable; dropped: DroppedList[] } {
  const k = table.lists.length;
  const total = observedTotal(table);
  const dropped: DroppedList[] = [];
  const keep: number[] = [];
  for (let i = 0; i < k; i++) {
    const on = coverCount(table, 1 << i);
    const name = table.lists[i]!;
    if (on === 0) dropped.push({ list: name, reason: "empty" });
    else if (on === total) dropped.push({ list: name, reason: "everyone" });
    else {
      const twin = keep.find((j) => sameMembers(table, i, j));
      if (twin === undefined) keep.push(i);
      else dropped.push({ list: name, reason: "duplicate", sameAs: table.lists[twin]! });
    }
  }
  if (dropped.length === 0) return { table, dropped };
  if (keep.length < 2) {
    const why = dropped.map(
      (d) => `${d.list} (${d.reason === "duplicate" ? `same as ${d.sameAs}` : d.reason})`,
    );
    throw new CaptureTableError(`fewer than two informative lists are left after removing ${why.join(", ")}`);
  }
  const counts = new Float64Array(1 << keep.length);
  for (let c = 1; c < table.counts.length; c++) {
    let cell = 0;
    keep.forEach((i, j) => {
      if (c & (1 << i)) cell |= 1 << j;
    });
    counts[cell]! += table.counts[c]!;
  }
  return { table: { lists: keep.map((i) => table.lists[i]!), counts }, dropped };
}

/** Two lists have the same members when no observed person is on one but not the other. */
function sameMembers(table: CaptureTable, i: number, j: number): boolean {
  for (let c = 1; c < table.counts.length; c++)
    if (table.counts[c]! > 0 && ((c >> i) & 1) !== ((c >> j) & 1)) return false;
  return true;
}

/** The same table with its lists in another order: `order[j]` is the old index of new list j. */
export function permuteLists(table: CaptureTable, order: readonly number[]): CaptureTable {
  const counts = new Float64Array(table.counts.length);
  for (let c = 1; c < table.counts.length; c++) {
    let cell = 0;
    order.forEach((old, j) => {
      if (c & (1 << old)) cell |= 1 << j;
    });
    counts[cell] = table.counts[c]!;
  }
  return { lists: order.map((i) => table.lists[i]!), counts };
}
