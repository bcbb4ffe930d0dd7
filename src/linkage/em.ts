import { ADDRESS, activeList, COMPARISONS, K, LEVEL_STRIDE, levelOf } from "./comparisons.ts";
import { type LinkageModel, modelWarnings, normalizeLevels } from "./model.ts";

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

/** Options for {@link trainEm}. */
export interface EmOptions {
  maxIterations?: number;
  /** Convergence when no parameter changes by more than this between iterations. */
  tolerance?: number;
  /** Keep u at the start values (Splink's scheme: u from random pairs) and estimate m and λ only. */
  fixU?: boolean;
  /** Keep m at the start values. */
  fixM?: boolean;
  /** Keep λ at the start value. */
  fixLambda?: boolean;
  /**
   * The comparisons whose levels decide each pattern's posterior (the E-step); default: every active one. The
   * M-step still estimates m and u of every active comparison from those posteriors, so the others are learned
   * given what the evidence fields call a match, without being able to redefine it.
   */
  evidence?: readonly number[];
}

/** What {@link trainEm} returns besides the model: the likelihood path, for the fit guard. */
export interface EmFit {
  model: LinkageModel;
  /** Log-likelihood (nats) after each iteration's parameters, in order. */
  path: number[];
  /** Posterior match probability of each pattern under the final parameters. */
  posterior: Float64Array;
  /** The comparisons the E-step used (the likelihood is theirs). */
  evidence: number[];
}

/**
 * An evidence slot that is not a comparison: the address parts summarized into one variable, so that parts which
 * change together when a person moves count as one piece of evidence in the E-step. Its levels: 0 no part
 * comparable, 1 every comparable part different, 2 some agreement, 3 every comparable part exact.
 */
export const ADDRESS_SLOT = K;
/** Levels of {@link ADDRESS_SLOT}. */
const ADDRESS_LEVELS = 4;

/** Number of levels (null included) of an evidence slot. */
export function slotLevels(slot: number): number {
  return slot === ADDRESS_SLOT ? ADDRESS_LEVELS : COMPARISONS[slot]!.labels.length;
}

function addressSummary(g: number): number {
  let present = 0;
  let different = 0;
  let exact = 0;
  for (const k of ADDRESS) {
    const l = levelOf(g, k);
    if (l === 0) continue;
    present++;
    if (l === 1) different++;
    else if (l === COMPARISONS[k]!.labels.length - 1) exact++;
  }
  return present === 0 ? 0 : different === present ? 1 : exact === present ? 3 : 2;
}

/** Per-pattern levels of the given slots, laid out `p * 16 + slot`; shared by EM and the guard. */
export function patternLevels(data: PatternCounts, slots: readonly number[]): Uint8Array {
  const P = data.patterns.length;
  const levels = new Uint8Array(P * 16);
  for (let p = 0; p < P; p++) {
    const g = data.patterns[p]!;
    for (const k of slots) levels[p * 16 + k] = k === ADDRESS_SLOT ? addressSummary(g) : levelOf(g, k);
  }
  return levels;
}

/**
 * Log-likelihood of the patterns under a two-class model, and each pattern's posterior match probability
 * (written to `posterior`). Null levels (0) are missing values: they contribute nothing.
 */
export function mixtureLikelihood(
  data: PatternCounts,
  levels: Uint8Array,
  ks: readonly number[],
  m: number[][],
  u: number[][],
  lambda: number,
  posterior: Float64Array,
): number {
  let ll = 0;
  for (let p = 0; p < data.patterns.length; p++) {
    let pm = lambda;
    let pu = 1 - lambda;
    for (const k of ks) {
      const l = levels[p * 16 + k]!;
      if (l === 0) continue;
      pm *= m[k]![l]!;
      pu *= u[k]![l]!;
    }
    const total = pm + pu;
    posterior[p] = pm / total;
    ll += data.counts[p]! * Math.log(total);
  }
  return ll;
}

