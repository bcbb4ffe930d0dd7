import { C, COMPARISONS, LEVEL_BITS } from "./comparisons.ts";
import { defaultModel } from "./default-model.ts";
import type { PatternCounts } from "./em.ts";
import { trainEm } from "./em.ts";
import { type LinkageModel, modelWarnings, normalizeLevels } from "./model.ts";

/** Inputs of {@link trainAnchored}: the candidate pairs' full gammas and the rule that produced each. */
export interface AnchorInput {
  gammas: Uint32Array;
  rule: Uint16Array;
  /** Per found-by mask, the gamma bits forced (see ruleGammaMasks). */
  ruleMasks: Uint32Array;
  count: number;
  /** EM patterns: gammas with rule-forced levels cleared, with counts. */
  patterns: PatternCounts;
  /** u from random pairs. */
  randomU: number[][];
  possiblePairs: number;
  active: number;
}

const level = (g: number, k: number) => (g >>> (k * LEVEL_BITS)) & 7;
/** Smallest anchor set trusted for an m estimate; below it the shipped default m is kept. */
const MIN_ANCHORS = 30;

/**
 * Unsupervised training that does not let EM define what a match is. On person data EM alone drifts to other
 * optima — "same household" or "same common name" (reference §6.4) — and a free λ with fixed u collapses
 * (§6.1); both were observed on Harbor's synthetic data. So:
 * 1. m from anchors: pairs agreeing exactly on other identity fields are near-certain matches, so the level
 *    frequencies of a field among them estimate its m. Names are anchored on date of birth plus exact contact,
 *    the date on both names plus exact contact, all other fields on both names plus date of birth. Pairs whose
 *    blocking rule forced the field are skipped.
 * 2. u of identity fields from random pairs; u of contact fields (address, phone, e-mail) from blocked pairs that
 *    disagree on given name or date of birth — mostly other household members, so shared contact is not overrated.
 * 3. λ from the strict rule "same names and date of birth" divided by that rule's recall under the anchored m.
 * 4. EM then estimates λ over the candidate pairs (with rule-forced levels cleared) holding m and u; its status,
 *    iterations and final change are reported, and a collapsed or unconverged λ is not used.
 * (Letting EM also move m was tried: it drifted towards household pairs, whose shared family name looks like
 * evidence under random-pair u, and lost about 18 points of F1 on 200k records; see docs/linkage.md.)
 */
export function trainAnchored(input: AnchorInput): LinkageModel {
  const { gammas, rule, ruleMasks, count, active } = input;
  const base = defaultModel(active);
  const mAcc = COMPARISONS.map((c) => new Array<number>(c.labels.length).fill(0.5));
  const uAcc = COMPARISONS.map((c) => new Array<number>(c.labels.length).fill(0.5));
  const anchors = new Array<number>(COMPARISONS.length).fill(0);
  const contact: number[] = [C.address, C.phone, C.email, C.nationalId];
  let strict = 0;
  for (let p = 0; p < count; p++) {
    const g = gammas[p]!;
    const forced = ruleMasks[rule[p]!]!;
    const given = level(g, C.given);
    const family = level(g, C.family);
    const dob = level(g, C.dob);
    const namesExact = given >= 4 && family === 4;
    const contactExact =
      level(g, C.address) === 4 ||
      level(g, C.phone) === 3 ||
      level(g, C.email) === 3 ||
      level(g, C.nationalId) === 3;
    if (namesExact && dob === 4) strict++;
    for (let k = 0; k < COMPARISONS.length; k++) {
      const l = level(g, k);
      if (l === 0 || (forced >>> (k * LEVEL_BITS)) & 7) continue;
      let anchored: boolean;
      if (k === C.given || k === C.family) anchored = dob === 4 && contactExact;
      else if (k === C.dob) anchored = namesExact && contactExact;
      else anchored = namesExact && dob === 4;
      if (anchored) {
        mAcc[k]![l]!++;
        anchors[k]!++;
      }
      if (contact.includes(k) && (given === 1 || dob === 1)) uAcc[k]![l]!++;
    }
  }
  const m = COMPARISONS.map((_, k) => (anchors[k]! >= MIN_ANCHORS ? normalizeLevels(mAcc[k]!) : base.m[k]!));
  const u = COMPARISONS.map((_, k) => (contact.includes(k) ? normalizeLevels(uAcc[k]!) : input.randomU[k]!));
  const recall = (m[C.given]![4]! + m[C.given]![5]!) * m[C.family]![4]! * m[C.dob]![4]!;
  const matches = strict / Math.max(1e-3, recall);
  const blockedLambda = Math.min(1 - 1e-9, Math.max(1e-9, matches / Math.max(1, count)));
  const anchored: LinkageModel = {
    active,
    lambda: blockedLambda,
    m,
    u,
    tfWeight: 1,
    training: {
      method: "em",
      status: "skipped",
      iterations: 0,
      maxChange: 0,
      pairs: count,
      distinctPatterns: 0,
      warnings: [],
    },
  };
  // EM estimates λ over the candidate pairs with the anchored m and u held: the one parameter the strict rule
  // gets only through an independence assumption. Its result is used when plausible; both are reported.
  const em = trainEm(input.patterns, active, { start: anchored, fixedU: u, fixM: true });
  const model = anchored;
  model.training = { ...em.training, method: "em", warnings: [] };
  let lambdaUsed = blockedLambda;
  if (em.lambda <= 0.5 && em.training.status === "converged") lambdaUsed = em.lambda;
  else
    model.training.warnings.push(
      `EM lambda ${em.lambda.toFixed(4)} (${em.training.status}) not used; strict-rule estimate ${blockedLambda.toFixed(4)} kept`,
    );
  model.training.ruleLambda = blockedLambda;
  model.training.blockedLambda = lambdaUsed;
  // Identity m/u are relative to random pairs, so the prior must be too: matches over all possible pairs.
  model.lambda = Math.min(0.5, Math.max(1e-12, (lambdaUsed * count) / Math.max(1, input.possiblePairs)));
  model.training.warnings = [...new Set([...model.training.warnings, ...modelWarnings(model)])];
  return model;
}
