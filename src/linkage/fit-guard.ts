import { ADDRESS, activeList, COMPARISONS, contextLabel, levelOf, slot } from "./comparisons.ts";
import { ADDRESS_SUMMARY, column, type EmFit, type PatternCounts, patternTables } from "./em.ts";
import { contextsOf, type FitCheck, isIdentity, MONOTONE_TOLERANCE, weightTable } from "./model.ts";

/** The guard's verdict on one EM fit. */
export interface Judgement {
  accepted: boolean;
  checks: FitCheck[];
  /** Bits per pair the mixture explains beyond one class. */
  gainBits: number;
}

/**
 * A "different" weight below this (bits) says a match practically never disagrees on the field. For one field that
 * can be true (sex, say); for several address parts at once it is the parts moving together: EM's "match" class
 * has become "same address".
 */
export const DECIDING_WEIGHT = -10;

/**
 * Disagreeing on an identity field must count against a match by at least this much (bits): the match class
 * disagrees on it at most half as often as the non-match class. A class that absorbed most candidate pairs (a
 * collapse) disagrees on names about as often as the rest, and fails here; a real one, on any data seen, by 2-9 bits.
 */
export const MIN_DISAGREEMENT = -1;

/** Largest share of candidate pairs whose posterior is neither clearly a match nor clearly not (0.1-0.9). */
export const MAX_AMBIGUOUS_SHARE = 0.25;

/** Log-likelihood (nats) of the patterns under one class (same contexts, no latent match): the baseline. */
function oneClassLikelihood(data: PatternCounts, ks: readonly number[]): number {
  const t = patternTables(data, ks);
  const counts = new Map<number, Float64Array>();
  for (let p = 0; p < data.patterns.length; p++) {
    for (const k of ks) {
      const l = t.levels[p * 16 + column(k)]!;
      if (l === 0) continue;
      const row = t.rows[p * 16 + column(k)]!;
      const c = counts.get(row) ?? new Float64Array(8);
      counts.set(row, c);
      c[l]! += data.counts[p]!;
    }
  }
  let ll = 0;
  for (const c of counts.values()) {
    const present = c.reduce((a, b) => a + b, 0);
    for (const x of c) if (x > 0) ll += x * Math.log(x / present);
  }
  return ll;
}

/**
 * Judges an EM fit on the data it was fitted to, instead of capping λ (a share of matches among candidate pairs
 * of 0.9 is right for tight blocking on files with many duplicates):
 * - convergence: the parameters settled below tolerance, not stopped at the iteration cap;
 * - likelihood: it never fell along the path (EM's guarantee; a fall means a numerical problem) and the two
 *   classes explain the data better than one class by more than BIC's penalty for the extra parameters;
 * - separation: few pairs are left in between (posterior 0.1-0.9), so the classes are distinct groups;
 * - both classes hold pairs (a class of less than one pair is a collapse, whatever λ is);
 * - identity fields (names, date of birth, national id), over all contexts together: exact agreement favours a
 *   match, and disagreement counts against one ({@link MIN_DISAGREEMENT}). A fit whose "match" class is households or namesakes fails here;
 * - with address parts as separate evidence: no two of them are parts a match never disagrees on.
 */
