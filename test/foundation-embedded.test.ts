import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { exitOf, HARBOR_BIN, spawnHarbor, startHarbor } from "./support/harbor-process.ts";

const run = promisify(execFile);
const harborCli = (args: string[]) =>
  run(process.execPath, [HARBOR_BIN, ...args], { env: { ...process.env, HARBOR_DATA_DIR: dataDir } });

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-embedded-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test("embedded PGlite: one process per data folder, stale lock after kill -9 is cleared, data persists", async () => {
  const first = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  const ready = await fetch(`${first.url}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal((await ready.json()).store, "pglite");

  const status = await harborCli(["db", "status"]);
  assert.match(status.stdout, /applied {2}2026_11_29_0001_foundation/);
  assert.match(status.stderr, /through the running Harbor/, "the CLI goes through the running server");

  const second = spawnHarbor({ HARBOR_DATA_DIR: dataDir });
  const code = await exitOf(second);
  assert.notEqual(code, 0, "the second Harbor must not start on the same folder");
  assert.match(second.output(), /data folder .* is in use by another Harbor process/);
  assert.doesNotMatch(second.output(), /\n\s+at /, "a clear message, not a stack trace");

  first.child.kill("SIGKILL");
  await exitOf(first.child);

  const third = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  try {
    const res = await fetch(`${third.url}/readyz`);
    assert.equal(res.status, 200, third.output());
  } finally {
    await third.stop();
  }
  const alone = await harborCli(["db", "migrate"]);
  assert.match(alone.stdout, /Already up to date/);
  assert.match(alone.stderr, /Using the embedded store/);
});
