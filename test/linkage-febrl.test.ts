import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { activeMask } from "../src/linkage/comparisons.ts";
import { evaluatePairs } from "../src/linkage/evaluate.ts";
import { explainPair } from "../src/linkage/explain.ts";
import { loadPeopleCsv, parseRoleMap } from "../src/linkage/load-people.ts";
import { runLinkage } from "../src/linkage/pipeline.ts";
import { RecordStore } from "../src/linkage/record-store.ts";

// The public FEBRL files (another generator than Harbor's), shipped in the repository so this runs on a clean clone.
const data = new URL("../data/benchmarks/febrl/", import.meta.url);
const MAP =
  "given_name=given_name,family_name=surname,street_number=street_number,street=address_1," +
  "address_line_2=address_2,city=suburb,postcode=postcode,state=state,date_of_birth=date_of_birth";

/** The Python recordlinkage peer's F1 without the national id, from the data README's table. */
function peerWithoutId(file: string): number {
  const readme = readFileSync(new URL("README.md", data), "utf8");
  const m = new RegExp(`^\\| ${file.replace(".", "\\.")} \\| F1 [\\d.]+[^|]*\\| F1 ([\\d.]+)`, "m").exec(
    readme,
  );
  return Number(m![1]);
}

async function dedupe(file: string) {
  const roles = parseRoleMap(MAP);
  const store = new RecordStore();
  const loaded = await loadPeopleCsv(new URL(file, data).pathname, { id: "rec_id", roles }, store, {
    workers: 0,
  });
  // Ground truth from rec_id (rec-N-org, rec-N-dup-K); rec_id is never a matching field.
  const entities = new Map<string, number>();
  const truth = Int32Array.from(loaded.ids, (id) => {
    const e = /^rec-(\d+)-/.exec(id)![1]!;
    if (!entities.has(e)) entities.set(e, entities.size);
    return entities.get(e)!;
  });
  const res = await runLinkage(store, activeMask(Object.keys(roles) as never), { workers: 0, truth });
  const f1 = evaluatePairs(
    truth,
    res.pairs.left,
    res.pairs.right,
    res.weights,
    res.pairs.count,
    res.linkWeight,
  );
  return { res, f1, store };
}

describe("public FEBRL files, without the national id", () => {
  for (const file of ["dataset1.csv", "dataset2.csv"]) {
    test(`${file}: EM is accepted and pairwise F1 is at least the Python peer's`, async () => {
      const { res, f1, store } = await dedupe(file);
      const t = res.model.training;
      assert.equal(t.method, "em", t.reason);
      // Tight blocking: most candidate pairs are true matches, which no longer trips a λ cap.
      assert.ok(res.model.lambda > 0.5, `λ ${res.model.lambda}`);
      assert.ok(f1.f1 >= peerWithoutId(file), `F1 ${f1.f1} < peer ${peerWithoutId(file)}`);
      // Every explanation adds up to the weight that decided.
      const v = store.view();
      for (let p = 0; p < res.pairs.count; p += 97) {
        const e = explainPair(v, res.scorer, res.pairs.left[p]!, res.pairs.right[p]!);
        const sum = e.prior + e.fields.reduce((s, f) => s + f.weight + f.tfAdjustment, 0);
        assert.ok(Math.abs(sum - res.weights[p]!) < 1e-4, `pair ${p}`);
      }
    });
  }
});
