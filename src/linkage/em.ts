import { C, COMPARISONS, LEVEL_BITS } from "./comparisons.ts";
import { defaultModel } from "./default-model.ts";
import { type LinkageModel, modelWarnings, normalizeLevels } from "./model.ts";

/** Options for {@link trainEm}. */
export interface EmOptions {
  maxIterations?: number;
  /** Convergence when no parameter changes by more than this between iterations. */
  tolerance?: number;
  /** Starting parameters (defaults to the shipped model). */
  start?: LinkageModel;
  /** Keep λ fixed at the start value instead of estimating it. */
  fixLambda?: boolean;
  /** Keep m fixed at the start values (estimate λ, and u unless fixedU, only). */
  fixM?: boolean;
  /**
   * u for the identity comparisons, estimated from random pairs and held fixed in stage 1 (Splink's scheme);
   * without it, u is estimated jointly.
   */
  fixedU?: number[][];
  /**
   * With fixedU: the number of candidate pairs that satisfy the strict rule "same given name (or nickname), same
   * family name, same date of birth". λ is then not free (free λ with fixed u collapses, reference §6.1) but set
   * from this count divided by the rule's recall among matches, which the current m gives; m and λ are iterated
   * to a fixed point.
   */
  deterministicMatches?: number;
}

/** Comparison-vector patterns with how many candidate pairs share each: EM works on these, not on pairs. */
export interface PatternCounts {
  patterns: Uint32Array;
  counts: Float64Array;
}

/** Collects distinct gammas with counts (thousands of patterns stand for millions of pairs). */
export function countPatterns(gammas: Uint32Array, count = gammas.length): PatternCounts {
  const map = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const g = gammas[i]!;
    map.set(g, (map.get(g) ?? 0) + 1);
  }
  return fromMap(map);
}

/** Turns a gamma → count map into {@link PatternCounts}. */
export function fromMap(map: Map<number, number>): PatternCounts {
  const patterns = new Uint32Array(map.size);
  const counts = new Float64Array(map.size);
  let k = 0;
  for (const [g, c] of map) {
    patterns[k] = g;
    counts[k++] = c;
  }
  return { patterns, counts };
}

/** Comparisons that identify a person (rather than where or how to reach them). */
const IDENTITY = [C.given, C.family, C.dob, C.sex, C.nationalId];

/**
 * Estimates the model on the blocked candidate pairs by expectation-maximization, in two stages that avoid the
 * optima EM falls into on person data (reference §6):
 * - Stage 1 runs over the identity comparisons only (names, date of birth, sex, id), which define what a match
 *   is. With `fixedU` (the pipeline passes u from random pairs) only m and λ move — Splink's scheme; the patterns
 *   come with each blocking rule's forced fields cleared, so agreement that blocking guaranteed is not counted
 *   as evidence and cannot drive λ towards 1.
 * - Stage 2 estimates m and u of the contact comparisons (address, phone, e-mail) from stage 1's posteriors, on
 *   the blocked pairs: household members share address and phone, and u learned there keeps that shared
 *   contact from redefining a match as "same household" (Splink #1817).
 * Guards: probabilities are clamped to ε, the status says `max_iterations_reached` when the cap is hit, and
 * warnings (λ collapse above 0.5, non-monotone weights) are attached; see {@link assertPlausible}.
 */
