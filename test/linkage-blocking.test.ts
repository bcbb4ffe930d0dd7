import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blockPairs, countTruePairs } from "../src/linkage/blocking.ts";
import { synthStore } from "./linkage-helpers.ts";

describe("blocking", () => {
  const { store, truth } = synthStore(6000, 5, false);
  const v = store.view();
  const { pairs, metrics } = blockPairs(v, { truth });

  test("keeps at least 99.5% of true pairs on generated data without a national id", () => {
    assert.ok(metrics.pairsCompleteness! >= 0.995, `PC ${metrics.pairsCompleteness}`);
    assert.equal(metrics.truePairsTotal, countTruePairs(truth));
  });
  test("reduces the pair space by more than 99.9%", () => {
    assert.ok(metrics.reductionRatio > 0.999, `RR ${metrics.reductionRatio}`);
  });
  test("emits every pair once, ordered i < j, and reports every rule", () => {
    const seen = new Set<number>();
    for (let p = 0; p < pairs.count; p++) {
      const i = pairs.left[p]!;
      const j = pairs.right[p]!;
      assert.ok(i < j);
      const key = i * v.n + j;
      assert.ok(!seen.has(key), "duplicate pair");
      seen.add(key);
    }
    assert.equal(metrics.candidatePairs, pairs.count);
    assert.equal(
      metrics.rules.reduce((s, r) => s + r.newPairs, 0),
      pairs.count,
    );
    for (const r of metrics.rules) assert.ok(r.pairs >= r.newPairs);
  });
  test("a union of rules beats any single rule", () => {
    const best = Math.max(...metrics.rules.map((r) => r.pairsCompleteness ?? 0));
    assert.ok(metrics.pairsCompleteness! > best + 0.05);
  });
  test("linking two sources pairs only across them", () => {
    for (let i = 0; i < v.n; i++) v.source[i] = i % 2;
    const cross = blockPairs(v, { crossSourceOnly: true, truth });
    for (let p = 0; p < cross.pairs.count; p++)
      assert.notEqual(v.source[cross.pairs.left[p]!], v.source[cross.pairs.right[p]!]);
    assert.ok(cross.metrics.pairsCompleteness! >= 0.99);
    v.source.fill(0);
  });
  test("oversized blocks are skipped and reported", () => {
    const small = blockPairs(v, { maxBlockSize: 2 });
    assert.ok(small.metrics.rules.some((r) => r.oversizedBlocks > 0));
    assert.ok(small.pairs.count < pairs.count);
  });
});
