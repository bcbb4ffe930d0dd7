import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { activeMask, atLevel, C, COMPARISONS, levelOf, slot } from "../src/linkage/comparisons.ts";
import { fromMap, type PatternCounts, trainEm } from "../src/linkage/em.ts";
import { judgeFit, repairFields } from "../src/linkage/fit-guard.ts";
import { genericM, type LinkageModel, modelWarnings, perSlot, weightTable } from "../src/linkage/model.ts";
import { runLinkage } from "../src/linkage/pipeline.ts";
import { Rng } from "../src/linkage/synth/random.ts";
import { trainFromLabels } from "../src/linkage/train-labels.ts";
import { startModel, trainUnsupervised } from "../src/linkage/train-unsupervised.ts";
import { synthRoles, synthStore } from "./linkage-helpers.ts";

// Comparisons without parents (comparisons.ts PARENTS), so one context each: their m and u are the generating ones.
const FIELDS: number[] = [C.given, C.sex, C.postcode, C.email, C.nationalId];
const active = FIELDS.reduce((a, k) => a | (1 << k), 0);
const TRUE_M: Record<number, number[]> = {
  [C.given]: [0, 0.04, 0.03, 0.05, 0.08, 0.8],
  [C.sex]: [0, 0.03, 0.97],
  [C.postcode]: [0, 0.15, 0.05, 0.8],
  [C.email]: [0, 0.2, 0.1, 0.7],
  [C.nationalId]: [0, 0.05, 0.05, 0.9],
};
const TRUE_U: Record<number, number[]> = {
  [C.given]: [0, 0.85, 0.08, 0.04, 0.01, 0.02],
  [C.sex]: [0, 0.5, 0.5],
  [C.postcode]: [0, 0.9, 0.05, 0.05],
  [C.email]: [0, 0.95, 0.03, 0.02],
  [C.nationalId]: [0, 0.97, 0.02, 0.01],
};

function draw(rng: Rng, probs: number[]): number {
  let x = rng.next();
  for (let l = 1; l < probs.length; l++) {
    x -= probs[l]!;
    if (x < 0) return l;
  }
  return probs.length - 1;
}

/** Gammas drawn from a known mixture (conditionally independent fields), with labels. */
function mixture(n: number, lambda: number, seed: number, m = TRUE_M, u = TRUE_U) {
  const rng = new Rng(seed);
  const gammas = new Uint32Array(n);
  const labels = new Uint8Array(n);
  const map = new Map<number, number>();
  for (let p = 0; p < n; p++) {
    const match = rng.chance(lambda);
    let g = 0;
    for (const k of FIELDS) g |= atLevel(k, draw(rng, (match ? m : u)[k]!));
    gammas[p] = g >>> 0;
    labels[p] = match ? 1 : 0;
    map.set(g >>> 0, (map.get(g >>> 0) ?? 0) + 1);
  }
  return { gammas, labels, patterns: fromMap(map) };
}

/** A start model: generic m, u as given per comparison, λ. */
function start(u: Record<number, number[]>, lambda: number): LinkageModel {
  return startModel(active, perSlot(COMPARISONS.map((c, k) => u[k] ?? genericM(c.labels.length))), lambda, 1);
}

/** Random-pair-like u: the generating u, a little off (EM must not depend on knowing u). */
const ROUGH_U: Record<number, number[]> = Object.fromEntries(
  FIELDS.map((k) => [k, TRUE_U[k]!.map((x, l) => (l === 0 ? 0 : (x + 0.02) / 1.1))]),
);

function trainedOn(patterns: PatternCounts) {
  return trainUnsupervised({
    patterns,
    randomU: perSlot(COMPARISONS.map((c, k) => ROUGH_U[k] ?? genericM(c.labels.length))),
    active,
  });
}

