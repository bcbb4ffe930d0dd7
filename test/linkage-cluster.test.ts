import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { clusterPairs } from "../src/linkage/cluster.ts";

/** Builds pair arrays from [i, j, weight] triples. */
function edges(list: [number, number, number][]) {
  return {
    left: Int32Array.from(list, (e) => e[0]),
    right: Int32Array.from(list, (e) => e[1]),
    weights: Float32Array.from(list, (e) => e[2]),
    count: list.length,
  };
}
const options = { linkWeight: 0, conflictWeight: -6.6, maxClusterSize: 100 };

describe("clustering with the anti-chaining guard", () => {
  // Person A = records 0,1,2; person B = records 3,4,5; one bad link 2–3 (say a shared phone and name).
  const within: [number, number, number][] = [
    [0, 1, 20],
    [1, 2, 18],
    [0, 2, 15],
    [3, 4, 20],
    [4, 5, 19],
    [3, 5, 16],
  ];
  const bad: [number, number, number] = [2, 3, 5];
  const conflicts: [number, number, number][] = [
    [0, 4, -20],
    [1, 5, -15],
  ];

  test("one bad link does not chain two people together when their records conflict", () => {
    const e = edges([...within, bad, ...conflicts]);
    const r = clusterPairs(6, e.left, e.right, e.weights, e.count, options);
    assert.equal(r.clusters, 2);
    assert.deepEqual(Array.from(r.clusterOf), [0, 0, 0, 1, 1, 1]);
    assert.deepEqual(r.refused, [{ pair: 6, reason: "conflict" }]);
  });
  test("without conflicting evidence the link is taken (plain connected components)", () => {
    const e = edges([...within, bad]);
    const r = clusterPairs(6, e.left, e.right, e.weights, e.count, options);
    assert.equal(r.clusters, 1);
    assert.equal(r.refused.length, 0);
  });
  test("the size cap refuses links that would grow an entity past it", () => {
    const e = edges([...within, bad]);
    const r = clusterPairs(6, e.left, e.right, e.weights, e.count, { ...options, maxClusterSize: 3 });
    assert.equal(r.clusters, 2);
    assert.equal(r.refused[0]?.reason, "size");
  });
  test("pairs below the link weight never join records", () => {
    const e = edges([[0, 1, -1]]);
    assert.equal(clusterPairs(2, e.left, e.right, e.weights, e.count, options).clusters, 2);
  });
  test("property: with no conflicts, clusters equal connected components of the links", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(19), fc.nat(19), fc.integer({ min: -5, max: 20 })), { maxLength: 40 }),
        (list) => {
          const cleaned = list
            .filter(([i, j]) => i !== j)
            .map(([i, j, w]) => [Math.min(i, j), Math.max(i, j), w] as [number, number, number]);
          const e = edges(cleaned);
          const r = clusterPairs(20, e.left, e.right, e.weights, e.count, {
            ...options,
            conflictWeight: -100,
          });
          // Reference components by repeated relaxation.
          const comp = Array.from({ length: 20 }, (_, i) => i);
          for (let changed = true; changed; ) {
            changed = false;
            for (const [i, j, w] of cleaned) {
              if (w < 0) continue;
              const m = Math.min(comp[i]!, comp[j]!);
              if (comp[i] !== m || comp[j] !== m) {
                comp[i] = comp[j] = m;
                changed = true;
              }
            }
          }
          for (let i = 0; i < 20; i++)
            for (let j = 0; j < 20; j++) assert.equal(r.clusterOf[i] === r.clusterOf[j], comp[i] === comp[j]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
