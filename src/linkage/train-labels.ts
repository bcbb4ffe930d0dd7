import { COMPARISONS, CONTEXTS, contextOf, levelOf, slot } from "./comparisons.ts";
import { type LinkageModel, modelWarnings, normalizeLevels } from "./model.ts";

/**
 * Supervised training for users who have labelled pairs: m and u are the level frequencies among labelled matches
 * and non-matches (add-one smoothed so unseen levels keep a small probability), λ their share.
 * @param gammas comparison vectors of the labelled pairs; `isMatch[i]` is the label of `gammas[i]`.
 * @throws Error when there are no matches or no non-matches among the labels.
 */
export function trainFromLabels(
  gammas: Uint32Array,
  isMatch: Uint8Array,
  active: number,
  tfWeight = 1,
): LinkageModel {
  const table = () =>
    COMPARISONS.flatMap((c) =>
      Array.from({ length: CONTEXTS }, () => new Array<number>(c.labels.length).fill(1)),
    );
  const mAcc = table();
  const uAcc = table();
  let matches = 0;
  for (let p = 0; p < gammas.length; p++) {
    const acc = isMatch[p] ? mAcc : uAcc;
    if (isMatch[p]) matches++;
    for (let k = 0; k < COMPARISONS.length; k++) {
      const l = levelOf(gammas[p]!, k);
      if (l > 0) acc[slot(k, contextOf(gammas[p]!, k))]![l]!++;
    }
  }
  if (matches === 0 || matches === gammas.length) throw new Error("labels need both matches and non-matches");
  const model: LinkageModel = {
    active,
    lambda: matches / gammas.length,
    m: mAcc.map((r) => normalizeLevels(r)),
    u: uAcc.map((r) => normalizeLevels(r)),
    tfWeight,
    training: {
      method: "labels",
      status: "converged",
      iterations: 1,
      maxChange: 0,
      pairs: gammas.length,
      distinctPatterns: new Set(gammas).size,
      warnings: [],
    },
  };
  model.training.warnings = modelWarnings(model);
  return model;
}
