import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runHarborCli as cli } from "./support/harbor-process.ts";

const uk = new URL("../data/benchmarks/mse/uk-2013-five-lists.csv", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "harbor-mse-"));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("harbor mse estimate", () => {
  test("--format json prints observed, estimate, ci95, model terms and warnings for the UK data", async () => {
    const r = await cli("mse", "estimate", uk, "--model", "stepwise", "--format", "json");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.observed, 2744);
    assert.ok(Math.abs(out.estimate - 11313) < 1);
    assert.equal(out.ci95.length, 2);
    assert.ok(out.ci95[0] < out.estimate && out.estimate < out.ci95[1]);
    assert.ok(out.model.terms.includes("LA:NG") && out.model.terms.includes("GP"));
    assert.ok(out.warnings.some((w: { code: string }) => w.code === "non-overlapping-lists"));
    assert.ok(out.warnings.every((w: { message: string }) => w.message.length > 0));
  });

  test("the default text form reads as a report, in English or Spanish", async () => {
    const en = await cli("mse", "estimate", uk, "--model", "independence");
    assert.equal(en.code, 0, en.stderr);
    assert.match(en.stdout, /Estimated total: 13,444/);
    assert.match(en.stdout, /95% interval: 11,985 – 15,166/);
    const es = await cli("mse", "estimate", uk, "--model", "bic", "--lang", "es");
    assert.equal(es.code, 0, es.stderr);
    assert.match(es.stdout, /Total estimado: 12,262/);
    assert.match(es.stdout, /Listas sin nadie en común: LA:GP/);
  });

  test("a bad file is one line naming the line and the column, exit code 2", async () => {
    const cases: Array<[string, RegExp]> = [
      ["A,B,count\n1,0,5\n0,x,3\n", /line 3, column "B": expected 0 or 1, found "x"/],
      ["A,B,count\n1,0,5\n0,1,-3\n", /line 3, column "count": expected a whole number of people, found "-3"/],
      ["A,B,count\n1,0,2.5\n", /line 2, column "count"/],
      ["A,B,total\n1,0,5\n", /line 1: the last column must be "count", found "total"/],
      ["A,B,count\n1,0,5\n0,0,4\n", /line 3: a row with no list marked/],
      ["A,B,count\n1,0,5\n0,1\n", /Invalid Record Length/],
      ["A,count\n1,5\n", /at least two list columns/],
      ["", /the file is empty/],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const r = await cli("mse", "estimate", file(`bad-${i}.csv`, text));
      assert.equal(r.code, 2, `${text}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
      assert.equal(r.stdout, "");
    }
  });

  test("data with no estimate at all, and a missing file, are clear errors too", async () => {
    // Everybody seen by A is also seen by B and vice versa: the lists are the same list.
    const same = await cli("mse", "estimate", file("same.csv", "A,B,count\n1,1,9\n"));
    assert.equal(same.code, 2);
    assert.match(same.stderr, /fewer than two informative lists/);
    const missing = await cli("mse", "estimate", join(dir, "nope.csv"));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the file \(ENOENT\)/);
  });

  test("--interval bca repeats the stepwise selection on resamples, reproducibly for a seed", async () => {
    const korea = new URL("../data/benchmarks/mse/korea-three-lists.csv", import.meta.url).pathname;
    const args = [
      "mse",
      "estimate",
      korea,
      "--interval",
      "bca",
      "--replicates",
      "200",
      "--seed",
      "5",
      "--format",
      "json",
    ];
    const [a, b] = await Promise.all([cli(...args), cli(...args)]);
    assert.equal(a.code, 0, a.stderr);
    const out = JSON.parse(a.stdout);
    assert.deepEqual(out.ci95, JSON.parse(b.stdout).ci95);
    assert.equal(out.interval, "bca-bootstrap");
    assert.equal(out.intervals.bootstrap.replicates + out.intervals.bootstrap.failed, 200);
    assert.ok(out.ci95[0] <= out.estimate && out.estimate <= out.ci95[1]);
  });
});
