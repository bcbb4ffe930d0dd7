import {
  ADDRESS,
  activeList,
  COMPARISONS,
  CONTEXTS,
  contextOf,
  IDENTITY,
  levelOf,
  slot,
} from "./comparisons.ts";
import { ADDRESS_SUMMARY, type EmFit, type PatternCounts, trainEm } from "./em.ts";
import { type Judgement, judgeFit, repairFields } from "./fit-guard.ts";
import { genericM, type LinkageModel, modelWarnings, normalizeLevels, perSlot } from "./model.ts";

/** Inputs of {@link trainUnsupervised}. */
export interface UnsupervisedInput {
  /** Candidate pairs' comparison patterns with counts. */
  patterns: PatternCounts;
  /** u per slot from random record pairs (Splink's estimate_u_using_random_sampling). */
  randomU: number[][];
  active: number;
  tfWeight?: number;
}

/** Level distribution of every comparison and context over all candidate pairs: one class, no latent match. */
function marginals(data: PatternCounts, active: number): number[][] {
  const acc = COMPARISONS.flatMap((c) =>
    Array.from({ length: CONTEXTS }, () => new Array<number>(c.labels.length).fill(0.5)),
  );
  COMPARISONS.forEach((_, k) => {
    if (!(active & (1 << k))) return;
    for (let p = 0; p < data.patterns.length; p++) {
      const g = data.patterns[p]!;
      const l = levelOf(g, k);
      if (l > 0) acc[slot(k, contextOf(g, k))]![l]! += data.counts[p]!;
    }
  });
  return acc.map((r) => normalizeLevels(r));
}

/**
 * Share of candidate pairs that agree exactly on every identity field both records have (at least two): a
 * deterministic-rule guess of λ used only to start EM, never as a bound on it.
 */
export function strictShare(data: PatternCounts, active: number): number {
  const ks = IDENTITY.filter((k) => active & (1 << k));
  let strict = 0;
  let total = 0;
  for (let p = 0; p < data.patterns.length; p++) {
    const g = data.patterns[p]!;
    let present = 0;
    let exact = 0;
    for (const k of ks) {
      const l = levelOf(g, k);
      if (l === 0) continue;
      present++;
      if (l === COMPARISONS[k]!.labels.length - 1) exact++;
    }
    if (present >= 2 && exact === present) strict += data.counts[p]!;
    total += data.counts[p]!;
  }
  return Math.min(0.9, Math.max(0.01, strict / Math.max(1, total)));
}

/** The start of EM: the generic m in every context, the given u (per slot) and λ. */
export function startModel(active: number, u: number[][], lambda: number, tfWeight: number): LinkageModel {
  return {
    active,
    lambda,
    m: perSlot(COMPARISONS.map((c) => genericM(c.labels.length))),
    u: u.map((r) => [...r]),
    tfWeight,
    training: {
      method: "em",
      status: "skipped",
      iterations: 0,
      maxChange: 0,
      pairs: 0,
      distinctPatterns: 0,
      warnings: [],
    },
  };
}

/**
 * An untrained model for when no fit passes the guard (or there is too little to fit): generic m, u from random
 * pairs, λ as given. It is tuned to no data set; it is announced, with the reason, on stderr and in the run
 * summary.
 */
export function fallbackModel(
  active: number,
  randomU: number[][],
  lambda: number,
  reason: string,
): LinkageModel {
  const model = startModel(active, randomU, lambda, 1);
  model.training = {
    ...model.training,
    method: "fallback",
    reason,
    warnings: [`fallback model used: ${reason}`],
  };
  return model;
}

/**
 * Unsupervised training: classic EM over the candidate pairs (m, u and λ jointly, as the ECM classifier does),
 * with m and u per context for fields that depend on others (comparisons.ts `PARENTS`). u among candidate pairs
 * is learned, not assumed: candidate non-matches agree far more often than random pairs (households share
 * addresses, namesakes share names), and fixing u from random pairs while λ moves is what collapses λ (reference
 * §6.1). Scores are then calibrated for candidate pairs, the only pairs ever scored.
 *
 * EM runs from two starts, both with the generic m (records of one person usually agree): u from random pairs,
 * and u as the level distribution over all candidate pairs. Each fit is judged by the guard (fit-guard.ts); the
 * accepted fit with the higher likelihood wins, then gets its per-field repairs. The E-step first takes every
 * field as evidence; when the guard finds that the address parts defined the match class, it takes them as one
 * summary instead (see {@link variants}). When no fit is accepted, the fallback model scores, and the report says
 * why.
 */
export function trainUnsupervised(input: UnsupervisedInput): LinkageModel {
  const { patterns, randomU, active } = input;
  const tfWeight = input.tfWeight ?? 1;
  const lambda0 = strictShare(patterns, active);
  const starts: [string, number[][]][] = [
    ["random-pair u", randomU],
    ["candidate-pair u", marginals(patterns, active)],
  ];
  const notes: string[] = [];
  let rejected: Judgement | undefined;
  for (const variant of variants(active)) {
    let best: { fit: EmFit; judgement: Judgement; start: string } | undefined;
    for (const [name, u] of starts) {
      const fit = trainEm(patterns, startModel(active, u, lambda0, tfWeight), variant);
      const judgement = judgeFit(fit, patterns);
      if (!judgement.accepted) {
        rejected = judgement;
        continue;
      }
      const ll = fit.model.training.logLikelihood ?? Number.NEGATIVE_INFINITY;
      if (!best || ll > (best.fit.model.training.logLikelihood ?? Number.NEGATIVE_INFINITY))
        best = { fit, judgement, start: name };
    }
    if (!best) {
      const failed = rejected!.checks.filter((c) => !c.passed);
      notes.push(`EM (${variant.name}) not used: ${failed.map((c) => `${c.name}: ${c.detail}`).join("; ")}`);
      continue;
    }
    const model = best.fit.model;
    const repairs = repairFields(model.m, model.u, active);
    model.training = {
      ...model.training,
      start: best.start,
      evidence: variant.name,
      checks: best.judgement.checks,
      likelihoodGain: best.judgement.gainBits,
      ...(notes.length > 0 ? { notes } : {}),
      warnings: [...new Set([...repairs, ...modelWarnings(model)])],
    };
    return model;
  }
  const model = fallbackModel(active, randomU, lambda0, `no EM fit passed the guard (${notes.join(" / ")})`);
  if (rejected) model.training.checks = rejected.checks;
  return model;
}

/**
 * The E-step variants, in order of preference. First every field as its own evidence, as the ECM classifier does:
 * right when fields are corrupted independently. When that fit lets the address parts define the match class
 * (parts a match "never" disagrees on: they change together when a person moves, and households share them), the
 * guard rejects it and the parts count as one summary instead (reference §6.5). Either way the M-step learns m
 * and u of every field, so scores and explanations keep the parts apart.
 */
function variants(active: number): { name: string; evidence?: number[] }[] {
  const out: { name: string; evidence?: number[] }[] = [{ name: "every field" }];
  if (ADDRESS.filter((k) => active & (1 << k)).length >= 2) {
    const others = activeList(active).filter((k) => !ADDRESS.includes(k));
    out.push({ name: "address parts as one", evidence: [...others, ADDRESS_SUMMARY] });
  }
  return out;
}
