import { C, LEVEL_BITS } from "./comparisons.ts";
import { type LinkageModel, logit2, weightTable } from "./model.ts";
import type { StoreView } from "./record-store.ts";
import type { TfTables } from "./term-frequency.ts";

/** A compiled model: the per-level weight table flattened for the hot loop, plus the prior. */
export interface Scorer {
  /** weights[k * 8 + level] in bits. */
  weights: Float64Array;
  /** log2(λ / (1 − λ)): the prior odds every pair starts from. */
  prior: number;
  tfWeight: number;
  tf: TfTables | undefined;
  active: number;
}

/** Compiles a model (and optional term-frequency tables) for scoring. */
export function compileScorer(model: LinkageModel, tf?: TfTables): Scorer {
  const weights = new Float64Array(64);
  for (const [k, t] of weightTable(model).entries()) weights.set(t, k * 8);
  return { weights, prior: logit2(model.lambda), tfWeight: model.tfWeight, tf, active: model.active };
}

/**
 * Total match weight of a pair (prior included): prior + Σ level weights + term-frequency adjustments.
 * Decisions use this weight, not the probability, which saturates to 1.0 above about 53 bits (reference §6.6).
 */
export function pairWeight(s: Scorer, v: StoreView, i: number, j: number, gamma: number): number {
  const w = s.weights;
  let total =
    s.prior +
    w[gamma & 7]! +
    w[8 + ((gamma >>> 3) & 7)]! +
    w[16 + ((gamma >>> 6) & 7)]! +
    w[24 + ((gamma >>> 9) & 7)]! +
    w[32 + ((gamma >>> 12) & 7)]! +
    w[40 + ((gamma >>> 15) & 7)]! +
    w[48 + ((gamma >>> 18) & 7)]! +
    w[56 + ((gamma >>> 21) & 7)]!;
  const tf = s.tf;
  if (tf && s.tfWeight !== 0) {
    if (((gamma >>> (C.given * LEVEL_BITS)) & 7) === 5) {
      const g = v.given[i]!;
      // Swapped names also score "exact" but the two values differ; use the rarer side only when equal.
      if (g === v.given[j]) total += s.tfWeight * (tf.given[g] ?? 0);
    }
    if (((gamma >>> (C.family * LEVEL_BITS)) & 7) === 4) {
      const f = v.family[i]!;
      if (f === v.family[j]) total += s.tfWeight * (tf.family[f] ?? 0);
    }
  }
  return total;
}
