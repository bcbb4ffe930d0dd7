import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { manualClock } from "../src/modules/auth/clock.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, signIn, type TestUser } from "./support/auth.ts";
import { testClockStart } from "./support/clock.ts";
import { describeEachStore } from "./support/stores.ts";

const MIN = 60_000;

describeEachStore("sessions and API tokens (simulated clock)", (backend) => {
  let t: TestApp;
  let admin: TestUser;
  // Made in before(): one suite per store, each must own the process-wide clock while it runs.
  let clock: ReturnType<typeof manualClock>;
  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers });
  const newUser = () =>
    createOrgWithUser(t.store, { orgId: "sess-pd", orgType: "law_enforcement", roles: ["investigator"] });

  before(async () => {
    clock = manualClock(testClockStart());
    t = await startTestApp(backend);
    admin = await createOrgWithUser(t.store, {
      orgId: "sess-pd",
      orgType: "law_enforcement",
      roles: ["admin"],
    });
  });
  after(async () => {
    clock.restore();
    await t.close();
  });

  test("idle timeout: 29 minutes between requests is fine, 31 minutes ends the session for good", async () => {
    const u = await newUser();
    const s = await signIn(t.app, u);
    clock.advance(29 * MIN);
    assert.equal((await me({ cookie: s.cookie })).statusCode, 200);
    clock.advance(29 * MIN);
    assert.equal((await me({ cookie: s.cookie })).statusCode, 200, "each use restarts the idle clock");
    clock.advance(31 * MIN);
    assert.equal((await me({ cookie: s.cookie })).statusCode, 401);
    clock.advance(1 * MIN);
    assert.equal(
      (await me({ cookie: s.cookie })).statusCode,
      401,
      "an idle-ended session does not come back",
    );
  });

  test("absolute lifetime: 12 hours after sign-in the session ends even when in constant use", async () => {
    const u = await newUser();
    clock.advance(31_000);
    const s = await signIn(t.app, u);
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock.advance(20 * MIN);
      assert.equal((await me({ cookie: s.cookie })).statusCode, 200, `at ${elapsed + 20} min`);
    }
    clock.advance(20 * MIN); // now 12 h after sign-in
    const r = await me({ cookie: s.cookie });
    assert.equal(r.statusCode, 401);
  });

  test("disabling an account ends 100% of its sessions and tokens at once", async () => {
    const u = await newUser();
    const sessions = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(31_000);
      sessions.push(await signIn(t.app, u));
    }
    sessions.push({ cookie: u.cookie });
    for (const s of sessions) assert.equal((await me({ cookie: s.cookie })).statusCode, 200);
    const r = await t.app.inject({
      method: "POST",
      url: `/api/v1/users/${u.userId}/disable`,
      headers: admin.headers,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().sessionsEnded, 4);
    assert.equal(r.json().user.disabled, true);
    for (const s of sessions) assert.equal((await me({ cookie: s.cookie })).statusCode, 401);
    assert.equal((await me(u.headers)).statusCode, 401, "API token refused too");
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: u.email, password: u.password },
    });
    assert.equal(login.statusCode, 401);
    assert.equal(login.json().error.code, "invalid_credentials");
  });

  test("session tokens are 128-bit random values stored only as hashes; TOTP secrets sealed", async () => {
    const u = await newUser();
    clock.advance(31_000);
    const s = await signIn(t.app, u);
    const raw = s.cookie.split("=")[1] as string;
    const [orgPart, secret] = raw.split(".");
    assert.equal(orgPart, u.orgId, "the cookie names its organization, so its look-up routes to it");
    assert.equal(Buffer.from(secret as string, "base64url").length, 16);
    const rows = await t.store.db.selectFrom("sessions").select(["token_hash", "csrf_hash"]).execute();
    assert.ok(rows.every((row) => row.token_hash !== raw && /^[0-9a-f]{64}$/.test(row.token_hash)));
    const tokens = await t.store.db.selectFrom("api_tokens").select("token_hash").execute();
    assert.ok(!tokens.some((row) => row.token_hash === u.token));
    const users = await t.store.db.selectFrom("users").select(["totp_secret", "password_hash"]).execute();
    assert.ok(users.every((row) => row.password_hash?.startsWith("$argon2id$")));
    assert.ok(!JSON.stringify(users).includes(u.totpSecret), "TOTP secrets are sealed at rest");
  });

  test("API tokens: created once by an admin, expire, and are revocable at once", async () => {
    const u = await newUser();
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: admin.headers,
      payload: { userId: u.userId, expiresInDays: 1, label: "sync" },
    });
    assert.equal(created.statusCode, 201, created.body);
    const token = created.json().token as string;
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await me(bearer)).statusCode, 200);
    const list = await t.app.inject({ method: "GET", url: "/api/v1/tokens", headers: admin.headers });
    assert.ok(!list.body.includes(token), "the secret is never listed");
    clock.advance(24 * 60 * MIN);
    const expired = await me(bearer);
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().error.code, "invalid_token");
    const second = await t.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: admin.headers,
      payload: { userId: u.userId, expiresInDays: 30 },
    });
    const b2 = { authorization: `Bearer ${second.json().token}` };
    assert.equal((await me(b2)).statusCode, 200);
    const revoke = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/tokens/${second.json().id}`,
      headers: admin.headers,
    });
    assert.equal(revoke.statusCode, 204);
    assert.equal((await me(b2)).statusCode, 401);
  });
});
