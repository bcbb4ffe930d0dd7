import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { clock as harborClock, manualClock } from "../src/modules/auth/clock.ts";
import { dummyHash } from "../src/modules/auth/passwords.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, sessionCookieFrom, signIn, type TestUser, totpCode } from "./support/auth.ts";
import { testClockStart } from "./support/clock.ts";
import { describeEachStore } from "./support/stores.ts";

const clockNow = () => harborClock.now().getTime();

describeEachStore("sign-in with MFA", (backend) => {
  let t: TestApp;
  let user: TestUser;
  // Made in before(): one suite per store, each must own the process-wide clock while it runs.
  let clock: ReturnType<typeof manualClock>;
  const step = () => clock.advance(31_000); // a TOTP code is single-use: move to the next 30 s step
  const login = (email: string, password: string) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  const mfa = (challengeId: string, code: string) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/mfa", payload: { challengeId, code } });

  before(async () => {
    clock = manualClock(testClockStart());
    t = await startTestApp(backend);
    user = await createOrgWithUser(t.store, {
      orgId: "login-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(async () => {
    clock.restore();
    await t.close();
  });

  test("password step answers an MFA challenge, never a session (100% of human sign-ins need TOTP)", async () => {
    step();
    const r = await login(user.email.toUpperCase(), user.password);
    assert.equal(r.statusCode, 200);
    const body = r.json();
    assert.equal(body.mfa, "required");
    assert.match(
      body.challengeId,
      new RegExp(`^${user.orgId}\\.[0-9a-f-]{36}$`),
      "the challenge names its organization",
    );
    assert.equal(r.headers["set-cookie"], undefined, "no cookie before the second factor");
    assert.ok(body.enrolment?.secret, "first sign-in shows the enrolment secret");
  });

  test("TOTP step sets a __Host- Secure HttpOnly SameSite=Strict session cookie and returns the user", async () => {
    step();
    const r = await login(user.email, user.password);
    const m = await mfa(r.json().challengeId, await totpCode(user.totpSecret));
    assert.equal(m.statusCode, 200, m.body);
    const setCookie = String(m.headers["set-cookie"]);
    assert.match(
      setCookie,
      new RegExp(`^__Host-harbor_session=${user.orgId}\\.[A-Za-z0-9_-]{22};`),
      "128 random bits, after the organization the session belongs to",
    );
    for (const attr of ["Path=/", "HttpOnly", "Secure", "SameSite=Strict"])
      assert.ok(setCookie.includes(attr), attr);
    assert.doesNotMatch(setCookie, /Domain=|Max-Age|Expires/i, "host-only, non-persistent");
    assert.equal(m.json().user.email, user.email);
    assert.equal(m.json().user.mfaEnrolled, true);
    const me = await t.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { cookie: sessionCookieFrom(m.headers["set-cookie"]) },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.id, user.userId);
    assert.equal(me.json().csrfToken, m.json().csrfToken);
    step();
    const again = await login(user.email, user.password);
    assert.equal(again.json().enrolment, undefined, "the secret is never shown after enrolment");
  });

  test("a TOTP code is accepted once only (replay refused), and a challenge is single use", async () => {
    step();
    const code = await totpCode(user.totpSecret);
    const first = await login(user.email, user.password);
    assert.equal((await mfa(first.json().challengeId, code)).statusCode, 200);
    const second = await login(user.email, user.password);
    const replay = await mfa(second.json().challengeId, code);
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().error.code, "invalid_code");
    step();
    const reuse = await mfa(first.json().challengeId, await totpCode(user.totpSecret));
    assert.equal(reuse.statusCode, 401);
    assert.equal(reuse.json().error.code, "invalid_challenge");
    // The previous step's code is still inside the drift window but older than the last used step.
    const third = await login(user.email, user.password);
    const old = await totpCode(user.totpSecret, new Date(clockNow() - 31_000));
    assert.equal((await mfa(third.json().challengeId, old)).statusCode, 401);
  });

  test("an MFA challenge expires after 5 minutes", async () => {
    await createFreshUserAndCheckExpiry();
  });

  async function createFreshUserAndCheckExpiry() {
    const u = await createOrgWithUser(t.store, {
      orgId: "login-pd",
      orgType: "law_enforcement",
      roles: ["intake"],
    });
    const r = await login(u.email, u.password);
    clock.advance(5 * 60_000 + 1_000);
    const m = await mfa(r.json().challengeId, await totpCode(u.totpSecret));
    assert.equal(m.statusCode, 401);
    assert.equal(m.json().error.code, "invalid_challenge");
  }

  test("wrong email and wrong password answer identically, after the same argon2id verification", async () => {
    const victim = await createOrgWithUser(t.store, {
      orgId: "login-pd",
      orgType: "law_enforcement",
      roles: ["intake"],
    });
    const unknown = await login("nobody@nowhere.test", "some password here");
    const wrong = await login(victim.email, "some password here");
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(unknown.json(), wrong.json());
    assert.equal(unknown.json().error.code, "invalid_credentials");
    // An unknown email is verified against a dummy hash of the same algorithm and cost as a real account's,
    // so both answers cost one argon2id verification. (How long each takes: bench/enumeration-timing.bench.ts.)
    const { password_hash } = await t.store.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", victim.userId)
      .executeTakeFirstOrThrow();
    const cost = (phc: string) => phc.split("$").slice(1, 4).join("$");
    assert.match(cost(String(password_hash)), /^argon2id\$v=19\$m=19456,t=2,p=1$/);
    assert.equal(cost(await dummyHash()), cost(String(password_hash)));
  });

  test("each sign-in issues a new session token; logout ends it server-side (replay → 401)", async () => {
    step();
    const a = await signIn(t.app, user);
    step();
    const b = await signIn(t.app, user);
    assert.notEqual(a.cookie, b.cookie);
    const out = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: a.sessionHeaders });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers["set-cookie"]), /__Host-harbor_session=;/);
    const replay = await t.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { cookie: a.cookie },
    });
    assert.equal(replay.statusCode, 401);
    const still = await t.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { cookie: b.cookie },
    });
    assert.equal(still.statusCode, 200, "other sessions are not affected");
  });

  test("cookie-authenticated writes need the CSRF token; bearer calls are exempt", async () => {
    step();
    const s = await signIn(t.app, user);
    const none = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.cookie },
    });
    assert.equal(none.statusCode, 403);
    assert.equal(none.json().error.code, "csrf_failed");
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.cookie, "x-csrf-token": "x".repeat(43) },
    });
    assert.equal(wrong.statusCode, 403);
    const other = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.cookie, "x-csrf-token": user.csrfToken },
    });
    assert.equal(other.statusCode, 403, "another session's token does not work");
    const ok = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: s.sessionHeaders });
    assert.equal(ok.statusCode, 204);
    const bearer = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: user.headers });
    assert.equal(bearer.statusCode, 204);
  });

  test("a bad bearer token is refused with 401 invalid_token", async () => {
    const r = await t.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { authorization: "Bearer hbr_not-a-real-token" },
    });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, "invalid_token");
  });
});