export function trainEm(data: PatternCounts, active: number, options: EmOptions = {}): LinkageModel {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  const start = options.start ?? defaultModel(active);
  const all = COMPARISONS.map((_, k) => k).filter((k) => active & (1 << k));
  let ks = all.filter((k) => IDENTITY.includes(k as (typeof IDENTITY)[number]));
  // Without at least two identity fields there is nothing to anchor stage 1: fall back to one joint EM.
  if (ks.length < 2) ks = all;
  const rest = all.filter((k) => !ks.includes(k));
  let m = start.m.map((r) => [...r]);
  let u = (options.fixedU ?? start.u).map((r) => [...r]);
  let lambda = start.lambda;
  const P = data.patterns.length;
  const levels = new Uint8Array(P * 8);
  let total = 0;
  for (let p = 0; p < P; p++) {
    for (const k of all) levels[p * 8 + k] = (data.patterns[p]! >>> (k * LEVEL_BITS)) & 7;
    total += data.counts[p]!;
  }
  const posterior = new Float64Array(P);
  const eStep = () => {
    let matchMass = 0;
    for (let p = 0; p < P; p++) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (const k of ks) {
        const l = levels[p * 8 + k]!;
        if (l === 0) continue;
        pm *= m[k]![l]!;
        pu *= u[k]![l]!;
      }
      posterior[p] = pm / (pm + pu);
      matchMass += data.counts[p]! * posterior[p]!;
    }
    return matchMass;
  };
  const mStep = (fields: number[]) => {
    const mAcc = COMPARISONS.map((c) => new Float64Array(c.labels.length));
    const uAcc = COMPARISONS.map((c) => new Float64Array(c.labels.length));
    for (let p = 0; p < P; p++) {
      const c = data.counts[p]!;
      const w = posterior[p]!;
      for (const k of fields) {
        const l = levels[p * 8 + k]!;
        if (l === 0) continue;
        mAcc[k]![l] = mAcc[k]![l]! + c * w;
        uAcc[k]![l] = uAcc[k]![l]! + c * (1 - w);
      }
    }
    return {
      nm: m.map((r, k) => (fields.includes(k) ? normalizeLevels(Array.from(mAcc[k]!)) : r)),
      nu: u.map((r, k) => (fields.includes(k) ? normalizeLevels(Array.from(uAcc[k]!)) : r)),
    };
  };
  let iterations = 0;
  let maxChange = Number.POSITIVE_INFINITY;
  while (iterations < maxIterations && maxChange > tolerance) {
    iterations++;
    const matchMass = eStep();
    const step = mStep(ks);
    const nm = options.fixM ? m : step.nm;
    const nu = options.fixedU ? u : step.nu;
    let nl = options.fixLambda ? lambda : Math.min(1 - 1e-9, Math.max(1e-9, matchMass / Math.max(1, total)));
    if (options.fixedU && options.deterministicMatches !== undefined) {
      const recall = (nm[C.given]![4]! + nm[C.given]![5]!) * nm[C.family]![4]! * nm[C.dob]![4]!;
      nl = Math.min(
        1 - 1e-9,
        Math.max(1e-9, options.deterministicMatches / Math.max(1e-3, recall) / Math.max(1, total)),
      );
    }
    maxChange = Math.abs(nl - lambda);
    for (const k of ks) {
      for (let l = 1; l < nm[k]!.length; l++) {
        maxChange = Math.max(maxChange, Math.abs(nm[k]![l]! - m[k]![l]!), Math.abs(nu[k]![l]! - u[k]![l]!));
      }
    }
    m = nm;
    u = nu;
    lambda = nl;
  }
  if (rest.length > 0) {
    eStep();
    const { nm, nu } = mStep(rest);
    m = nm;
    u = nu;
  }
  const model: LinkageModel = {
    active,
    lambda,
    m,
    u,
    tfWeight: start.tfWeight,
    training: {
      method: "em",
      status: maxChange <= tolerance ? "converged" : "max_iterations_reached",
      iterations,
      maxChange,
      pairs: total,
      distinctPatterns: P,
      warnings: [],
    },
  };
  model.training.warnings = modelWarnings(model);
  return model;
}

/** Raised when a trained model fails the plausibility guards; carries the report. */
export class ImplausibleModelError extends Error {
  constructor(readonly model: LinkageModel) {
    super(`EM result rejected: ${model.training.warnings.join("; ")}`);
  }
}

/**
 * Fails loudly on a collapsed model (λ > 0.5): such a model calls every candidate pair a match.
 * @throws ImplausibleModelError
 */
export function assertPlausible(model: LinkageModel): void {
  if (model.lambda > 0.5) throw new ImplausibleModelError(model);
}
