import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { exitOf, startHarbor } from "./support/harbor-process.ts";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");
const CLIENTS = 64;
const ROUNDS = 3;

const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-load-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const harborCli = (args: string[]) =>
  run(process.execPath, ["bin/harbor.js", ...args], {
    cwd: ROOT,
    env: { ...process.env, HARBOR_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
  });

/** A client that opens cases and reads each back; returns what went wrong. */
async function openAndReadBack(base: string, token: string, client: number): Promise<string[]> {
  const problems: string[] = [];
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  for (let round = 0; round < ROUNDS; round++) {
    const title = `load ${client}.${round}`;
    const created = await fetch(`${base}/api/v1/cases`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title }),
    });
    if (created.status !== 201) {
      problems.push(`create answered ${created.status}`);
      continue;
    }
    const { id } = (await created.json()) as { id: string };
    const read = await fetch(`${base}/api/v1/cases/${id}`, { headers });
    const body = (await read.json()) as { title?: string };
    if (read.status !== 200 || body.title !== title)
      problems.push(`read ${id}: ${read.status} ${body.title}`);
  }
  return problems;
}

test("npm start's embedded store under 64 clients, with the CLI beside it, then a clean SIGTERM", async () => {
  const server = await startHarbor({ HARBOR_DATA_DIR: dataDir });
  let stopped = false;
  try {
    await harborCli(["org", "create", "--id", "load-pd", "--name", "Load PD", "--type", "law_enforcement"]);
    await harborCli([
      "user",
      "create",
      "--org",
      "load-pd",
      "--email",
      "load@pd.test",
      "--role",
      "investigator",
    ]);
    const token = (
      await harborCli(["token", "create", "--user", "load@pd.test", "--expires", "1d"])
    ).stdout.trim();

    const [clients, ...cli] = await Promise.all([
      Promise.all(Array.from({ length: CLIENTS }, (_, client) => openAndReadBack(server.url, token, client))),
      harborCli(["user", "list", "--org", "load-pd"]),
      harborCli(["db", "status"]),
    ]);
    assert.deepEqual(clients.flat(), [], "every client got its own case back");
    const listed = JSON.parse(cli[0]!.stdout) as { email: string }[];
    assert.deepEqual(
      listed.map((u) => u.email),
      ["load@pd.test"],
      "the CLI beside the busy server got its answer",
    );
    assert.match(cli[1]!.stdout, /applied/);

    const verified = await harborCli(["audit", "verify"]);
    assert.match(verified.stdout, /Audit chain intact/, verified.stdout);

    server.child.kill("SIGTERM");
    const code = await exitOf(server.child);
    stopped = true;
    assert.equal(code, 0, `a SIGTERM after the load stops the server cleanly:\n${server.output()}`);
    assert.doesNotMatch(server.output(), /"level":50|\n\s+at /, "no errors logged");
  } finally {
    if (!stopped) await server.stop();
  }
});
