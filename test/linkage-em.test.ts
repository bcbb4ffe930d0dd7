import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { activeMask, C, COMPARISONS } from "../src/linkage/comparisons.ts";
import { assertPlausible, fromMap, ImplausibleModelError, trainEm } from "../src/linkage/em.ts";
import { runLinkage } from "../src/linkage/pipeline.ts";
import { Rng } from "../src/linkage/synth/random.ts";
import { trainFromLabels } from "../src/linkage/train-labels.ts";
import { synthRoles, synthStore } from "./linkage-helpers.ts";

const active = (1 << C.given) | (1 << C.family) | (1 << C.dob) | (1 << C.sex);
const TRUE_M = [
  [0, 0.04, 0.03, 0.05, 0.08, 0.8],
  [0, 0.05, 0.05, 0.1, 0.8],
  [0, 0.02, 0.03, 0.1, 0.85],
  [0, 0.03, 0.97],
];
const TRUE_U = [
  [0, 0.85, 0.08, 0.04, 0.01, 0.02],
  [0, 0.7, 0.15, 0.1, 0.05],
  [0, 0.9, 0.07, 0.02, 0.01],
  [0, 0.5, 0.5],
];

function draw(rng: Rng, probs: number[]): number {
  let x = rng.next();
  for (let l = 1; l < probs.length; l++) {
    x -= probs[l]!;
    if (x < 0) return l;
  }
  return probs.length - 1;
}

/** Gammas drawn from a known mixture (conditionally independent fields), with labels. */
function mixture(n: number, lambda: number, seed: number) {
  const rng = new Rng(seed);
  const gammas = new Uint32Array(n);
  const labels = new Uint8Array(n);
  const map = new Map<number, number>();
  for (let p = 0; p < n; p++) {
    const match = rng.chance(lambda);
    let g = 0;
    for (let k = 0; k < 4; k++) g |= draw(rng, (match ? TRUE_M : TRUE_U)[k]!) << (k * 3);
    gammas[p] = g;
    labels[p] = match ? 1 : 0;
    map.set(g, (map.get(g) ?? 0) + 1);
  }
  return { gammas, labels, patterns: fromMap(map) };
}

describe("EM", () => {
  const data = mixture(60_000, 0.2, 3);

  test("converges and recovers the generating parameters", () => {
    const model = trainEm(data.patterns, active);
    assert.equal(model.training.status, "converged");
    assert.ok(model.training.iterations > 1 && model.training.maxChange <= 1e-6);
    assert.ok(Math.abs(model.lambda - 0.2) < 0.02, `lambda ${model.lambda}`);
    for (let k = 0; k < 4; k++) {
      for (let l = 1; l < COMPARISONS[k]!.labels.length; l++) {
        assert.ok(Math.abs(model.m[k]![l]! - TRUE_M[k]![l]!) < 0.03, `m[${k}][${l}]`);
        assert.ok(Math.abs(model.u[k]![l]! - TRUE_U[k]![l]!) < 0.03, `u[${k}][${l}]`);
      }
    }
    assert.deepEqual(model.training.warnings, []);
  });
  test("reports max_iterations_reached honestly instead of 'converged'", () => {
    const model = trainEm(data.patterns, active, { maxIterations: 2 });
    assert.equal(model.training.status, "max_iterations_reached");
    assert.equal(model.training.iterations, 2);
    assert.ok(model.training.maxChange > 1e-6);
  });
  test("clamps probabilities so a zero never sticks", () => {
    const model = trainEm(data.patterns, active);
    for (const k of [0, 1, 2, 3])
      for (const p of [...model.m[k]!.slice(1), ...model.u[k]!.slice(1)]) assert.ok(p >= 1e-7);
  });
  test("fails loudly on a lambda collapse", () => {
    const collapsed = mixture(20_000, 0.9, 4);
    const model = trainEm(collapsed.patterns, active);
    assert.ok(model.lambda > 0.5);
    assert.match(model.training.warnings.join(" "), /lambda collapse/);
    assert.throws(() => assertPlausible(model), ImplausibleModelError);
  });
  test("flags non-monotone weights", () => {
    const model = trainEm(data.patterns, active);
    model.m[C.dob] = [0, 0.02, 0.5, 0.1, 0.38];
    const again = trainEm(data.patterns, active, { start: model, maxIterations: 1 });
    assert.ok(again.training.warnings.length >= 0);
    const flagged = trainFromLabels(
      data.gammas,
      data.labels.map((x) => 1 - x),
      active,
    );
    assert.match(flagged.training.warnings.join(" "), /does not favour a match/);
  });
  test("trains from labelled pairs", () => {
    const model = trainFromLabels(data.gammas, data.labels, active);
    assert.equal(model.training.method, "labels");
    assert.ok(Math.abs(model.lambda - 0.2) < 0.01);
    assert.ok(Math.abs(model.m[C.given]![5]! - 0.8) < 0.02);
    assert.throws(() => trainFromLabels(data.gammas, new Uint8Array(data.gammas.length), active));
  });
  test("the pipeline's training converges on generated people and reports its lambdas", async () => {
    const { store, truth } = synthStore(6000, 9, false);
    const res = await runLinkage(store, activeMask(Object.keys(synthRoles(false)) as never), {
      workers: 0,
      truth,
    });
    const t = res.model.training;
    assert.equal(t.status, "converged");
    assert.ok(t.blockedLambda! > 0 && t.blockedLambda! < 0.5);
    assert.ok(t.ruleLambda! > 0 && t.ruleLambda! < 0.5);
  });
});
