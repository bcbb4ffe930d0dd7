import {
  ADDRESS,
  activeList,
  COMPARISONS,
  CONTEXTS,
  contextOf,
  K,
  LEVEL_STRIDE,
  levelOf,
  slot,
} from "./comparisons.ts";
import { contextsOf, type LinkageModel, modelWarnings, normalizeLevels } from "./model.ts";

/** Comparison-vector patterns with how many candidate pairs share each: EM works on these, not on pairs. */
export interface PatternCounts {
  patterns: Uint32Array;
  counts: Float64Array;
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
  /**
   * What decides each pattern's posterior (the E-step): comparisons by index, and {@link ADDRESS_SUMMARY} for the
   * address parts summarized into one variable. Default: every active comparison. The M-step still estimates m
   * and u of every active comparison from those posteriors, so fields left out of the evidence are learned given
   * what the evidence calls a match, without being able to redefine it.
   */
  evidence?: readonly number[];
}

/**
 * Evidence that is not a comparison: the address parts summarized into one variable, so parts that change
 * together when a person moves count once. Its levels: 0 no part comparable, 1 every comparable part different,
 * 2 some agreement, 3 every comparable part exact. It is row {@link ADDRESS_SUMMARY} of the EM tables.
 */
export const ADDRESS_SUMMARY = K * CONTEXTS;
const SUMMARY_LEVELS = 4;

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

/** What {@link trainEm} returns besides the model: the likelihood path, for the fit guard. */
export interface EmFit {
  model: LinkageModel;
  /** Log-likelihood (nats) after each iteration's parameters, in order. */
  path: number[];
  /** Posterior match probability of each pattern under the final parameters. */
  posterior: Float64Array;
  /** What the E-step used (the likelihood is of these). */
  evidence: number[];
}

/**
 * Pseudo-pairs that pull a context's level distribution towards the field's distribution over all contexts: a
 * context seen in a handful of pairs keeps the field's overall shape instead of a noisy one of its own.
 */
export const CONTEXT_PRIOR = 10;

/**
 * Per pattern and evidence: level and table row, at `p * 16 + k` (the address summary at `p * 16 + K`); shared by
 * EM and the guard.
 */
export function patternTables(
  data: PatternCounts,
  ks: readonly number[],
): { levels: Uint8Array; rows: Uint8Array } {
  const P = data.patterns.length;
  const levels = new Uint8Array(P * 16);
  const rows = new Uint8Array(P * 16);
  for (let p = 0; p < P; p++) {
    const g = data.patterns[p]!;
    for (const k of ks) {
      if (k === ADDRESS_SUMMARY) {
        levels[p * 16 + K] = addressSummary(g);
        rows[p * 16 + K] = ADDRESS_SUMMARY;
      } else {
        levels[p * 16 + k] = levelOf(g, k);
        rows[p * 16 + k] = slot(k, contextOf(g, k));
      }
    }
  }
  return { levels, rows };
}

/** Where {@link patternTables} keeps evidence `k`. */
export function column(k: number): number {
  return k === ADDRESS_SUMMARY ? K : k;
}

/**
 * Log-likelihood of the patterns under a two-class model, and each pattern's posterior match probability
 * (written to `posterior`). Null levels (0) are missing values: they contribute nothing.
 */
export function mixtureLikelihood(
  data: PatternCounts,
  t: { levels: Uint8Array; rows: Uint8Array },
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
      const l = t.levels[p * 16 + column(k)]!;
      if (l === 0) continue;
      const row = t.rows[p * 16 + column(k)]!;
      pm *= m[row]![l]!;
      pu *= u[row]![l]!;
    }
    const total = pm + pu;
    posterior[p] = pm / total;
    ll += data.counts[p]! * Math.log(total);
  }
  return ll;
}

/**
 * Level distributions per context from weighted counts; with `prior`, each is shrunk towards the field's pooled
 * distribution by that many pseudo-pairs.
 */
function estimate(acc: Float64Array[], k: number, prior = 0): number[][] {
  const levels = COMPARISONS[k]!.labels.length;
  const contexts = contextsOf(k);
  const pooled = new Array<number>(levels).fill(0);
  for (const x of contexts) for (let l = 1; l < levels; l++) pooled[l]! += acc[slot(k, x)]![l]!;
  const share = normalizeLevels([...pooled]);
  return contexts.map((x) =>
    normalizeLevels(
      Array.from({ length: levels }, (_, l) =>
        l === 0 ? 0 : acc[slot(k, x)]![l]! + (contexts.length > 1 ? prior * share[l]! : 0),
      ),
    ),
  );
}

/** Writes per-context rows (in contextsOf(k) order) into a per-slot table. */
function setContexts(table: number[][], k: number, rows: number[][]): void {
  contextsOf(k).forEach((x, i) => {
    table[slot(k, x)] = rows[i]!;
  });
}

