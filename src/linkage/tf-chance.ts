import { C, CONTEXTS, contextOf, K, levelOf, slot } from "./comparisons.ts";
import type { LinkageModel } from "./model.ts";
import type { PairBuffer } from "./pair-buffer.ts";
import type { StoreView } from "./record-store.ts";
import { compileScorer, pairWeight } from "./score.ts";
import type { TfTables } from "./term-frequency.ts";

/** Exact levels that carry a term-frequency adjustment (score.ts), with the name column each reads. */
const TF_FIELDS = [
  { k: C.given, level: 5, column: (v: StoreView) => v.given, table: (t: TfTables) => t.given },
  { k: C.family, level: 4, column: (v: StoreView) => v.family, table: (t: TfTables) => t.family },
] as const;

/** Below this much non-match evidence in a slot the adjustment applies in full (Splink's behaviour). */
const MIN_EVIDENCE = 200;

/**
 * The term-frequency adjustment log2(Σtf² / tf_v) assumes that different people agree on a name by chance, with
 * probability tf_v² for name v. That is true of namesakes, not of relatives: two people of one household share
 * their family name whatever its frequency (the pair's name is then distributed as tf_v, like a match's), so a rare
 * shared family name says nothing about whether two relatives are one person. In a context where most non-matches
 * agreeing on a name are relatives (family name when the given names differ), the full adjustment turns every
 * household with a rare name into false matches.
 *
 * Among the non-matches agreeing exactly on a name in one context, the share `a` agreeing by chance is estimated
 * by maximum likelihood from the agreed values themselves: value v has likelihood ∝ tf_v · (a · tf_v/Σtf² + 1 − a)
 * (chance: tf_v²/Σtf²; otherwise tf_v). The adjustment then is −log2(a · tf_v/Σtf² + 1 − a): the full adjustment
 * at a = 1, none at a = 0 (score.ts). Non-matches are weighted by 1 − the match probability of their pattern
 * without term frequencies. Nothing here depends on a particular data set or generator.
 * @returns the chance share per slot (comparisons.ts `slot`), 1 where it does not apply or evidence is thin.
 */
export function estimateTfChance(
  v: StoreView,
  pairs: PairBuffer,
  gammas: Uint32Array,
  model: LinkageModel,
  tf: TfTables,
): number[] {
  const chance = new Array<number>(K * CONTEXTS).fill(1);
  const plain = compileScorer({ ...model, tfWeight: 0 });
  const nonMatch = new Map<number, number>();
  const weightOf = (g: number): number => {
    let w = nonMatch.get(g);
    if (w === undefined) {
      w = 1 / (1 + 2 ** pairWeight(plain, v, 0, 0, g));
      nonMatch.set(g, w);
    }
    return w;
  };
  for (const f of TF_FIELDS) {
    if (!(model.active & (1 << f.k))) continue;
    const column = f.column(v);
    const table = f.table(tf);
    // The tables are clipped (term-frequency.ts), so tf_v · r_v no longer sums to 1 over the names: normalize by
    // R = Σ tf_v r_v so the chance distribution is one, as the maximum likelihood needs.
    const freq = new Float64Array(table.length);
    let present = 0;
    for (let i = 0; i < v.n; i++) {
      const id = column[i]!;
      if (id >= 0) {
        freq[id]!++;
        present++;
      }
    }
    let norm = 0;
    for (let id = 0; id < table.length; id++)
      if (freq[id]! > 0) norm += (freq[id]! / present) * 2 ** -table[id]!;
    norm ||= 1;
    // Per context: non-match weight per agreed value.
    const byValue = Array.from({ length: CONTEXTS }, () => new Map<number, number>());
    for (let p = 0; p < pairs.count; p++) {
      const g = gammas[p]!;
      if (levelOf(g, f.k) !== f.level) continue;
      const a = column[pairs.left[p]!]!;
      if (a < 0 || a !== column[pairs.right[p]!]) continue;
      const m = byValue[contextOf(g, f.k)]!;
      m.set(a, (m.get(a) ?? 0) + weightOf(g));
    }
    for (let x = 0; x < CONTEXTS; x++) {
      const counts = byValue[x]!;
      let total = 0;
      for (const c of counts.values()) total += c;
      if (total < MIN_EVIDENCE) continue;
      const ratios: number[] = [];
      const weights: number[] = [];
      for (const [id, c] of counts) {
        ratios.push(2 ** -(table[id] ?? 0) / norm);
        weights.push(c);
      }
      chance[slot(f.k, x)] = chanceShare(ratios, weights);
    }
  }
  return chance;
}

/**
 * argmax over a in [0, 1] of Σ w_v log(1 + a (r_v − 1)), with r_v = tf_v/Σtf²: concave in a, so bisection on the
 * derivative finds it.
 */
export function chanceShare(ratios: number[], weights: number[]): number {
  const slope = (a: number) => {
    let d = 0;
    for (let q = 0; q < ratios.length; q++)
      d += (weights[q]! * (ratios[q]! - 1)) / (1 + a * (ratios[q]! - 1));
    return d;
  };
  if (slope(1) >= 0) return 1;
  if (slope(0) <= 0) return 0;
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 40; it++) {
    const mid = (lo + hi) / 2;
    if (slope(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
