import assert from "node:assert/strict";
import { test } from "node:test";
import type { AuthContext } from "../src/modules/auth/auth.context.ts";
import type { DemoContext } from "../src/modules/demo/demo.context.ts";
import { demoTips } from "../src/modules/tips/tips.demo.ts";
import { startTestApp } from "./support/app.ts";
import { createOrgWithUser } from "./support/auth.ts";
import { recordsEnv } from "./support/records.ts";
import { storeBackends } from "./support/stores.ts";

test("demoTips: several tips in the hotline, one foreign national minor with a running 24-hour clock", async () => {
  const t = await startTestApp(storeBackends()[0] as never, recordsEnv());
  try {
    const u = await createOrgWithUser(t.store, {
      orgId: "demo-hotline",
      orgType: "hotline",
      roles: ["intake"],
    });
    const auth: AuthContext = {
      kind: "user",
      userId: u.userId,
      orgId: u.orgId,
      orgType: "hotline",
      roles: ["intake"],
      via: "session",
      credentialId: "demo",
    };
    const now = new Date();
    const ctx = {
      store: t.store,
      orgs: { taskForce: "x", serviceProvider: "x", hotline: "demo-hotline", legalAid: "x" },
      users: { hotline: auth, intake: auth },
      caseIds: [],
      personIds: [],
      tipIds: [],
      now,
    } as unknown as DemoContext;
    await demoTips(ctx);
    assert.equal(ctx.tipIds.length, 4);
    const res = await t.app.inject({ url: "/api/v1/tips?clock=running", headers: u.headers });
    const running = res.json().tips;
    assert.equal(running.length, 1);
    assert.equal(running[0].hhsClock.overdue, false);
    assert.ok(new Date(running[0].hhsClock.dueAt).getTime() - now.getTime() === 21 * 3_600_000);
  } finally {
    await t.close();
  }
});
