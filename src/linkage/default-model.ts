import type { LinkageModel } from "./model.ts";
import { normalizeLevels } from "./model.ts";

/**
 * Shipped starting parameters: EM starts from these (a start with m above u for agreement levels steers EM away
 * from the "households instead of persons" optimum, reference §6.4), and they score inputs too small to train on.
 * They are hand-set, rounded values in the range training produces on `harbor synth persons` data; they are a
 * fallback, not a trained model.
 */
const M: number[][] = [
  [0, 0.03, 0.03, 0.05, 0.07, 0.82],
  [0, 0.04, 0.03, 0.07, 0.86],
  [0, 0.02, 0.02, 0.09, 0.87],
  [0, 0.02, 0.98],
  [0, 0.15, 0.1, 0.05, 0.7],
  [0, 0.15, 0.02, 0.83],
  [0, 0.15, 0.02, 0.83],
  [0, 0.01, 0.01, 0.98],
];
const U: number[][] = [
  [0, 0.8, 0.08, 0.05, 0.01, 0.06],
  [0, 0.55, 0.1, 0.1, 0.25],
  [0, 0.9, 0.06, 0.02, 0.02],
  [0, 0.5, 0.5],
  [0, 0.7, 0.15, 0.05, 0.1],
  [0, 0.9, 0.01, 0.09],
  [0, 0.95, 0.01, 0.04],
  [0, 0.98, 0.01, 0.01],
];

/** A copy of the default model restricted to the active comparisons. */
export function defaultModel(active: number, reason?: string): LinkageModel {
  return {
    active,
    lambda: 0.05,
    m: M.map((r) => normalizeLevels([...r])),
    u: U.map((r) => normalizeLevels([...r])),
    tfWeight: 1,
    training: {
      method: "default",
      status: "skipped",
      iterations: 0,
      maxChange: 0,
      pairs: 0,
      distinctPatterns: 0,
      warnings: [],
      ...(reason ? { reason } : {}),
    },
  };
}
