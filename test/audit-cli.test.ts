import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { sql } from "kysely";
import { loadConfig } from "../src/config.ts";
import { openStore } from "../src/store/store.ts";
import { HARBOR_BIN } from "./support/harbor-process.ts";

const root = mkdtempSync(path.join(tmpdir(), "harbor-cli-"));
const env = {
  ...process.env,
  HARBOR_DATA_DIR: path.join(root, "data"),
  HARBOR_AUDIT_KEY_FILE: path.join(root, "keys", "audit.pem"),
  DATABASE_URL: "",
  LOG_LEVEL: "silent",
};

function harbor(args: string[], input?: string) {
  // No timeout of its own: on a loaded machine the CLI takes what it takes; --test-timeout bounds the test.
  const r = spawnSync(process.execPath, [HARBOR_BIN, ...args], { env, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Changes the embedded database directly, as a superuser who switches the append-only trigger off. */
async function tamper(statements: ReturnType<typeof sql>[]) {
  const store = await openStore(
    loadConfig({ HARBOR_DATA_DIR: env.HARBOR_DATA_DIR, LOG_LEVEL: "silent" }, false),
  );
  try {
    await store.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      for (const s of statements) await s.execute(trx);
    });
  } finally {
    await store.close();
  }
}

test("CLI: org, user (secret printed once), token, checkpoint, verify; tampering and truncation exit non-zero", async () => {
  let r = harbor(["org", "create", "--id", "cli-pd", "--name", "CLI Police", "--type", "law_enforcement"]);
  assert.equal(r.code, 0, r.err);
  r = harbor(
    [
      "user",
      "create",
      "--org",
      "cli-pd",
      "--email",
      "Chief@cli.test",
      "--role",
      "admin,auditor",
      "--password-stdin",
    ],
    "a long passphrase nobody guesses\n",
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /TOTP secret \(shown once\): [A-Z2-7]{32}/);
  assert.match(r.out, /otpauth:\/\/totp\/Harbor:Chief%40cli\.test\?secret=/);
  assert.doesNotMatch(r.out, /Initial password/, "the given password is used, not a generated one");
  r = harbor(["token", "create", "--user", "chief@cli.test", "--expires", "30d"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out.trim(), /^hbr_cli-pd\.[A-Za-z0-9_-]{43}$/, "256 random bits after the organization");

  const cpFile = path.join(root, "cp.json");
  r = harbor(["audit", "checkpoint", "--out", cpFile]);
  assert.equal(r.code, 0, r.err);
  const cp = JSON.parse(readFileSync(cpFile, "utf8"));
  assert.deepEqual(
    cp.heads.map((h: { orgId: string; seq: number }) => [h.orgId, h.seq]),
    [["_system", 3]],
    "the CLI's org, user and token records are in the system chain (the checkpoint's own record comes after)",
  );
  r = harbor(["audit", "verify", "--checkpoint", cpFile]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Audit chain intact: 4 record/);

  const forged = path.join(root, "forged.json");
  writeFileSync(forged, JSON.stringify({ ...cp, heads: [{ ...cp.heads[0], seq: 2 }] }));
  r = harbor(["audit", "verify", "--checkpoint", forged]);
  assert.equal(r.code, 1);
  assert.match(r.err, /signature is not valid/);

  // Truncation of the newest records with the head moved back: only the checkpoint reveals it.
  await tamper([
    sql`delete from audit_events where org_id = '_system' and seq >= 3`,
    sql`update audit_chain_heads set seq = 2, row_hash = (select row_hash from audit_events
      where org_id = '_system' and seq = 2) where org_id = '_system'`,
  ]);
  r = harbor(["audit", "verify"]);
  assert.equal(r.code, 0, "without a checkpoint the shortened chain looks whole");
  r = harbor(["audit", "verify", "--checkpoint", cpFile]);
  assert.equal(r.code, 1);
  assert.match(r.err, /record 3 of the system chain .*truncated/);

  await tamper([sql`update audit_events set outcome = 'failure' where org_id = '_system' and seq = 2`]);
  r = harbor(["audit", "verify"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /Audit chain broken at record 2 of the system chain: content does not match row_hash/);
});
