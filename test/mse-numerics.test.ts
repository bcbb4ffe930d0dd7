import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { captureTable, tableFromMemberships } from "../src/stats/mse/capture-table.ts";
import { estimatePopulation } from "../src/stats/mse/estimate.ts";
import {
  normalCdf,
  normalQuantile,
  poissonCdf,
  poissonUpperTail,
} from "../src/stats/mse/special-functions.ts";

const near = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1e-300, Math.abs(b));

describe("MSE numerics and inputs", () => {
  test("Poisson tails and the normal distribution agree with R", () => {
    // R: ppois(3, 2), ppois(2, 2, lower.tail = FALSE), pnorm(-3), qnorm(0.975), qnorm(1e-10); ppois(40, 25) by
    // summing its series in 50-digit decimals.
    assert.ok(near(poissonCdf(3, 2), 0.857123460498547));
    assert.ok(near(poissonUpperTail(3, 2), 0.323323583816936));
    assert.ok(near(poissonCdf(0, 250), Math.exp(-250)));
    assert.ok(near(poissonCdf(40, 25), 0.997964400719018, 1e-12));
    assert.ok(near(normalCdf(-3), 0.00134989803163009, 1e-12));
    assert.ok(near(normalQuantile(0.975), 1.95996398454005, 1e-13));
    assert.ok(near(normalQuantile(1e-10), -6.36134090240406, 1e-12));
  });

  test("linked records become a capture table: each person's set of sources is one history", () => {
    const people = [
      ["police"],
      ["police", "ngo"],
      ["ngo"],
      ["ngo"],
      ["shelter", "police"],
      [],
      ["ngo", "police"],
    ];
    const table = tableFromMemberships(["police", "ngo", "shelter"], people);
    const direct = captureTable(
      ["police", "ngo", "shelter"],
      [
        { on: [true, false, false], count: 1 },
        { on: [true, true, false], count: 2 },
        { on: [false, true, false], count: 2 },
        { on: [true, false, true], count: 1 },
      ],
    );
    assert.deepEqual(table, direct);
    assert.throws(() => tableFromMemberships(["police", "ngo"], [["court"]]), /unknown list "court"/);
    assert.equal(estimatePopulation(table, { selection: "independence" }).observed, 6);
  });
});
