import { C, CONTEXTS, contextOf, K, LEVEL_STRIDE, MASK, SHIFT, slot } from "./comparisons.ts";
import { type LinkageModel, logit2, weightTable } from "./model.ts";
import type { StoreView } from "./record-store.ts";
import { sharedAdjustment, type TfTables } from "./term-frequency.ts";

/** A compiled model: the per-level weight table flattened for the hot loop, plus the prior. */
export interface Scorer {
  /** weights[slot(k, context) * LEVEL_STRIDE + level] in bits. */
  weights: Float64Array;
  /** log2(λ / (1 − λ)): the prior odds every pair starts from. */
  prior: number;
  tfWeight: number;
  tf: TfTables | undefined;
  /** Per slot, the share of agreeing non-matches that agree by chance (tf-chance.ts); scales the adjustment. */
  tfChance: Float64Array;
  active: number;
}

/** Compiles a model (and optional term-frequency tables) for scoring. */
export function compileScorer(model: LinkageModel, tf?: TfTables): Scorer {
  const weights = new Float64Array(K * CONTEXTS * LEVEL_STRIDE);
  for (const [row, t] of weightTable(model).entries()) weights.set(t, row * LEVEL_STRIDE);
  const tfChance = new Float64Array(K * CONTEXTS).fill(1);
  if (model.tfChance) tfChance.set(model.tfChance);
  return {
    weights,
    prior: logit2(model.lambda),
    tfWeight: model.tfWeight,
    tf,
    tfChance,
    active: model.active,
  };
}

const TOP_GIVEN = 5;
const TOP_FAMILY = 4;

/**
 * The term-frequency adjustment (bits) of comparison k at `level` for records i and j: non-zero only for exact
 * agreement on the same name (swapped names also score "exact" but the two values differ), and scaled down in a
 * context where agreeing non-matches are mostly relatives rather than namesakes (tf-chance.ts).
 */
export function tfAdjustment(
  s: Scorer,
  v: StoreView,
  i: number,
  j: number,
  k: number,
  level: number,
  context: number,
): number {
  const tf = s.tf;
  if (!tf || s.tfWeight === 0) return 0;
  if (k === C.given && level === TOP_GIVEN) {
    const g = v.given[i]!;
    if (g !== v.given[j]) return 0;
    return s.tfWeight * sharedAdjustment(tf.given[g] ?? 0, s.tfChance[slot(k, context)]!);
  }
  if (k === C.family && level === TOP_FAMILY) {
    const f = v.family[i]!;
    if (f !== v.family[j]) return 0;
    return s.tfWeight * sharedAdjustment(tf.family[f] ?? 0, s.tfChance[slot(k, context)]!);
  }
  return 0;
}

/**
 * Total match weight of a pair (prior included): prior + Σ level weights + term-frequency adjustments.
 * Decisions use this weight, not the probability, which saturates to 1.0 above about 53 bits (reference §6.6).
 */
export function pairWeight(s: Scorer, v: StoreView, i: number, j: number, gamma: number): number {
  const w = s.weights;
  let total = s.prior;
  for (let k = 0; k < K; k++)
    total += w[(k * CONTEXTS + contextOf(gamma, k)) * LEVEL_STRIDE + ((gamma >>> SHIFT[k]!) & MASK[k]!)]!;
  if (s.tf && s.tfWeight !== 0) {
    const gl = (gamma >>> SHIFT[C.given]!) & MASK[C.given]!;
    const fl = (gamma >>> SHIFT[C.family]!) & MASK[C.family]!;
    if (gl === TOP_GIVEN) total += tfAdjustment(s, v, i, j, C.given, gl, contextOf(gamma, C.given));
    if (fl === TOP_FAMILY) total += tfAdjustment(s, v, i, j, C.family, fl, contextOf(gamma, C.family));
  }
  return total;
}
