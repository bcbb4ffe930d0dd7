import { computeGamma } from "./compare-fields.ts";
import { COMPARISONS, contextLabel, contextOf, LEVEL_STRIDE, levelOf, slot } from "./comparisons.ts";
import { probabilityOf } from "./model.ts";
import type { StoreView } from "./record-store.ts";
import { pairWeight, type Scorer, tfAdjustment } from "./score.ts";

/** One comparison's part in a score. */
export interface FieldExplanation {
  comparison: string;
  level: number;
  label: string;
  /** The context its m and u were taken in (comparisons.ts PARENTS), e.g. ", postcode agreeing"; "" for none. */
  context: string;
  /** log2(m/u) of the level, in bits; 0 for a null level. */
  weight: number;
  /** Term-frequency adjustment added on exact name agreement, in bits. */
  tfAdjustment: number;
}

/** Why a pair scored what it did: the prior, each field's level and weight, the total and the probability. */
export interface Explanation {
  prior: number;
  fields: FieldExplanation[];
  matchWeight: number;
  matchProbability: number;
}

/**
 * Explains the score of records i and j field by field. prior + Σ (weight + tfAdjustment) is exactly the match
 * weight the pipeline used (tested), so a reviewer sees the same arithmetic that made the decision.
 */
export function explainPair(v: StoreView, s: Scorer, i: number, j: number): Explanation {
  const gamma = computeGamma(v, i, j, s.active);
  const fields: FieldExplanation[] = [];
  COMPARISONS.forEach((c, k) => {
    if (!(s.active & (1 << k))) return;
    const level = levelOf(gamma, k);
    const context = contextOf(gamma, k);
    fields.push({
      comparison: c.name,
      level,
      label: c.labels[level]!,
      context: level === 0 ? "" : contextLabel(k, context, s.active),
      weight: s.weights[slot(k, context) * LEVEL_STRIDE + level]!,
      tfAdjustment: tfAdjustment(s, v, i, j, k, level, context),
    });
  });
  const total = pairWeight(s, v, i, j, gamma);
  return { prior: s.prior, fields, matchWeight: total, matchProbability: probabilityOf(total) };
}

function signed(x: number): string {
  return `${x >= 0 ? "+" : ""}${x.toFixed(2)}`;
}

/**
 * One cell per field for CSV output, e.g. `exact (+3.10, tf -0.80)` or `exact, postcode agreeing (+0.41)`, plus `prior` and `match_weight`. The cells are
 * rounded to two decimals; the match weight to three: the unrounded parts add up to it exactly.
 */
export function explanationCells(e: Explanation): Record<string, string> {
  const out: Record<string, string> = { match_weight: e.matchWeight.toFixed(3), prior: signed(e.prior) };
  for (const f of e.fields) {
    out[f.comparison] =
      `${f.label}${f.context} (${signed(f.weight)}${f.tfAdjustment !== 0 ? `, tf ${signed(f.tfAdjustment)}` : ""})`;
  }
  return out;
}
