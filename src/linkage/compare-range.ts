import { computeGamma } from "./compare-fields.ts";
import type { StoreView } from "./record-store.ts";
import { pairWeight, type Scorer } from "./score.ts";

/** Compute gammas of pairs [from, to) into `gammas`, and count the distinct patterns seen. */
export interface GammaTask {
  kind: "gamma";
  view: StoreView;
  left: Int32Array;
  right: Int32Array;
  gammas: Uint32Array;
  active: number;
  from: number;
  to: number;
}

/** Compute the match weights of pairs [from, to) into `weights`. */
export interface ScoreTask {
  kind: "score";
  view: StoreView;
  left: Int32Array;
  right: Int32Array;
  gammas: Uint32Array;
  weights: Float32Array;
  scorer: Scorer;
  from: number;
  to: number;
}

/** Result of a gamma task: the distinct comparison patterns with counts (what EM trains on). */
export interface GammaResult {
  patterns: Uint32Array;
  counts: Float64Array;
}

/** Runs a {@link GammaTask} on this thread. */
export function gammaRange(t: GammaTask): GammaResult {
  const { view, left, right, gammas, active } = t;
  const map = new Map<number, number>();
  let last = -1;
  let run = 0;
  for (let p = t.from; p < t.to; p++) {
    const g = computeGamma(view, left[p]!, right[p]!, active);
    gammas[p] = g;
    // Consecutive pairs often share a pattern; counting runs saves most map updates.
    if (g === last) run++;
    else {
      if (run > 0) map.set(last, (map.get(last) ?? 0) + run);
      last = g;
      run = 1;
    }
  }
  if (run > 0) map.set(last, (map.get(last) ?? 0) + run);
  const patterns = new Uint32Array(map.size);
  const counts = new Float64Array(map.size);
  let k = 0;
  for (const [g, c] of map) {
    patterns[k] = g;
    counts[k++] = c;
  }
  return { patterns, counts };
}

/** Runs a {@link ScoreTask} on this thread. */
export function scoreRange(t: ScoreTask): { done: number } {
  const { view, left, right, gammas, weights, scorer } = t;
  for (let p = t.from; p < t.to; p++) weights[p] = pairWeight(scorer, view, left[p]!, right[p]!, gammas[p]!);
  return { done: t.to - t.from };
}
