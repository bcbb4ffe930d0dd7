import { ADDRESS, activeList, COMPARISONS, IDENTITY, levelOf } from "./comparisons.ts";
import { ADDRESS_SLOT, type EmFit, type PatternCounts, trainEm } from "./em.ts";
import { judgeFit, type Judgement, repairFields } from "./fit-guard.ts";
import { genericM, type LinkageModel, modelWarnings, normalizeLevels } from "./model.ts";

/** Inputs of {@link trainUnsupervised}. */
export interface UnsupervisedInput {
  /** Candidate pairs' comparison patterns with the levels their blocking rules forced cleared, with counts. */
  patterns: PatternCounts;
  /** u from random record pairs (Splink's estimate_u_using_random_sampling). */
  randomU: number[][];
  active: number;
  tfWeight?: number;
}

/** Level distribution of every comparison over all candidate pairs: one class, no latent match. */
function marginals(data: PatternCounts, active: number): number[][] {
  return COMPARISONS.map((c, k) => {
    const acc = new Array<number>(c.labels.length).fill(0.5);
    if (active & (1 << k))
      for (let p = 0; p < data.patterns.length; p++) {
        const l = levelOf(data.patterns[p]!, k);
        if (l > 0) acc[l]! += data.counts[p]!;
      }
    return normalizeLevels(acc);
  });
}

/**
 * Share of candidate pairs that agree exactly on every identity field both records have (at least two): a
 * deterministic-rule guess of λ used only to start EM, never as a bound on it.
 */
function strictShare(data: PatternCounts, active: number): number {
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

function startModel(active: number, u: number[][], lambda: number, tfWeight: number): LinkageModel {
  return {
    active,
    lambda,
    m: COMPARISONS.map((c) => genericM(c.labels.length)),
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
 * pairs, λ from the strict rule's share of candidate pairs. It is tuned to no data set; it is announced, with the
 * reason, on stderr and in the run summary.
 */
export function fallbackModel(active: number, randomU: number[][], lambda: number, reason: string): LinkageModel {
  const model = startModel(active, randomU, lambda, 1);
  model.training = { ...model.training, method: "fallback", reason, warnings: [`fallback model used: ${reason}`] };
  return model;
}

/**
 * Unsupervised training: classic EM over the candidate pairs (m, u and λ jointly, as the ECM classifier does),
 * with the levels each pair's blocking rules forced cleared, so agreement that blocking guaranteed is not
 * evidence (Splink's rule). u among candidate pairs is learned, not assumed: blocked non-matches agree far more
 * often than random pairs (households share addresses, namesakes share names), and fixing u from random pairs
 * while λ moves is what collapses λ (reference §6.1).
 *
 * EM runs from two starts, both with the generic m (records of one person usually agree): u from random pairs,
 * and u as the level distribution over all candidate pairs. Each fit is judged by the guard (fit-guard.ts); the
 * accepted fit with the higher likelihood wins, then gets its per-field repairs. When no fit is accepted, the
 * fallback model scores, and the report says why.
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
  let lastRejected: { judgement: Judgement; variant: string } | undefined;
  for (const variant of variants(active)) {
    let best: { fit: EmFit; judgement: Judgement; start: string } | undefined;
    for (const [name, u] of starts) {
      const fit = trainEm(patterns, startModel(active, u, lambda0, tfWeight), variant.evidence ? { evidence: variant.evidence } : {});
      const judgement = judgeFit(fit, patterns, variant.name === ALL_FIELDS);
      if (!judgement.accepted) {
        lastRejected = { judgement, variant: variant.name };
        continue;
      }
      const ll = fit.model.training.logLikelihood ?? Number.NEGATIVE_INFINITY;
      if (!best || ll > (best.fit.model.training.logLikelihood ?? Number.NEGATIVE_INFINITY))
        best = { fit, judgement, start: name };
    }
    if (!best) {
      const failed = lastRejected!.judgement.checks.filter((c) => !c.passed);
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
      notes,
      warnings: [...new Set([...repairs, ...modelWarnings(model)])],
    };
    return model;
  }
  const model = fallbackModel(
    active,
    randomU,
    lambda0,
    `no EM fit passed the guard (${notes.join(" / ")})`,
  );
  model.training.checks = lastRejected?.judgement.checks;
  return model;
}

const ALL_FIELDS = "every field";

/**
 * The E-step variants, in order of preference. First every field as its own evidence, as the ECM classifier does:
 * right when fields are corrupted independently. When its fit lets the address parts define the match class
 * (several parts that a match "never" disagrees on: the parts change together when a person moves, and
 * households share them), the guard rejects it and the parts count as one piece of evidence instead (reference
 * §6.5), with names, date of birth, sex, phone and e-mail as the rest. Either way the M-step learns m and u of
 * every field, so scores and explanations keep the parts apart.
 */
function variants(active: number): { name: string; evidence?: number[] }[] {
  const out: { name: string; evidence?: number[] }[] = [{ name: ALL_FIELDS }];
  const parts = ADDRESS.filter((k) => active & (1 << k));
  if (parts.length >= 2) {
    const others = activeList(active).filter((k) => !ADDRESS.includes(k));
    out.push({ name: "address parts as one", evidence: [...others, ADDRESS_SLOT] });
  }
  return out;
}
