import { countTruePairs } from "./blocking.ts";

/** Pairwise precision, recall and F1 against ground truth. */
export interface PairwiseScores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

function scores(tp: number, fp: number, fn: number): PairwiseScores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Scores the predicted pairs (those with weight ≥ linkWeight) against the true entity of each record. */
export function evaluatePairs(
  truth: Int32Array,
  left: Int32Array,
  right: Int32Array,
  weights: Float32Array,
  count: number,
  linkWeight: number,
  source?: Uint8Array,
): PairwiseScores {
  let tp = 0;
  let fp = 0;
  for (let p = 0; p < count; p++) {
    if (weights[p]! < linkWeight) continue;
    if (truth[left[p]!] === truth[right[p]!]) tp++;
    else fp++;
  }
  return scores(tp, fp, countTruePairs(truth, source) - tp);
}

/** Scores clusters: every pair inside a predicted cluster counts as a predicted match. */
export function evaluateClusters(truth: Int32Array, clusterOf: Int32Array): PairwiseScores {
  const bySize = new Map<number, number>();
  const cells = new Map<number, number>();
  let entities = 1;
  for (let i = 0; i < truth.length; i++) if (truth[i]! >= entities) entities = truth[i]! + 1;
  for (let i = 0; i < truth.length; i++) {
    bySize.set(clusterOf[i]!, (bySize.get(clusterOf[i]!) ?? 0) + 1);
    const key = clusterOf[i]! * entities + truth[i]!;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let predicted = 0;
  for (const s of bySize.values()) predicted += (s * (s - 1)) / 2;
  let tp = 0;
  for (const s of cells.values()) tp += (s * (s - 1)) / 2;
  return scores(tp, predicted - tp, countTruePairs(truth) - tp);
}
