import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type EstimateOptions, estimatePopulation } from "../src/stats/mse/estimate.ts";
import { type Scenario, simulateTables } from "./mse-simulate.ts";

/** Share of simulated populations whose true size the 95% interval contains. */
function coverage(s: Scenario, options: EstimateOptions, simulations: number, seed: number): number {
  let covered = 0;
  for (const table of simulateTables(s, simulations, seed)) {
    const [lo, hi] = estimatePopulation(table, options).ci95;
    if (lo <= s.population && (hi === null || s.population <= hi)) covered++;
  }
  return covered / simulations;
}

// 1,000 seeded simulations each: the binomial standard error of a 95% coverage is 0.7 points, so [93%, 97%]
// is nearly three of them either way. Deterministic seeds: the figures are exactly reproducible.
describe("MSE interval coverage on simulated populations of known size", () => {
  test("independent lists, independence model: the profile interval covers the truth about 95% of the time", () => {
    const c = coverage(
      { name: "four lists", population: 2000, capture: [0.1, 0.15, 0.2, 0.3] },
      { selection: "independence" },
      1000,
      7,
    );
    assert.ok(c >= 0.93 && c <= 0.97, `coverage ${c}`);
  });

  test("sparse, dependent lists, the true two-way model: about 95%", () => {
    const c = coverage(
      {
        name: "five sparse lists, two dependences",
        population: 5000,
        capture: [0.03, 0.06, 0.1, 0.15, 0.08],
        dependence: [
          [0, 1, 1.5],
          [2, 3, -0.7],
        ],
      },
      {
        interactions: [
          ["A", "B"],
          ["C", "D"],
        ],
      },
      1000,
      7,
    );
    assert.ok(c >= 0.93 && c <= 0.97, `coverage ${c}`);
  });

  test("low capture rates like the UK's (1% to 9% per list): about 95%", () => {
    const c = coverage(
      { name: "UK-like", population: 12000, capture: [0.01, 0.05, 0.09, 0.06, 0.03] },
      { selection: "independence" },
      1000,
      7,
    );
    assert.ok(c >= 0.93 && c <= 0.97, `coverage ${c}`);
  });
});
