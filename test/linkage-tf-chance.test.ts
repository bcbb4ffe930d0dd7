import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { activeMask, C, CONTEXTS, slot } from "../src/linkage/comparisons.ts";
import { evaluatePairs } from "../src/linkage/evaluate.ts";
import { runLinkage } from "../src/linkage/pipeline.ts";
import { compileScorer } from "../src/linkage/score.ts";
import { sharedAdjustment } from "../src/linkage/term-frequency.ts";
import { chanceShare } from "../src/linkage/tf-chance.ts";
import type { Role } from "../src/linkage/types.ts";
import { synthRoles, synthStore } from "./linkage-helpers.ts";

/** A Zipf-like name frequency list and, per name, r = tf / Σtf² (what the adjustment tables encode). */
function zipf(names: number, exponent: number): { tf: number[]; r: number[] } {
  const raw = Array.from({ length: names }, (_, k) => 1 / (k + 1) ** exponent);
  const total = raw.reduce((s, x) => s + x, 0);
  const tf = raw.map((x) => x / total);
  const s = tf.reduce((acc, x) => acc + x * x, 0);
  return { tf, r: tf.map((x) => x / s) };
}

describe("term-frequency chance share", () => {
  test("recovers the share of chance agreement from the agreed values' frequencies", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        (a, exponent) => {
          const { tf, r } = zipf(400, exponent);
          // Expected non-match counts per agreed value: chance pairs ∝ tf²/Σtf² = tf·r, relatives ∝ tf.
          const weights = tf.map((t, v) => 10_000 * t * (a * r[v]! + 1 - a));
          assert.ok(Math.abs(chanceShare(r, weights) - a) < 0.01);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("the full adjustment at share 1, none at 0, and never more than the full one", () => {
    for (const full of [-3, -0.5, 0, 0.7, 4, 6]) {
      assert.equal(sharedAdjustment(full, 1), full);
      assert.equal(sharedAdjustment(full, 0), 0);
      const half = sharedAdjustment(full, 0.5);
      assert.ok(Math.abs(half) <= Math.abs(full) + 1e-12 && half * full >= 0);
    }
    // A rare name can add at most −log2(1 − a) bits when a share 1 − a of agreeing non-matches are relatives.
    assert.ok(sharedAdjustment(40, 0.5) <= 1 + 1e-9);
  });

  test("relatives sharing a rare family name are not linked for its rarity", async () => {
    const roles = synthRoles(false);
    const { store, truth } = synthStore(60_000, 3, false);
    const active = activeMask(Object.keys(roles) as Role[]);
    const res = await runLinkage(store, active, { workers: 0, cluster: false });
    const shares = res.model.tfChance!;
    assert.equal(shares.length, 13 * CONTEXTS);
    // Given names differing, agreeing family names are mostly relatives: the share of chance is well below 1.
    assert.ok(
      shares[slot(C.family, 3)]! < 0.9,
      `family share with given names differing: ${shares[slot(C.family, 3)]}`,
    );
    // The same pairs scored with the full adjustment everywhere: more false links, and a lower F1.
    const full = compileScorer({ ...res.model, tfChance: undefined }, res.scorer.tf);
    const { pairs, gammas } = res;
    const { computeWeights } = await import("../src/linkage/compare-stage.ts");
    const fullWeights = await computeWeights(store.view(), pairs, gammas, full);
    const ours = evaluatePairs(truth, pairs.left, pairs.right, res.weights, pairs.count, res.linkWeight);
    const naive = evaluatePairs(truth, pairs.left, pairs.right, fullWeights, pairs.count, res.linkWeight);
    assert.ok(
      ours.falsePositives < naive.falsePositives,
      `${ours.falsePositives} vs ${naive.falsePositives}`,
    );
    assert.ok(ours.f1 >= naive.f1, `${ours.f1} vs ${naive.f1}`);
  });
});
