import { COMPARISONS, CONTEXTS, contextLabel, IDENTITY, LEVEL_STRIDE, PARENTS, slot } from "./comparisons.ts";

/** Smallest m or u: a probability of exactly 0 would never move under EM (reference §6.3). */
export const EPSILON = 1e-6;

/** One check of the fit guard (fit-guard.ts): what was checked, whether it passed, and the figure behind it. */
export interface FitCheck {
  name: string;
  passed: boolean;
  detail: string;
}

/** How a model's parameters were obtained, with the honest training report. */
export interface TrainingReport {
  /** `em`: fitted without labels; `labels`: from labelled pairs; `fallback`: an untrained model (see `reason`). */
  method: "em" | "labels" | "fallback";
  /** `converged` only when the change fell below tolerance; hitting the cap says so (reference §6.2). */
  status: "converged" | "max_iterations_reached" | "skipped";
  iterations: number;
  /** Largest absolute change of any m, u or λ in the last iteration. */
  maxChange: number;
  pairs: number;
  distinctPatterns: number;
  /** Problems found by the guards; each is also printed by the CLI. */
  warnings: string[];
  /** Log-likelihood of the candidate pairs' patterns under the model (nats), when EM ran. */
  logLikelihood?: number;
  /** Bits per pair the two-class model explains beyond one class of independent fields. */
  likelihoodGain?: number;
  /** The fit guard's checks of the accepted fit (or of the last rejected one, for a fallback). */
  checks?: FitCheck[];
  /** Which EM start won ("random-pair u" or "candidate-pair u"), when EM ran. */
  start?: string;
  /** What the E-step used as evidence: "every field", or "address parts as one". */
  evidence?: string;
  /** Why preferred EM variants were not used (not warnings: a later variant was accepted). */
  notes?: string[];
  /** Why a fallback model scored instead of a fitted one, when it did: printed on stderr and in the summary. */
  reason?: string;
}

/**
 * A Fellegi-Sunter model: per comparison and level, m = P(level | match) and u = P(level | non-match), and λ, the
 * prior probability that a pair of the scored population matches. Unsupervised training fits it on the candidate
 * pairs, so λ and u describe candidate pairs. Level 0 (null) carries no evidence and is not modelled.
 */
export interface LinkageModel {
  /** Bitmask of active comparisons (index into COMPARISONS). */
  active: number;
  lambda: number;
  /** m[slot(k, context)][level] and u[…][level] (comparisons.ts `slot`); level 0 unused. */
  m: number[][];
  u: number[][];
  /** Multiplier of the term-frequency adjustment on exact name agreement (0 turns it off). */
  tfWeight: number;
  /**
   * Per slot, the share of non-matches agreeing exactly on a name that agree by chance (tf-chance.ts); the
   * term-frequency adjustment is scaled by it. Absent: 1 everywhere (the full adjustment).
   */
  tfChance?: number[];
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

/** Per slot (comparison and context), per level: the match weight log2(m/u); 0 for null and inactive comparisons. */
export function weightTable(model: LinkageModel): Float64Array[] {
  const out: Float64Array[] = [];
  COMPARISONS.forEach((c, k) => {
    for (let x = 0; x < CONTEXTS; x++) {
      const t = new Float64Array(LEVEL_STRIDE);
      const row = slot(k, x);
      if (model.active & (1 << k))
        for (let l = 1; l < c.labels.length; l++) t[l] = Math.log2(model.m[row]![l]! / model.u[row]![l]!);
      out.push(t);
    }
  });
  return out;
}

/** The contexts a comparison uses: context 0 only without parents; "some agree" only with two or more. */
export function contextsOf(k: number): number[] {
  const n = PARENTS[k]!.length;
  return n === 0 ? [0] : n === 1 ? [0, 1, 3] : [0, 1, 2, 3];
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

/** Weights below the previous level's by more than this are reported as non-monotone. */
export const MONOTONE_TOLERANCE = 0.5;

/**
 * Per-field sanity of a model's weights: agreement must favour a match more than disagreement, and closer
 * agreement should not weigh less than looser agreement (reference §6.4). Returns one message per problem.
 */
export function modelWarnings(model: LinkageModel): string[] {
  const out: string[] = [];
  const table = weightTable(model);
  COMPARISONS.forEach((c, k) => {
    if (!(model.active & (1 << k))) return;
    const top = c.labels.length - 1;
    for (const x of contextsOf(k)) {
      const w = table[slot(k, x)]!;
      const name = `${c.name}${contextLabel(k, x, model.active)}`;
      // A field left out of scoring in this context (m = u, every weight 0) was reported when it was left out.
      if (w.every((x) => x === 0)) continue;
      if (w[top]! <= 0 || w[top]! <= w[1]!)
        out.push(`${name}: exact agreement does not favour a match (weight ${w[top]!.toFixed(2)})`);
      for (let l = 2; l <= top; l++) {
        if (w[l]! < w[l - 1]! - MONOTONE_TOLERANCE) {
          out.push(
            `${name}: weight of "${c.labels[l]}" (${w[l]!.toFixed(2)}) is below "${c.labels[l - 1]}" (${w[l - 1]!.toFixed(2)})`,
          );
        }
      }
    }
  });
  return out;
}

/** True for comparisons that identify a person (names, date of birth, national id). */
export function isIdentity(k: number): boolean {
  return IDENTITY.includes(k);
}

/**
 * The uninformed starting m of a comparison: exact agreement 0.9, the remaining 0.1 spread over the lower levels in
 * proportion to their closeness (1 for "different", 2 for the next, ...). Not tuned to any data set: it only says
 * that records of one person usually agree, which is what lets EM pick the person class rather than another one.
 */
export function genericM(levels: number): number[] {
  if (levels < 2) return [0];
  const top = levels - 1;
  const rest = ((top - 1) * top) / 2;
  return normalizeLevels(
    Array.from({ length: levels }, (_, l) => (l === 0 ? 0 : l === top ? 0.9 : (0.1 * l) / rest)),
  );
}

/** A per-slot table (m or u) with one row per comparison repeated for each context. */
export function perSlot(rows: readonly number[][]): number[][] {
  return rows.flatMap((r) => Array.from({ length: CONTEXTS }, () => [...r]));
}
