import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import highsModule from "highs";
import { captureTable } from "../src/stats/mse/capture-table.ts";
import { buildDesign, type Design, listPairs } from "../src/stats/mse/design.ts";
import { checkDesign, positiveSolutionMargin } from "../src/stats/mse/existence.ts";
import { maximize } from "../src/stats/mse/simplex.ts";

// At run time the ESM build's default export is the loader; TypeScript reads the CommonJS typings as a namespace.
const loadHighs = highsModule as unknown as (typeof highsModule)["default"];

/** The same programme written for HiGHS, a mature solver, as the oracle for our small simplex. */
function highsMargin(highs: Awaited<ReturnType<typeof loadHighs>>, design: Design): number {
  const { p, x, y } = design;
  const rows = design.cells.length;
  const lines = ["Maximize", " obj: s", "Subject To"];
  for (let c = 0; c < p; c++) {
    const terms: string[] = [];
    let t = 0;
    for (let r = 0; r < rows; r++)
      if (x[r * p + c]) {
        terms.push(`y${r}`);
        t += y[r]!;
      }
    lines.push(` t${c}: ${terms.join(" + ")} = ${t}`);
  }
  for (let r = 0; r < rows; r++) lines.push(` m${r}: y${r} - s >= 0`);
  lines.push("End");
  const solution = highs.solve(lines.join("\n"), { output_flag: false });
  assert.equal(solution.Status, "Optimal");
  return solution.ObjectiveValue;
}

/** Sparse random tables: most cells empty, as in trafficking data, so that existence really is in question. */
const sparseTable = fc
  .integer({ min: 3, max: 5 })
  .chain((k) =>
    fc.record({
      k: fc.constant(k),
      counts: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 40 })), {
        minLength: (1 << k) - 1,
        maxLength: (1 << k) - 1,
      }),
      model: fc.uniqueArray(fc.integer({ min: 0, max: (k * (k - 1)) / 2 - 1 }), {
        maxLength: (k * (k - 1)) / 2,
      }),
    }),
  )
  .map(({ k, counts, model }) => {
    const lists = Array.from({ length: k }, (_, i) => String.fromCharCode(65 + i));
    const histories = counts.map((count, c) => ({
      on: lists.map((_, i) => ((c + 1) & (1 << i)) !== 0),
      count,
    }));
    return { table: captureTable(lists, histories), model: [...model].sort((a, b) => a - b) };
  });

describe("MLE existence by linear programming", () => {
  test("the simplex solves a textbook programme with redundant and degenerate rows", () => {
    // max x1 + x2 s.t. x1 + x3 = 4, x2 + x4 = 3, x1 + x2 + x3 + x4 = 7 (the third row is the sum of the others).
    const a = Float64Array.from([1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1]);
    const r = maximize(a, 3, 4, Float64Array.from([4, 3, 7]), Float64Array.from([1, 1, 0, 0]));
    assert.equal(r.status, "optimal");
    assert.ok(Math.abs(r.value - 7) < 1e-9);
    const infeasible = maximize(
      Float64Array.from([1, 1]),
      1,
      2,
      Float64Array.from([-1]),
      Float64Array.from([1, 0]),
    );
    assert.equal(infeasible.status, "infeasible");
  });

  test("on random sparse tables and models, the existence margin agrees with HiGHS", async () => {
    const highs = await loadHighs();
    fc.assert(
      fc.property(sparseTable, ({ table, model }) => {
        const design = buildDesign(table, model);
        if (design.cells.length === 0) return;
        const ours = positiveSolutionMargin(design);
        const oracle = highsMargin(highs, design);
        assert.ok(Math.abs(ours - oracle) <= 1e-6 * Math.max(1, oracle), `ours ${ours}, HiGHS ${oracle}`);
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });

  test("an empty cell a saturated model must reproduce leaves no finite MLE; a smaller model has one", () => {
    // Three lists, nobody on B and C only: the model with all three interactions has as many parameters as cells,
    // so its fit is the table itself, with a zero mean; N*_BC = 5 > 0, so BC cannot go to −∞ either.
    const lists = ["A", "B", "C"];
    const counts = [10, 8, 3, 6, 2, 0, 5];
    const table = captureTable(
      lists,
      counts.map((count, c) => ({ on: lists.map((_, i) => ((c + 1) & (1 << i)) !== 0), count })),
    );
    const pairs = listPairs(3);
    const ab = pairs.findIndex(([i, j]) => i === 0 && j === 1);
    const ac = pairs.findIndex(([i, j]) => i === 0 && j === 2);
    const bc = pairs.findIndex(([i, j]) => i === 1 && j === 2);
    assert.deepEqual(checkDesign(buildDesign(table, [ab, ac, bc])), { identifiable: true, mleExists: false });
    assert.deepEqual(checkDesign(buildDesign(table, [bc])), { identifiable: true, mleExists: true });
  });
});