describe("EM", () => {
  const data = mixture(60_000, 0.2, 3);

  test("converges and recovers the generating parameters", () => {
    const { model, path } = trainEm(data.patterns, start(ROUGH_U, 0.1));
    assert.equal(model.training.status, "converged");
    assert.ok(model.training.iterations > 1 && model.training.maxChange <= 1e-6);
    assert.ok(Math.abs(model.lambda - 0.2) < 0.02, `lambda ${model.lambda}`);
    for (const k of FIELDS) {
      for (let l = 1; l < COMPARISONS[k]!.labels.length; l++) {
        assert.ok(Math.abs(model.m[slot(k, 0)]![l]! - TRUE_M[k]![l]!) < 0.03, `m[${k}][${l}]`);
        assert.ok(Math.abs(model.u[slot(k, 0)]![l]! - TRUE_U[k]![l]!) < 0.03, `u[${k}][${l}]`);
      }
    }
    // EM never lowers the likelihood.
    for (let i = 1; i < path.length; i++) assert.ok(path[i]! >= path[i - 1]! - 1e-6 * Math.abs(path[i - 1]!));
  });

  test("reports max_iterations_reached honestly instead of 'converged', and the guard rejects it", () => {
    const fit = trainEm(data.patterns, start(ROUGH_U, 0.1), { maxIterations: 2 });
    assert.equal(fit.model.training.status, "max_iterations_reached");
    assert.equal(fit.model.training.iterations, 2);
    assert.ok(fit.model.training.maxChange > 1e-6);
    const verdict = judgeFit(fit, data.patterns);
    assert.equal(verdict.accepted, false);
    assert.equal(verdict.checks.find((c) => c.name === "convergence")!.passed, false);
  });

  test("clamps probabilities so a zero never sticks", () => {
    const { model } = trainEm(data.patterns, start(ROUGH_U, 0.1));
    for (const k of FIELDS)
      for (const p of [...model.m[slot(k, 0)]!.slice(1), ...model.u[slot(k, 0)]!.slice(1)])
        assert.ok(p >= 1e-7);
  });

  test("accepts EM when most candidate pairs are true matches (λ 0.88), with no cap on λ", () => {
    const tight = mixture(20_000, 0.88, 5);
    const model = trainedOn(tight.patterns);
    assert.equal(model.training.method, "em", model.training.reason);
    assert.ok(Math.abs(model.lambda - 0.88) < 0.02, `lambda ${model.lambda}`);
    assert.ok(model.training.checks!.every((c) => c.passed));
    // And it classifies: almost every labelled pair on the right side of probability 0.5.
    const table = weightTable(model);
    let right = 0;
    for (let p = 0; p < tight.gammas.length; p++) {
      let w = Math.log2(model.lambda / (1 - model.lambda));
      for (const k of FIELDS) w += table[slot(k, 0)]![levelOf(tight.gammas[p]!, k)]!;
      if (w >= 0 === (tight.labels[p] === 1)) right++;
    }
    assert.ok(right / tight.gammas.length > 0.97, `accuracy ${right / tight.gammas.length}`);
  });

  test("a fit whose match class is the non-matches fails the identity check", () => {
    // Start with the classes swapped: m where u belongs. EM converges to the mirror image.
    const swapped = start(ROUGH_U, 0.8);
    swapped.m = perSlot(COMPARISONS.map((c, k) => ROUGH_U[k] ?? genericM(c.labels.length)));
    swapped.u = perSlot(COMPARISONS.map((c) => genericM(c.labels.length)));
    const fit = trainEm(data.patterns, swapped);
    const verdict = judgeFit(fit, data.patterns);
    assert.equal(verdict.accepted, false);
    assert.match(
      verdict.checks.find((c) => c.name === "identity fields favour a match")!.detail,
      /given_name/,
    );
  });

  test("data with one class only: the guard rejects EM and the fallback is reported with its reason", () => {
    const oneClass = mixture(20_000, 0, 6);
    const model = trainedOn(oneClass.patterns);
    assert.equal(model.training.method, "fallback");
    assert.match(model.training.reason!, /guard/);
    assert.match(model.training.warnings.join("\n"), /fallback model used/);
  });

  test("non-monotone weights: EM recovers them, the warning names them, the repair pools the levels", () => {
    // Matches agree "close" on the given name more often than "nickname": the nickname weight falls below.
    const m = { ...TRUE_M, [C.given]: [0, 0.04, 0.03, 0.2, 0.005, 0.725] };
    const u = { ...TRUE_U, [C.given]: [0, 0.85, 0.08, 0.02, 0.03, 0.02] };
    const skewed = mixture(80_000, 0.3, 8, m, u);
    const { model } = trainEm(skewed.patterns, start(ROUGH_U, 0.1));
    const w = weightTable(model)[slot(C.given, 0)]!;
    assert.ok(w[4]! < w[3]! - 0.5, `close ${w[3]} nickname ${w[4]}`);
    assert.match(
      modelWarnings(model).join("\n"),
      /given_name: weight of "nickname or variant" .* is below "close/,
    );
    const repairs = repairFields(model.m, model.u, model.active);
    assert.match(
      repairs.join("\n"),
      /weights fell with closer agreement, so these levels were pooled: given_name: "close/,
    );
    const after = weightTable(model)[slot(C.given, 0)]!;
    for (let l = 2; l < 6; l++) assert.ok(after[l]! >= after[l - 1]! - 1e-9, `level ${l}`);
    assert.deepEqual(
      modelWarnings(model).filter((x) => x.startsWith("given_name")),
      [],
    );
  });

  test("trains from labelled pairs", () => {
    const model = trainFromLabels(data.gammas, data.labels, active);
    assert.equal(model.training.method, "labels");
    assert.ok(Math.abs(model.lambda - 0.2) < 0.01);
    assert.ok(Math.abs(model.m[slot(C.given, 0)]![5]! - 0.8) < 0.02);
    assert.throws(() => trainFromLabels(data.gammas, new Uint8Array(data.gammas.length), active));
  });

  test("the pipeline's training converges on generated people and passes every check", async () => {
    const { store, truth } = synthStore(6000, 9, false);
    const res = await runLinkage(store, activeMask(Object.keys(synthRoles(false)) as never), {
      workers: 0,
      truth,
    });
    const t = res.model.training;
    assert.equal(t.method, "em");
    assert.equal(t.status, "converged");
    assert.ok(t.checks!.every((c) => c.passed));
    assert.ok(res.model.lambda > 0 && res.model.lambda < 1);
  });

  test("too few candidate pairs: the fallback scores and says why", async () => {
    const { store, truth } = synthStore(300, 2, false);
    const res = await runLinkage(store, activeMask(Object.keys(synthRoles(false)) as never), {
      workers: 0,
      truth,
      minPairsForEm: 1_000_000,
    });
    assert.equal(res.model.training.method, "fallback");
    assert.match(res.model.training.reason!, /too few for EM/);
  });
});
