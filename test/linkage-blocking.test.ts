import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { blockPairs, countTruePairs, sortedByKey } from "../src/linkage/blocking.ts";
import { radixSortByKey } from "../src/linkage/radix-sort.ts";
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

describe("radix sort for blocking", () => {
  test("orders by key like a native sort of packed (key, index) values, indexes ascending inside a key", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 5 })),
          { maxLength: 300 },
        ),
        (list) => {
          const keys = Uint32Array.from(list);
          const { keys: k, items } = radixSortByKey(
            keys,
            Uint32Array.from(list, (_, i) => i),
          );
          const expected = list.map((key, i) => key * 2 ** 20 + i).sort((a, b) => a - b);
          assert.deepEqual(
            Array.from(k, (key, p) => key * 2 ** 20 + items[p]!),
            expected,
          );
          const { packed, idBits } = sortedByKey(Uint32Array.from(list));
          const withIdBits = list
            .flatMap((key, i) => (key === 0 ? [] : [key * 2 ** idBits + i]))
            .sort((a, b) => a - b);
          assert.deepEqual(Array.from(packed), withIdBits);
        },
      ),
    );
  });
});
