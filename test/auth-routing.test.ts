import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { clock as harborClock, manualClock } from "../src/modules/auth/clock.ts";
import { sha256Hex } from "../src/modules/auth/secrets.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, signIn, type TestUser } from "./support/auth.ts";
import { testClockStart } from "./support/clock.ts";
import { describeEachStore } from "./support/stores.ts";

/**
 * Look-ups that arrive without an organization (docs/scale-out.md): every credential names its
 * organization, e-mails are unique across organizations through login_emails, and neither routing
 * detail weakens what a credential proves.
 */
describeEachStore("credentials that name their organization", (backend) => {
  let t: TestApp;
  let admin: TestUser;
  let clock: ReturnType<typeof manualClock>;
  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers });

  before(async () => {
    clock = manualClock(testClockStart());
    t = await startTestApp(backend);
    admin = await createOrgWithUser(t.store, {
      orgId: "route-a",
      orgType: "law_enforcement",
      roles: ["admin"],
    });
    await createOrgWithUser(t.store, { orgId: "route-b", orgType: "service_provider", roles: ["admin"] });
  });
  after(async () => {
    clock.restore();
    await t.close();
  });

  test("an e-mail is unique across organizations, whatever its case", async () => {
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: admin.headers,
      payload: { email: admin.email.toUpperCase(), roles: ["intake"] },
    });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, "email_taken");
    const rows = await t.store.db.selectFrom("login_emails").selectAll().execute();
    assert.equal(new Set(rows.map((r) => r.email)).size, rows.length);
    assert.ok(rows.every((r) => r.email === r.email.toLowerCase()));
  });

  test("a token is looked up in the organization it names; renaming that organization in it makes it worthless", async () => {
    assert.ok(admin.token.startsWith("hbr_route-a."));
    assert.equal((await me({ authorization: `Bearer ${admin.token}` })).statusCode, 200);
    const moved = admin.token.replace("hbr_route-a.", "hbr_route-b.");
    assert.equal((await me({ authorization: `Bearer ${moved}` })).statusCode, 401);
    const cookie = admin.cookie.replace("=route-a.", "=route-b.");
    assert.equal((await me({ cookie })).statusCode, 401);
  });

  test("a token issued before tokens named their organization still works", async () => {
    const legacy = "hbr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    await t.store.db
      .insertInto("api_tokens")
      .values({
        id: "00000000-0000-4000-8000-00000000aaaa",
        org_id: "route-a",
        user_id: admin.userId,
        token_hash: sha256Hex(legacy),
        label: "legacy",
        created_at: harborClock.now(),
        expires_at: new Date(harborClock.now().getTime() + 86_400_000),
      })
      .execute();
    const r = await me({ authorization: `Bearer ${legacy}` });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().user.id, admin.userId);
  });

  test("a session's idle clock is written at most once a minute, and it still ends after 30 idle minutes", async () => {
    clock.advance(31_000);
    const s = await signIn(t.app, admin);
    const seen = async () =>
      (
        await t.store.db
          .selectFrom("sessions")
          .select("last_seen_at")
          .where("token_hash", "=", sha256Hex(s.cookie.split("=")[1] as string))
          .executeTakeFirstOrThrow()
      ).last_seen_at.getTime();
    const opened = await seen();
    clock.advance(20_000);
    assert.equal((await me({ cookie: s.cookie })).statusCode, 200);
    assert.equal(await seen(), opened, "a request 20 s later writes nothing");
    clock.advance(45_000);
    assert.equal((await me({ cookie: s.cookie })).statusCode, 200);
    assert.equal(await seen(), harborClock.now().getTime(), "after a minute the clock moves");
    clock.advance(30 * 60_000 + 1);
    assert.equal((await me({ cookie: s.cookie })).statusCode, 401);
  });
});
