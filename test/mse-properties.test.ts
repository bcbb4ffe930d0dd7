import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { type CaptureTable, captureTable, permuteLists } from "../src/stats/mse/capture-table.ts";
import { readCaptureCsv } from "../src/stats/mse/csv-input.ts";
import { estimatePopulation, MseDataError } from "../src/stats/mse/estimate.ts";
import type { Selection } from "../src/stats/mse/selection.ts";
import { benchmarkTable } from "./mse-helpers.ts";

/** Random tables of 3 to 5 lists with enough people that most admit an estimate; about a third of cells empty. */
const tables = fc
  .integer({ min: 3, max: 5 })
  .chain((k) =>
    fc.array(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 300 }) },
      ),
      {
        minLength: (1 << k) - 1,
        maxLength: (1 << k) - 1,
      },
    ),
  )
  .map((counts) => {
    const k = Math.log2(counts.length + 1);
    const lists = Array.from({ length: k }, (_, i) => `L${i}`);
    return captureTable(
      lists,
      counts.map((count, c) => ({ on: lists.map((_, i) => ((c + 1) & (1 << i)) !== 0), count })),
    );
  });

const selections = fc.constantFrom<Selection>("independence", "stepwise", "aic", "bic");

/** The estimate, or undefined when the data admit none (which must be a clear MseDataError, nothing else). */
function tryEstimate(table: CaptureTable, selection: Selection) {
  try {
    return estimatePopulation(table, { selection });
  } catch (e) {
    assert.ok(e instanceof MseDataError, `unexpected ${e}`);
    return undefined;
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe("MSE properties", () => {
  test("the estimate is at least the observed count and inside its own interval", () => {
    fc.assert(
      fc.property(tables, selections, (table, selection) => {
        const e = tryEstimate(table, selection);
        if (!e) return;
        assert.ok(e.estimate >= e.observed);
        assert.ok(e.ci95[0] >= e.observed - 1e-9);
        assert.ok(e.ci95[0] <= e.estimate * (1 + 1e-6));
        assert.ok(e.ci95[1] === null || e.ci95[1] >= e.estimate * (1 - 1e-6));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  test("permuting the lists changes neither the estimate nor the model", () => {
    fc.assert(
      fc.property(tables, selections, fc.integer({ min: 0, max: 10_000 }), (table, selection, shuffle) => {
        const e = tryEstimate(table, selection);
        const order = table.lists
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + shuffle) % 13) - ((b * 7919 + shuffle) % 13));
        const p = tryEstimate(permuteLists(table, order), selection);
        assert.equal(p === undefined, e === undefined);
        if (!e || !p) return;
        assert.ok(close(p.estimate, e.estimate), `${p.estimate} vs ${e.estimate}`);
        const sorted = (terms: readonly string[]) => terms.map((t) => t.split(":").sort().join(":")).sort();
        assert.deepEqual(sorted(p.model.interactions), sorted(e.model.interactions));
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  test("writing the empty histories into the file as zero rows changes nothing: every cell is always fitted", () => {
    const sparse = "LA,NG,PFNCA,GO,GP,count\n";
    const uk = benchmarkTable("uk-2013-five-lists");
    const listed = [...uk.counts.entries()].filter(([c, n]) => c > 0 && n > 0);
    const zeros = [...uk.counts.entries()].filter(([c, n]) => c > 0 && n === 0);
    const row = (c: number, n: number) => `${[0, 1, 2, 3, 4].map((i) => (c >> i) & 1).join(",")},${n}\n`;
    const short = readCaptureCsv(sparse + listed.map(([c, n]) => row(c, n)).join(""));
    const full = readCaptureCsv(sparse + [...listed, ...zeros].map(([c, n]) => row(c, n)).join(""));
    assert.equal(zeros.length, 13);
    assert.equal(estimatePopulation(short).estimate, estimatePopulation(full).estimate);
  });

  test("under independence, multiplying every count by c multiplies the estimate by c", () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 9 }), (table, c) => {
        const e = tryEstimate(table, "independence");
        if (!e) return;
        const scaled = tryEstimate(
          { lists: table.lists, counts: table.counts.map((v) => v * c) },
          "independence",
        )!;
        assert.ok(close(scaled.estimate, c * e.estimate), `${scaled.estimate} vs ${c * e.estimate}`);
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});
