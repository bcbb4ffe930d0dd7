import { COMPARISONS } from "./comparisons.ts";

/** Smallest m or u: a probability of exactly 0 would never move under EM (reference §6.3). */
export const EPSILON = 1e-6;

/** How a model's parameters were obtained, with the honest training report. */
export interface TrainingReport {
  method: "em" | "labels" | "default";
  /** `converged` only when the change fell below tolerance; hitting the cap says so (reference §6.2). */
  status: "converged" | "max_iterations_reached" | "skipped" | "rejected";
  iterations: number;
  /** Largest absolute change of any m, u or λ in the last iteration. */
  maxChange: number;
  pairs: number;
  distinctPatterns: number;
  /** Problems found by the guards: λ collapse, non-monotone weights, m ≤ u at top levels. */
  warnings: string[];
  /** EM's λ over candidate pairs, when the model's λ was rescaled to all possible pairs. */
  blockedLambda?: number;
  /** λ over candidate pairs from the strict rule (same names and date of birth) divided by its recall. */
  ruleLambda?: number;
  /** Why the default model was used instead, when it was. */
  reason?: string;
}

/**
 * A Fellegi-Sunter model: per comparison and level, m = P(level | match) and u = P(level | non-match), and λ, the
 * prior probability that a candidate pair matches. Level 0 (null) carries no evidence and is not modelled.
 */
export interface LinkageModel {
  /** Bitmask of active comparisons (index into COMPARISONS). */
  active: number;
  lambda: number;
  /** m[k][level] and u[k][level]; index 0 unused. */
  m: number[][];
  u: number[][];
  /** Multiplier of the term-frequency adjustment on exact name agreement (0 turns it off). */
  tfWeight: number;
  training: TrainingReport;
}

/** log2 of the odds p/(1-p): the match weight at which the match probability equals p. */
export function logit2(p: number): number {
  return Math.log2(p / (1 - p));
}

/** Match probability from a total match weight (prior included). */
export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** Per comparison, per level: the match weight log2(m/u), 0 for the null level. */
export function weightTable(model: LinkageModel): Float64Array[] {
  return COMPARISONS.map((c, k) => {
    const t = new Float64Array(8);
    if (model.active & (1 << k)) {
      for (let l = 1; l < c.labels.length; l++) t[l] = Math.log2(model.m[k]![l]! / model.u[k]![l]!);
    }
    return t;
  });
}

/** Clamps to [ε, 1] and renormalizes one comparison's level distribution (levels ≥ 1). */
export function normalizeLevels(p: number[]): number[] {
  let sum = 0;
  for (let l = 1; l < p.length; l++) {
    p[l] = Math.max(EPSILON, p[l]!);
    sum += p[l]!;
  }
  return p.map((x, l) => (l === 0 ? 0 : x / sum));
}

/** Checks a trained model and returns warnings: collapse, non-monotone weights, agreement not favouring matches. */
export function modelWarnings(model: LinkageModel): string[] {
  const out: string[] = [];
  const lambda = model.training.blockedLambda ?? model.lambda;
  // With labels, λ is simply the labels' share of matches: a high one is the labeller's choice, not a collapse.
  if (lambda > 0.5 && model.training.method !== "labels") {
    out.push(
      `lambda collapse: estimated share of matching candidate pairs is ${lambda.toFixed(3)} (> 0.5); EM is explaining blocking agreement as matches`,
    );
  }
  const table = weightTable(model);
  COMPARISONS.forEach((c, k) => {
    if (!(model.active & (1 << k))) return;
    const w = table[k]!;
    const top = c.labels.length - 1;
    if (w[top]! <= 0)
      out.push(`${c.name}: exact agreement does not favour a match (weight ${w[top]!.toFixed(2)})`);
    for (let l = 2; l <= top; l++) {
      if (w[l]! < w[l - 1]! - 0.5) {
        out.push(
          `${c.name}: weight of "${c.labels[l]}" (${w[l]!.toFixed(2)}) is below "${c.labels[l - 1]}" (${w[l - 1]!.toFixed(2)})`,
        );
      }
    }
  });
  return out;
}
