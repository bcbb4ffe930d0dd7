import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);
const harbor = new URL("../bin/harbor.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "harbor-link-"));

/** Runs `harbor ...`; resolves with exit code and output, never throws on a non-zero exit. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // The test runner's own variables would make the child behave as a test process.
    const { NODE_TEST_CONTEXT: _ignored, ...env } = process.env;
    const { stdout, stderr } = await run(process.execPath, [harbor, ...args], { env: { ...env, CI: "1" } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const ids = (csv: string) =>
  csv
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",").slice(0, 2).join("-"));

// A messy export: byte-order mark, semicolons, padded header names and values, quoted fields with the delimiter
// and a line break inside, a broken row, a blank line, several date formats, accents, a nickname, no phone column.
const messy = [
  "\uFEFF Person ID ; First ;Last; DOB ; Street ; Zip ; Note ",
  "1; John ;Smith;1980-04-03;12 Main St;02139;x",
  '2;JOHN;SMITH;04/03/1980;12 Main Street;02139;"has; semicolon"',
  '3;Maria;Garcia;1975-12-01;5 Oak Ave;94110;"multi',
  'line"',
  "4;María;García;01.12.1975;5 Oak Avenue;94110;",
  "5;broken;row;only",
  "6;Peter;Jones;1990-01-01;;;",
  "7;Pete;Jones;1990-01-01;;;",
  "8;Anna;Kowalski;1985-06-15;9 Pine Rd;60601;",
  "",
  "9;Alice;Brown;1970-02-02;1 Elm St;10001;",
  "10;Alicia;Browne;1971-03-03;77 River Rd;10001;",
].join("\r\n");
const map = "given_name=First,family_name=Last,date_of_birth=DOB,address_line=Street,postcode=Zip";

describe("harbor link / synth CLI", () => {
  test("dedupe on a messy CSV finds exactly the expected pairs and reports the bad row", async () => {
    const file = join(dir, "messy.csv");
    writeFileSync(file, messy);
    const out = join(dir, "pairs.csv");
    const clusters = join(dir, "clusters.csv");
    const r = await cli(
      "link",
      "dedupe",
      file,
      "--id",
      "Person ID",
      "--map",
      map,
      "--out",
      out,
      "--clusters",
      clusters,
      "--workers",
      "0",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /messy\.csv:7: expected 7 fields, found 4; row skipped/);
    assert.match(r.stderr, /records: 9 \(bad rows skipped: 1\)/);
    const pairs = readFileSync(out, "utf8");
    assert.equal(pairs.split("\n")[0], "left_id,right_id,match_probability");
    assert.deepEqual(ids(pairs), ["1-2", "3-4", "6-7"]);
    for (const line of pairs.trim().split("\n").slice(1)) assert.ok(Number(line.split(",")[2]) >= 0.5);
    const cl = readFileSync(clusters, "utf8").trim().split("\n");
    assert.equal(cl[0], "record_id,cluster_id");
    assert.deepEqual(cl.slice(1), ["1,1", "2,1", "3,3", "4,3", "6,6", "7,6", "8,8", "9,9", "10,10"]);
  });
  test("--explain adds per-field columns; an explicit --delimiter works; stdout is the default output", async () => {
    const file = join(dir, "tabs.tsv");
    writeFileSync(file, messy.replace(/;/g, "\t").replace('"has\t semicolon"', "has semicolon"));
    const r = await cli(
      "link",
      "dedupe",
      file,
      "--id",
      "Person ID",
      "--map",
      map,
      "--delimiter",
      "tab",
      "--explain",
      "--workers",
      "0",
    );
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(
      lines[0],
      "left_id,right_id,match_probability,match_weight,prior,given_name,family_name,date_of_birth,street_number,street,postcode",
    );
    assert.deepEqual(ids(r.stdout), ["1-2", "3-4", "6-7"]);
    assert.match(
      lines[3]!,
      /^6,7,[\d.]+,[\d.]+,[+-][\d.]+,nickname or variant \(\+[\d.]+\),"exact, given_name agreeing \(/,
    );
    // Nine records give too few candidate pairs to train on: the untrained fallback is said so, on stderr.
    assert.match(
      r.stderr,
      /training: FALLBACK, untrained model used \(\d+ candidate pairs are too few for EM/,
    );
    assert.match(r.stderr, /warning: fallback model used/);
  });
  test("link pair matches across two files", async () => {
    const left = join(dir, "left.csv");
    const right = join(dir, "right.csv");
    writeFileSync(
      left,
      "id,given,family,dob\nL1,Ana,Lopez,1992-02-29\nL2,Omar,Haddad,1988-07-14\nL3,Wei,Chen,1979-11-30\n",
    );
    writeFileSync(
      right,
      "id,given,family,dob\nR1,Mohammed,Smith,1950-01-01\nR2,Ana,López,02/29/1992\nR3,Omar,Hadad,1988-07-14\n",
    );
    const out = join(dir, "lr.csv");
    const r = await cli(
      "link",
      "pair",
      left,
      right,
      "--id",
      "id",
      "--map",
      "given_name=given,family_name=family,date_of_birth=dob",
      "--out",
      out,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ids(readFileSync(out, "utf8")), ["L1-R2", "L2-R3"]);
  });
  test("user errors exit with code 2 and one clear line", async () => {
    const file = join(dir, "messy.csv");
    const missing = await cli("link", "dedupe", file, "--id", "Person ID", "--map", "phone=Phone");
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /column "Phone" \(phone\) is not in the header/);
    const role = await cli("link", "dedupe", file, "--id", "Person ID", "--map", "shoe_size=Zip");
    assert.equal(role.code, 2, role.stderr);
    assert.match(role.stderr, /unknown role "shoe_size"/);
    const nofile = await cli("link", "dedupe", join(dir, "nope.csv"), "--id", "x", "--map", map);
    assert.equal(nofile.code, 2, nofile.stderr);
  });
  test("synth persons is reproducible from its seed", async () => {
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    await cli("synth", "persons", "--n", "300", "--duplicates", "0.25", "--seed", "7", "--out", a);
    await cli("synth", "persons", "--n", "300", "--duplicates", "0.25", "--seed", "7", "--out", b);
    const text = readFileSync(a, "utf8");
    assert.equal(text, readFileSync(b, "utf8"));
    const rows = text.trim().split("\n");
    assert.equal(rows.length, 301);
    assert.equal(
      rows[0],
      "record_id,entity_id,given_name,family_name,date_of_birth,sex,address,city,state,postcode,phone,email,national_id",
    );
    const entities = new Set(rows.slice(1).map((r) => r.split(",")[1]));
    assert.equal(entities.size, 225);
  });
});
