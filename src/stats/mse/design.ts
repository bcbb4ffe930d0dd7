import { type CaptureTable, coverCount } from "./capture-table.ts";

/** The two-way interactions of k lists, in R's order: (1,2), (1,3), …, (1,k), (2,3), … (0-based here). */
export function listPairs(k: number): Array<readonly [number, number]> {
  const pairs: Array<readonly [number, number]> = [];
  for (let i = 0; i < k - 1; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  return pairs;
}

/** A log-linear model: main effects for every list plus these two-way interactions (indices into listPairs). */
export type Model = readonly number[];

export const modelKey = (model: Model): string => model.join(",");

export const withPair = (model: Model, pair: number): Model => [...model, pair].sort((a, b) => a - b);

export const withoutPair = (model: Model, pair: number): Model => model.filter((p) => p !== pair);

/**
 * The Poisson regression for one model, over every observable cell. An interaction between two lists that share
 * nobody (N* = 0) has the extended maximum likelihood estimate −∞: its column is left out and the cells holding
 * both lists become structural zeros, left out of the rows (Chan, Silverman and Vincent, 2021).
 */
export interface Design {
  /** Cells kept as rows, in increasing order; with `withUnobserved`, cell 0 comes last. */
  readonly cells: Int32Array;
  /** Number of columns: intercept, one per list, one per interaction with a finite estimate. */
  readonly p: number;
  /** Row-major 0/1 matrix, cells.length × p. */
  readonly x: Float64Array;
  /** Observed counts of the rows (0 for cell 0). */
  readonly y: Float64Array;
  /** The model's interactions with a column (finite) and those at −∞ (no column, their cells removed). */
  readonly finitePairs: readonly number[];
  readonly infinitePairs: readonly number[];
}

export function buildDesign(table: CaptureTable, model: Model, withUnobserved = false): Design {
  const k = table.lists.length;
  const pairs = listPairs(k);
  const finitePairs: number[] = [];
  const infinitePairs: number[] = [];
  for (const m of model) {
    const [i, j] = pairs[m]!;
    (coverCount(table, (1 << i) | (1 << j)) > 0 ? finitePairs : infinitePairs).push(m);
  }
  const removed = infinitePairs.map((m) => (1 << pairs[m]![0]) | (1 << pairs[m]![1]));
  const kept: number[] = [];
  for (let c = 1; c < table.counts.length; c++)
    if (!removed.some((mask) => (c & mask) === mask)) kept.push(c);
  if (withUnobserved) kept.push(0);
  const p = 1 + k + finitePairs.length;
  const x = new Float64Array(kept.length * p);
  const y = new Float64Array(kept.length);
  kept.forEach((c, r) => {
    const row = r * p;
    x[row] = 1;
    for (let i = 0; i < k; i++) if (c & (1 << i)) x[row + 1 + i] = 1;
    finitePairs.forEach((m, f) => {
      const [i, j] = pairs[m]!;
      if (c & (1 << i) && c & (1 << j)) x[row + 1 + k + f] = 1;
    });
    y[r] = table.counts[c]!;
  });
  return { cells: Int32Array.from(kept), p, x, y, finitePairs, infinitePairs };
}

/** Names of interactions, each as "A:B". */
export function interactionNames(lists: readonly string[], pairs: readonly number[]): string[] {
  const all = listPairs(lists.length);
  return pairs.map((m) => `${lists[all[m]![0]]}:${lists[all[m]![1]]}`);
}
