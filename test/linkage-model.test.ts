import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { promisify } from "node:util";
import { csvRows } from "../src/linkage/csv-write.ts";
import { linkFiles } from "../src/linkage/link-run.ts";
import { loadModelFile, MODEL_FORMAT, MODEL_VERSION } from "../src/linkage/model-file.ts";
import { SYNTH_HEADER } from "../src/linkage/synth/render.ts";
import { synthPersons } from "../src/linkage/synth/synth-persons.ts";
import { parseCsv, synthRoles } from "./linkage-helpers.ts";

const run = promisify(execFile);
const harbor = new URL("../bin/harbor.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "harbor-model-"));
const people = join(dir, "people.csv");
const map = Object.entries(synthRoles(false))
  .map(([role, col]) => `${role}=${col}`)
  .join(",");

/** Runs `harbor ...`; resolves with exit code and output, never throws on a non-zero exit. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { NODE_TEST_CONTEXT: _ignored, ...env } = process.env;
    const { stdout, stderr } = await run(process.execPath, [harbor, ...args], { env: { ...env, CI: "1" } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** record_id → entity_id of the generated file. */
const entityOf = new Map<string, string>();
/** Pairwise F1 of a pairs CSV against the generator's ground truth. */
function f1(pairsCsv: string): number {
  const { rows } = parseCsv([readFileSync(pairsCsv, "utf8")]);
  let tp = 0;
  let fp = 0;
  for (const { fields } of rows.slice(1)) {
    if (entityOf.get(fields[0]!) === entityOf.get(fields[1]!)) tp++;
    else fp++;
  }
  const sizes = new Map<string, number>();
  for (const e of entityOf.values()) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  let truePairs = 0;
  for (const k of sizes.values()) truePairs += (k * (k - 1)) / 2;
  const precision = tp / (tp + fp);
  const recall = tp / truePairs;
  return (2 * precision * recall) / (precision + recall);
}

const base = { mapping: { id: "record_id", roles: synthRoles(false) }, workers: 0 } as const;

before(() => {
  const lines = [SYNTH_HEADER.join(",")];
  for (const row of synthPersons({ n: 3000, duplicates: 0.3, seed: 7 })) {
    lines.push(csvRows([row]).trimEnd());
    entityOf.set(row[0]!, row[1]!);
  }
  writeFileSync(people, `${lines.join("\n")}\n`);
});

describe("saved linkage models", () => {
  test("save → load round trip gives identical pairs and probabilities (3,000 generated records)", async () => {
    const model = join(dir, "model.json");
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    await linkFiles([people], { ...base, out: a, saveModelFile: model, explain: true });
    const loaded = await loadModelFile(model);
    assert.equal(loaded.saved.format, MODEL_FORMAT);
    assert.ok(loaded.saved.tf && Object.keys(loaded.saved.tf.family.values).length > 100);
    assert.deepEqual(Object.keys(loaded.saved.roles).sort(), Object.keys(synthRoles(false)).sort());
    const second = await linkFiles([people], { ...base, out: b, modelFile: model, explain: true });
    assert.equal(second.result.model.training.method, loaded.saved.training.method);
    // The term-frequency chance shares travel with the model: the loaded one scores with the saved shares.
    assert.deepEqual(second.result.model.tfChance, loaded.saved.tfChance);
    assert.ok(loaded.saved.tfChance && loaded.saved.tfChance.length > 0);
    const pairs = readFileSync(a, "utf8");
    assert.ok(pairs.split("\n").length > 500);
    assert.equal(readFileSync(b, "utf8"), pairs);
  });

  test("a corrupt model file gives a one-line error and exit code 2", async () => {
    const cases: [string, string, RegExp][] = [
      ["garbage.json", "{not json", /not a Harbor linkage model: not valid JSON/],
      ["other.json", '{"name":"x"}', /not a Harbor linkage model/],
      ["future.json", JSON.stringify({ format: MODEL_FORMAT, version: 99 }), /unknown model version 99/],
      [
        "broken.json",
        JSON.stringify({ format: MODEL_FORMAT, version: MODEL_VERSION, lambda: 2 }),
        /invalid model: /,
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = await cli("link", "dedupe", people, "--id", "record_id", "--map", map, "--model", file);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split("\n").length, 1, `${name}: ${r.stderr}`);
    }
  });
});

describe("training from labels", () => {
  test("--labels on generated data reaches at least the unsupervised F1 (3,000 records, every other candidate pair labelled)", async () => {
    const unsup = join(dir, "unsup.csv");
    const first = await linkFiles([people], { ...base, out: unsup });
    assert.equal(first.result.model.training.method, "em");
    // A reviewer's labels: every other candidate pair, labelled from the ground truth.
    const ids = readFileSync(people, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.slice(0, l.indexOf(",")));
    const { pairs } = first.result;
    const rows = ["left_id,right_id,is_match"];
    for (let p = 0; p < pairs.count; p += 2) {
      const l = ids[pairs.left[p]!]!;
      const r = ids[pairs.right[p]!]!;
      rows.push(`${l},${r},${entityOf.get(l) === entityOf.get(r) ? 1 : 0}`);
    }
    const labels = join(dir, "labels.csv");
    writeFileSync(labels, `${rows.join("\n")}\n`);
    const sup = join(dir, "sup.csv");
    const r = await cli(
      "link",
      "dedupe",
      people,
      "--id",
      "record_id",
      "--map",
      map,
      "--labels",
      labels,
      "--out",
      sup,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`training: labels, ${rows.length - 1} labelled pairs used`));
    const unsupF1 = f1(unsup);
    const supF1 = f1(sup);
    assert.ok(unsupF1 >= 0.97, `unsupervised F1 ${unsupF1}`);
    assert.ok(supF1 >= unsupF1, `labelled F1 ${supF1} < unsupervised ${unsupF1}`);
    assert.ok(supF1 >= 0.985, `labelled F1 ${supF1}`);
  });

  test("bad label rows are reported with line numbers and skipped; unknown ids are reported", async () => {
    const ids = [...entityOf.keys()];
    const labels = join(dir, "bad-labels.csv");
    writeFileSync(
      labels,
      [
        "left_id,right_id,is_match",
        `${ids[0]},${ids[1]},1`,
        `${ids[2]},${ids[3]},maybe`,
        `${ids[4]},${ids[5]},false`,
        `nobody,${ids[6]},0`,
        `${ids[7]},${ids[8]}`,
        `${ids[9]},${ids[10]},TRUE`,
        `${ids[11]},${ids[11]},1`,
      ].join("\n"),
    );
    const r = await cli("link", "dedupe", people, "--id", "record_id", "--map", map, "--labels", labels);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /bad-labels\.csv:3: is_match must be 1, 0, true or false, got "maybe"; label skipped/,
    );
    assert.match(r.stderr, /bad-labels\.csv:5: unknown left_id "nobody"; label skipped/);
    assert.match(r.stderr, /bad-labels\.csv:6: /);
    assert.match(r.stderr, /bad-labels\.csv:8: a record paired with itself/);
    assert.match(r.stderr, /training: labels, 3 labelled pairs used \(2 matches; 4 label rows skipped\)/);
  });
});