/**
 * Expectation-maximization of a two-class Fellegi-Sunter mixture over comparison patterns (the classic scheme of
 * the ECM classifier: m, u and λ jointly, unless some are fixed). Probabilities are clamped to ε so a zero never
 * sticks (reference §6.3); the status says `max_iterations_reached` when the cap is hit (§6.2), and the
 * log-likelihood after every iteration is returned so the fit guard can check that it rose and by how much.
 */
export function trainEm(
  data: PatternCounts,
  start: LinkageModel,
  options: EmOptions = {},
): EmFit {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-6;
  const active = start.active;
  const ks = activeList(active);
  const evidence = options.evidence
    ? options.evidence.filter((k) => k === ADDRESS_SLOT || ks.includes(k))
    : ks;
  const slots = [...new Set([...ks, ...evidence])];
  let m = start.m.map((r) => [...r]);
  let u = start.u.map((r) => [...r]);
  // The summary slot starts uninformed: its own u is the candidates' distribution, learned like any other.
  if (evidence.includes(ADDRESS_SLOT)) {
    m[ADDRESS_SLOT] = normalizeLevels([0, 0.05, 0.15, 0.8]);
    u[ADDRESS_SLOT] = normalizeLevels([0, 0.6, 0.3, 0.1]);
  }
  let lambda = start.lambda;
  const P = data.patterns.length;
  const levels = patternLevels(data, slots);
  let total = 0;
  for (let p = 0; p < P; p++) total += data.counts[p]!;
  const posterior = new Float64Array(P);
  const path: number[] = [];
  let iterations = 0;
  let maxChange = Number.POSITIVE_INFINITY;
  mixtureLikelihood(data, levels, evidence, m, u, lambda, posterior);
  while (iterations < maxIterations && maxChange > tolerance) {
    iterations++;
    const mAcc = Array.from({ length: K + 1 }, () => new Float64Array(LEVEL_STRIDE));
    const uAcc = Array.from({ length: K + 1 }, () => new Float64Array(LEVEL_STRIDE));
    let matchMass = 0;
    for (let p = 0; p < P; p++) {
      const c = data.counts[p]!;
      const w = posterior[p]!;
      matchMass += c * w;
      for (const k of slots) {
        const l = levels[p * 16 + k]!;
        if (l === 0) continue;
        mAcc[k]![l]! += c * w;
        uAcc[k]![l]! += c * (1 - w);
      }
    }
    const level = (acc: Float64Array, k: number) => normalizeLevels(Array.from(acc.subarray(0, slotLevels(k))));
    const nm = options.fixM ? m : m.map((r, k) => (slots.includes(k) ? level(mAcc[k]!, k) : r));
    const nu = options.fixU ? u : u.map((r, k) => (slots.includes(k) ? level(uAcc[k]!, k) : r));
    const nl = options.fixLambda ? lambda : Math.min(1 - 1e-9, Math.max(1e-9, matchMass / Math.max(1, total)));
    maxChange = Math.abs(nl - lambda);
    for (const k of slots) {
      for (let l = 1; l < nm[k]!.length; l++) {
        maxChange = Math.max(maxChange, Math.abs(nm[k]![l]! - m[k]![l]!), Math.abs(nu[k]![l]! - u[k]![l]!));
      }
    }
    m = nm;
    u = nu;
    lambda = nl;
    path.push(mixtureLikelihood(data, levels, evidence, m, u, lambda, posterior));
  }
  const model: LinkageModel = {
    active,
    lambda,
    m: m.slice(0, K),
    u: u.slice(0, K),
    tfWeight: start.tfWeight,
    training: {
      method: "em",
      status: maxChange <= tolerance ? "converged" : "max_iterations_reached",
      iterations,
      maxChange,
      pairs: total,
      distinctPatterns: P,
      warnings: [],
      ...(path.length > 0 ? { logLikelihood: path[path.length - 1]! } : {}),
    },
  };
  model.training.warnings = modelWarnings(model);
  return { model, path, posterior, evidence };
}
