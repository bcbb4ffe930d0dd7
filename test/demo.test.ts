import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { verifyChain } from "../src/modules/audit/audit.service.ts";
import { cryptoFor } from "../src/modules/auth/totp-secrets.ts";
import type { FieldCrypto } from "../src/modules/crypto/crypto.service.ts";
import { DEMO_ORGS } from "../src/modules/demo/demo.context.ts";
import { clearDemo, demoSignInCode, loadDemo } from "../src/modules/demo/demo.service.ts";
import { startTestApp, type TestApp, testConfig } from "./support/app.ts";
import { runHarborCli } from "./support/harbor-process.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("demo load and clear", (backend) => {
  let t: TestApp;
  let crypto: FieldCrypto;
  before(async () => {
    t = await startTestApp(backend);
    crypto = await cryptoFor(t.store, testConfig());
  });
  after(() => t.close());

  const login = (email: string, password: string) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });

  test("a newcomer signs in with the printed details and the demo code; a second load is refused", async () => {
    const loaded = await loadDemo(t.store, crypto);
    assert.ok(loaded.signIns.length >= 8);
    assert.ok(loaded.signIns.every((s) => s.email.endsWith(".example.org") && s.org.startsWith("demo-")));
    const intake = loaded.signIns.find((s) => s.key === "intake");
    assert.ok(intake);
    const first = await login(intake.email, intake.initialPassword);
    assert.equal(first.statusCode, 200, first.body);
    const mfa = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/mfa",
      payload: {
        challengeId: first.json().challengeId,
        code: await demoSignInCode(t.store, crypto, intake.email),
        newPassword: "harbor demo walkthrough 2026",
      },
    });
    assert.equal(mfa.statusCode, 200, mfa.body);
    await assert.rejects(loadDemo(t.store, crypto), /already loaded/);
  });

  test("clear removes the demo's accounts and data, keeps a verifiable audit trail, and the demo loads again", async () => {
    const { rowsDeleted } = await clearDemo(t.store);
    assert.ok(rowsDeleted > 0);
    const users = await t.store.db
      .selectFrom("users")
      .select("id")
      .where(
        "org_id",
        "in",
        Object.values(DEMO_ORGS).map((o) => o.id),
      )
      .execute();
    assert.deepEqual(users, []);
    const gone = await login("intake@task-force.demo.example.org", "whatever-password-1");
    assert.equal(gone.statusCode, 401);
    assert.equal((await verifyChain(t.store.db)).ok, true);
    const again = await loadDemo(t.store, crypto);
    assert.ok(again.signIns.length >= 8);
  });

  test("sign-in codes are given only for demo accounts", async () => {
    await assert.rejects(demoSignInCode(t.store, crypto, "someone@agency.gov"), /not a demo user/);
  });
});

test("`harbor demo load` from the command line prints sign-in details that work with `harbor demo code`", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-demo-"));
  const saved = { dir: process.env.HARBOR_DATA_DIR, url: process.env.DATABASE_URL };
  process.env.HARBOR_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  try {
    const loaded = await runHarborCli("demo", "load");
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(loaded.stdout, /Loaded the DEMO task force: \d+ tips, \d+ cases/);
    assert.match(loaded.stdout, /intake@task-force\.demo\.example\.org\s+intake\s+password \S{12,}/);
    const code = await runHarborCli("demo", "code", "intake@task-force.demo.example.org");
    assert.match(code.stdout.trim(), /^\d{6}$/);
    const cleared = await runHarborCli("demo", "clear");
    assert.equal(cleared.code, 0, cleared.stderr);
    const verified = await runHarborCli("audit", "verify");
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  } finally {
    process.env.HARBOR_DATA_DIR = saved.dir;
    if (saved.dir === undefined) delete process.env.HARBOR_DATA_DIR;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