/**
 * Expectation-maximization of a two-class Fellegi-Sunter mixture over comparison patterns (the classic scheme of
 * the ECM classifier: m, u and λ jointly), with m and u per context for the fields that
 * have parents (comparisons.ts `PARENTS`). Probabilities are clamped to ε so a zero never sticks (reference §6.3);
 * the status says `max_iterations_reached` when the cap is hit (§6.2), and the log-likelihood after every
 * iteration is returned so the fit guard can check that it rose and by how much.
 */
export function trainEm(data: PatternCounts, start: LinkageModel, options: EmOptions = {}): EmFit {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-6;
  const active = start.active;
  const ks = activeList(active);
  const evidence = options.evidence
    ? options.evidence.filter((k) => k === ADDRESS_SUMMARY || ks.includes(k))
    : ks;
  const summarized = evidence.includes(ADDRESS_SUMMARY);
  let m = start.m.map((r) => [...r]);
  let u = start.u.map((r) => [...r]);
  // The summary starts uninformed; like every row it is learned.
  m[ADDRESS_SUMMARY] = normalizeLevels([0, 0.1, 0.3, 0.6]);
  u[ADDRESS_SUMMARY] = normalizeLevels([0, 0.4, 0.4, 0.2]);
  let lambda = start.lambda;
  const P = data.patterns.length;
  const tables = patternTables(data, summarized ? [...ks, ADDRESS_SUMMARY] : ks);
  let total = 0;
  for (let p = 0; p < P; p++) total += data.counts[p]!;
  const posterior = new Float64Array(P);
  const path: number[] = [];
  let iterations = 0;
  let maxChange = Number.POSITIVE_INFINITY;
  mixtureLikelihood(data, tables, evidence, m, u, lambda, posterior);
  const accumulate = (post: Float64Array) => {
    const mAcc = Array.from({ length: K * CONTEXTS + 1 }, () => new Float64Array(LEVEL_STRIDE));
    const uAcc = Array.from({ length: K * CONTEXTS + 1 }, () => new Float64Array(LEVEL_STRIDE));
    let matchMass = 0;
    for (let p = 0; p < P; p++) {
      const c = data.counts[p]!;
      const w = post[p]!;
      matchMass += c * w;
      for (let q = 0; q <= K; q++) {
        const l = tables.levels[p * 16 + q]!;
        if (l === 0) continue;
        const row = tables.rows[p * 16 + q]!;
        mAcc[row]![l]! += c * w;
        uAcc[row]![l]! += c * (1 - w);
      }
    }
    return { mAcc, uAcc, matchMass };
  };
  while (iterations < maxIterations && maxChange > tolerance) {
    iterations++;
    const { mAcc, uAcc, matchMass } = accumulate(posterior);
    const nm = m.map((r) => [...r]);
    const nu = u.map((r) => [...r]);
    for (const k of ks) {
      setContexts(nm, k, estimate(mAcc, k));
      setContexts(nu, k, estimate(uAcc, k));
    }
    if (summarized) {
      const share = (acc: Float64Array) => normalizeLevels(Array.from(acc.subarray(0, SUMMARY_LEVELS)));
      nm[ADDRESS_SUMMARY] = share(mAcc[ADDRESS_SUMMARY]!);
      nu[ADDRESS_SUMMARY] = share(uAcc[ADDRESS_SUMMARY]!);
    }
    const nl = Math.min(1 - 1e-9, Math.max(1e-9, matchMass / Math.max(1, total)));
    maxChange = Math.abs(nl - lambda);
    for (const k of ks) {
      for (const x of contextsOf(k)) {
        const row = slot(k, x);
        for (let l = 1; l < nm[row]!.length; l++)
          maxChange = Math.max(
            maxChange,
            Math.abs(nm[row]![l]! - m[row]![l]!),
            Math.abs(nu[row]![l]! - u[row]![l]!),
          );
      }
    }
    m = nm;
    u = nu;
    lambda = nl;
    path.push(mixtureLikelihood(data, tables, evidence, m, u, lambda, posterior));
  }
  // EM itself is plain maximum likelihood (so its likelihood never falls, which the guard checks); the contexts
  // are shrunk once, at the end, from the final posteriors.
  if (iterations > 0) {
    const { mAcc, uAcc } = accumulate(posterior);
    for (const k of ks) {
      if (contextsOf(k).length < 2) continue;
      setContexts(m, k, estimate(mAcc, k, CONTEXT_PRIOR));
      setContexts(u, k, estimate(uAcc, k, CONTEXT_PRIOR));
    }
  }
  const model: LinkageModel = {
    active,
    lambda,
    m: m.slice(0, ADDRESS_SUMMARY),
    u: u.slice(0, ADDRESS_SUMMARY),
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
