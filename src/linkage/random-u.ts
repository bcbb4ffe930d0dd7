import { computeGamma } from "./compare-fields.ts";
import { COMPARISONS, levelOf } from "./comparisons.ts";
import { normalizeLevels, perSlot } from "./model.ts";
import type { StoreView } from "./record-store.ts";
import { Rng } from "./synth/random.ts";

/**
 * Estimates u (level frequencies among non-matches) from random record pairs, as Splink does
 * (`estimate_u_using_random_sampling`): two random records are almost never the same person. Deterministic for a
 * given seed. With `crossSource`, pairs are drawn across the two inputs. Random pairs almost never reach the
 * contexts where a parent field agrees, so the estimate is one distribution per comparison, repeated for each
 * context: it starts EM, which learns the contexts, and scores a fallback, which has none.
 * @returns u[slot(k, context)][level] for every comparison and context (level 0 unused).
 */
export function estimateURandom(
  v: StoreView,
  active: number,
  samples = 400_000,
  seed = 1,
  crossSource = false,
): number[][] {
  const rng = new Rng(seed);
  const acc = COMPARISONS.map((c) => new Array<number>(c.labels.length).fill(0.5));
  const n = v.n;
  for (let s = 0; n >= 2 && s < samples; s++) {
    const i = rng.int(n);
    let j = rng.int(n - 1);
    if (j >= i) j++;
    if (crossSource && v.source[i] === v.source[j]) continue;
    const g = computeGamma(v, i, j, active);
    for (let k = 0; k < COMPARISONS.length; k++) {
      const l = levelOf(g, k);
      if (l > 0) acc[k]![l]!++;
    }
  }
  return perSlot(acc.map((r) => normalizeLevels(r)));
}