export function judgeFit(fit: EmFit, data: PatternCounts): Judgement {
  const { model, path, posterior, evidence } = fit;
  const ks = activeList(model.active);
  const checks: FitCheck[] = [];
  const t = model.training;
  checks.push({
    name: "convergence",
    passed: t.status === "converged",
    detail: `${t.status} after ${t.iterations} iterations (last change ${t.maxChange.toExponential(1)})`,
  });
  let falls = 0;
  for (let i = 1; i < path.length; i++) if (path[i]! < path[i - 1]! - 1e-9 * Math.abs(path[i - 1]!)) falls++;
  checks.push({
    name: "likelihood rises",
    passed: falls === 0,
    detail: falls === 0 ? "never fell" : `fell in ${falls} of ${path.length} iterations`,
  });
  const n = t.pairs;
  const ll = path.length > 0 ? path[path.length - 1]! : Number.NEGATIVE_INFINITY;
  const one = oneClassLikelihood(data, evidence);
  const extra = evidence.reduce(
    (s, k) => s + (k === ADDRESS_SUMMARY ? 2 : contextsOf(k).length * (COMPARISONS[k]!.labels.length - 2)),
    1,
  );
  const penalty = 0.5 * extra * Math.log(Math.max(2, n));
  const gainBits = (ll - one) / Math.LN2 / Math.max(1, n);
  checks.push({
    name: "two classes explain the data",
    passed: ll - one > penalty,
    detail: `gain ${(ll - one).toFixed(1)} nats (${gainBits.toFixed(3)} bits per pair) vs BIC penalty ${penalty.toFixed(1)}`,
  });
  let ambiguous = 0;
  for (let p = 0; p < posterior.length; p++)
    if (posterior[p]! > 0.1 && posterior[p]! < 0.9) ambiguous += data.counts[p]!;
  const share = ambiguous / Math.max(1, n);
  checks.push({
    name: "classes separated",
    passed: share <= MAX_AMBIGUOUS_SHARE,
    detail: `${(share * 100).toFixed(1)}% of pairs between 0.1 and 0.9 (at most ${MAX_AMBIGUOUS_SHARE * 100}%)`,
  });
  const matches = model.lambda * n;
  checks.push({
    name: "both classes hold pairs",
    passed: matches >= 1 && n - matches >= 1,
    detail: `λ ${model.lambda.toFixed(4)}: ${matches.toFixed(1)} of ${n} candidate pairs in the match class`,
  });
  const table = weightTable(model);
  // Over all contexts together: within one context exact agreement may rightly carry no evidence (among candidate
  // pairs whose names differ, those sharing a date of birth were mostly found by a date rule).
  const bad: string[] = [];
  for (const k of ks) {
    if (!isIdentity(k)) continue;
    const top = COMPARISONS[k]!.labels.length - 1;
    let mTop = 0;
    let mAll = 0;
    let uTop = 0;
    let uAll = 0;
    let mDiff = 0;
    let uDiff = 0;
    for (let p = 0; p < data.patterns.length; p++) {
      const l = levelOf(data.patterns[p]!, k);
      if (l === 0) continue;
      const c = data.counts[p]!;
      const w = posterior[p]!;
      mAll += c * w;
      uAll += c * (1 - w);
      if (l === top) {
        mTop += c * w;
        uTop += c * (1 - w);
      } else if (l === 1) {
        mDiff += c * w;
        uDiff += c * (1 - w);
      }
    }
    const exact = Math.log2((mTop + 1e-9) / mAll / ((uTop + 1e-9) / uAll));
    const different = Math.log2((mDiff + 1e-9) / mAll / ((uDiff + 1e-9) / uAll));
    if (!(exact > 0 && different <= MIN_DISAGREEMENT))
      bad.push(`${COMPARISONS[k]!.name} (exact ${exact.toFixed(2)}, different ${different.toFixed(2)})`);
  }
  checks.push({
    name: "identity fields favour a match",
    passed: bad.length === 0,
    detail:
      bad.length === 0
        ? "exact agreement favours a match on every identity field"
        : `not on ${bad.join(", ")}`,
  });
  if (!evidence.includes(ADDRESS_SUMMARY)) {
    const deciding = ks.filter(
      (k) => ADDRESS.includes(k) && contextsOf(k).some((x) => table[slot(k, x)]![1]! < DECIDING_WEIGHT),
    );
    checks.push({
      name: "address parts do not define the match class",
      passed: deciding.length < 2,
      detail:
        deciding.length < 2
          ? "at most one address part is one a match never disagrees on"
          : `a match would never disagree on ${deciding.map((k) => COMPARISONS[k]!.name).join(", ")}`,
    });
  }
  return { accepted: checks.every((c) => c.passed), checks, gainBits };
}

/**
 * Per-field repairs of an accepted fit, each reported: a non-identity field whose exact agreement does not favour a
 * match among candidate pairs (a state shared by most candidates, say) is left out of scoring in that context
 * (m = u, weight 0); levels whose weights fall with closer agreement by more than the tolerance are pooled
 * (pool-adjacent-violators: the pooled levels share one weight, log2(Σm/Σu)), so closer agreement never weighs
 * less. @returns the warnings, in words; `m` is changed in place.
 */
export function repairFields(m: number[][], u: number[][], active: number): string[] {
  const leftOut: string[] = [];
  const pooledAll: string[] = [];
  for (const k of activeList(active)) {
    const c = COMPARISONS[k]!;
    const top = c.labels.length - 1;
    for (const x of contextsOf(k)) {
      const mr = m[slot(k, x)]!;
      const ur = u[slot(k, x)]!;
      const name = `${c.name}${contextLabel(k, x, active)}`;
      const w = (l: number) => Math.log2(mr[l]! / ur[l]!);
      if (!isIdentity(k) && !(w(top) > 0 && w(top) > w(1))) {
        leftOut.push(`${name} (exact ${w(top).toFixed(2)})`);
        for (let l = 1; l <= top; l++) mr[l] = ur[l]!;
        continue;
      }
      let violated = false;
      for (let l = 2; l <= top; l++) if (w(l) < w(l - 1) - MONOTONE_TOLERANCE) violated = true;
      if (!violated) continue;
      // Pool adjacent violators over levels 1..top: blocks of levels with one weight each, non-decreasing.
      const blocks: { from: number; to: number; m: number; u: number }[] = [];
      for (let l = 1; l <= top; l++) {
        blocks.push({ from: l, to: l, m: mr[l]!, u: ur[l]! });
        while (blocks.length > 1) {
          const b = blocks[blocks.length - 1]!;
          const a = blocks[blocks.length - 2]!;
          if (Math.log2(b.m / b.u) >= Math.log2(a.m / a.u)) break;
          blocks.splice(blocks.length - 2, 2, { from: a.from, to: b.to, m: a.m + b.m, u: a.u + b.u });
        }
      }
      const pooled: string[] = [];
      for (const b of blocks) {
        for (let l = b.from; l <= b.to; l++) mr[l] = (ur[l]! * b.m) / b.u;
        if (b.to > b.from)
          pooled.push(
            c.labels
              .slice(b.from, b.to + 1)
              .map((s) => `"${s}"`)
              .join(" + "),
          );
      }
      pooledAll.push(`${name}: ${pooled.join("; ")}`);
    }
  }
  const out: string[] = [];
  if (leftOut.length > 0)
    out.push(`exact agreement does not favour a match, so left out of scoring: ${leftOut.join(", ")}`);
  if (pooledAll.length > 0)
    out.push(`weights fell with closer agreement, so these levels were pooled: ${pooledAll.join("; ")}`);
  return out;
}
