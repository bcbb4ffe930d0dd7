import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildDesign } from "../src/stats/mse/design.ts";
import { estimatePopulation } from "../src/stats/mse/estimate.ts";
import { checkDesign } from "../src/stats/mse/existence.ts";
import { ModelSpace } from "../src/stats/mse/model-space.ts";
import { benchmarkTable, within } from "./mse-helpers.ts";

describe("MSE reproduces published estimates", () => {
  test("UK 2013, five lists, stepwise p < 0.02: 11,313 (9,884 to 13,027) within 0.5%", () => {
    const e = estimatePopulation(benchmarkTable("uk-2013-five-lists"), {
      selection: "stepwise",
      pThreshold: 0.02,
    });
    assert.equal(e.observed, 2744);
    assert.ok(within(e.estimate, 11313, 0.005), `estimate ${e.estimate}`);
    // The published interval is SparseMSE's log-normal one; ours by profile likelihood must agree as closely.
    const [lo, hi] = e.intervals.logNormal;
    assert.ok(within(lo, 9884, 0.005) && within(hi, 13027, 0.005), `log-normal ${lo}–${hi}`);
    const [plo, phi] = e.ci95;
    assert.ok(within(plo, 9884, 0.005) && within(phi!, 13027, 0.005), `profile ${plo}–${phi}`);
    assert.deepEqual(e.model.interactions, ["LA:NG", "LA:PFNCA", "NG:GO", "NG:GP", "PFNCA:GP", "GO:GP"]);
    assert.equal(e.interval, "profile-likelihood");
  });

  // Korea (Ball, Shin and Yang 2018), as printed by MultipleSystemsEstimation's `estimate_population`: every
  // admissible two-way model with its abundance and BIC; [12,13] and [12,13,23] have no finite estimate.
  test("Korea, three lists: every two-way model's abundance and BIC, and which models are inadmissible", () => {
    const space = new ModelSpace(benchmarkTable("korea-three-lists"));
    const published: Array<[number[], number, number]> = [
      [[0, 2], 157.1667, 57.14081],
      [[0], 268.7778, 58.9686],
      [[1, 2], 123.463, 91.89711],
      [[2], 126.1944, 138.06368],
      [[1], 126.9394, 155.16018],
      [[], 141.9926, 184.14431],
    ];
    for (const [model, abundance, bic] of published) {
      const f = space.fit(model);
      assert.ok(Math.abs(f.estimate - abundance) < 1e-3, `${model}: ${f.estimate}`);
      assert.ok(Math.abs(f.bic - bic) < 1e-3, `${model}: BIC ${f.bic}`);
    }
    assert.equal(space.admissible([0, 1]), false);
    assert.equal(space.admissible([0, 1, 2]), false);
  });

  test("Korea: stepwise chooses b:c (268.78), BIC chooses b:c + c:d (157.17)", () => {
    const table = benchmarkTable("korea-three-lists");
    const step = estimatePopulation(table, { selection: "stepwise" });
    assert.deepEqual(step.model.interactions, ["b:c"]);
    assert.ok(Math.abs(step.estimate - 268.7778) < 1e-3);
    assert.ok(Math.abs(step.model.aic - 44.90767) < 1e-4);
    const bic = estimatePopulation(table, { selection: "bic" });
    assert.deepEqual(bic.model.interactions, ["b:c", "c:d"]);
    assert.ok(Math.abs(bic.estimate - 157.1667) < 1e-3);
  });

  // New Orleans (Bales, Murphy and Silverman 2020), eight lists, 18 of 28 pairs non-overlapping: the reproduction
  // vignette of MultipleSystemsEstimation prints popest 1110.488 with the single interaction D:E.
  test("New Orleans, eight lists, stepwise: D:E only, 1,110.5", () => {
    const e = estimatePopulation(benchmarkTable("new-orleans-eight-lists"), { selection: "stepwise" });
    assert.equal(e.observed, 186);
    assert.deepEqual(e.model.interactions, ["D:E"]);
    assert.ok(Math.abs(e.estimate - 1110.488) < 0.01, `${e.estimate}`);
    const apart = e.warnings.find((w) => w.code === "non-overlapping-lists");
    assert.ok(apart && apart.code === "non-overlapping-lists" && apart.pairs.length === 18);
  });

  // Chan, Silverman and Vincent (2021), Table 2 and 3: the artificial three-list data.
  test("Artificial_3: AB (alone or with AC or BC) has no MLE; all three together are not identifiable", () => {
    const table = benchmarkTable("artificial-three-lists");
    const expect: Array<[number[], boolean, boolean]> = [
      [[], true, true],
      [[0], true, false],
      [[1], true, true],
      [[2], true, true],
      [[0, 1], true, false],
      [[0, 2], true, false],
      [[1, 2], true, true],
      [[0, 1, 2], false, false],
    ];
    for (const [model, identifiable, mleExists] of expect)
      assert.deepEqual(checkDesign(buildDesign(table, model)), { identifiable, mleExists }, `model ${model}`);
  });
});
