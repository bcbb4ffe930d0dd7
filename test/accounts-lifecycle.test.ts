import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { clock as harborClock, manualClock } from "../src/modules/auth/clock.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, sessionCookieFrom, signIn, type TestUser, totpCode } from "./support/auth.ts";
import { testClockStart } from "./support/clock.ts";
import { describeEachStore } from "./support/stores.ts";

/**
 * The account lifecycle through the API (docs/security.md): one-time passwords that must be replaced
 * at the first sign-in and expire, password change, admin resets of the password and of MFA, role
 * edits, disable and enable, and the last active admin, who can be neither disabled nor demoted.
 */
describeEachStore("account lifecycle", (backend) => {
  let t: TestApp;
  let admin: TestUser;
  let clock: ReturnType<typeof manualClock>;
  const HOUR = 3600_000;
  const inject = (
    method: "GET" | "POST" | "PUT",
    url: string,
    headers: Record<string, string> = {},
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const login = (email: string, password: string) =>
    inject("POST", "/api/v1/auth/login", {}, { email, password });
  const mfa = (challengeId: string, code: string, newPassword?: string) =>
    inject("POST", "/api/v1/auth/mfa", {}, { challengeId, code, ...(newPassword ? { newPassword } : {}) });
  const asAdmin = (method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    inject(method, url, admin.headers, payload);
  const newUser = (roles: TestUser["roles"] = ["investigator"], oneTimePassword = false) =>
    createOrgWithUser(t.store, { orgId: "life-pd", orgType: "law_enforcement", roles, oneTimePassword });
  const me = (cookie: string) => inject("GET", "/api/v1/auth/me", { cookie });
  /** The next 30-second TOTP step, so a new code is never a replay of the last one. */
  const nextStep = () => clock.advance(30_000);

  before(async () => {
    clock = manualClock(testClockStart());
    // Every sign-in here comes from one address: lift the per-address limit (tested in auth-lockout).
    t = await startTestApp(backend, { HARBOR_LOGIN_RATE_LIMIT: "10000" });
    admin = await newUser(["admin"]);
  });
  after(async () => {
    clock.restore();
    await t.close();
  });

  test("a first sign-in must replace the one-time password, checked by the policy before the code is used", async () => {
    const u = await newUser(["investigator"], true);
    const step = await login(u.email, u.password);
    assert.equal(step.statusCode, 200, step.body);
    assert.equal(step.json().passwordChange, "required");
    assert.ok(step.json().enrolment, "the first sign-in also enrols the authenticator");
    const { challengeId } = step.json();
    const code = await totpCode(u.totpSecret);
    const refusals: [string | undefined, string][] = [
      [undefined, "password_change_required"],
      ["short", "password_too_short"],
      ["password1234", "password_common"],
      ["sexygirl1", "password_breached"],
      ["Harbor-2026", "password_context"],
      [u.password, "password_reused"],
    ];
    for (const [newPassword, code400] of refusals) {
      const r = await mfa(challengeId, code, newPassword);
      assert.equal(r.statusCode, 400, `${newPassword}: ${r.body}`);
      assert.equal(r.json().error.code, code400);
      assert.match(r.json().error.message, /^newPassword: /, "the message names the field");
    }
    const chosen = "tidewater lantern harbour seal";
    const done = await mfa(challengeId, code, chosen);
    assert.equal(done.statusCode, 200, "the same challenge and code still work after refusals");
    assert.equal(done.json().user.passwordChangeRequired, false);
    assert.equal(done.json().user.oneTimePasswordExpiresAt, null);
    assert.equal((await login(u.email, u.password)).statusCode, 401, "the one-time password is gone");
    const again = await login(u.email, chosen);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().passwordChange, undefined);
    assert.equal(again.json().enrolment, undefined);
  });

  test("a one-time password expires after 72 hours; only the right one learns that", async () => {
    const u = await newUser(["investigator"], true);
    clock.advance(72 * HOUR - 60_000);
    assert.equal((await login(u.email, u.password)).statusCode, 200, "still valid a minute before");
    clock.advance(60_000);
    const expired = await login(u.email, u.password);
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().error.code, "password_expired");
    assert.equal((await login(u.email, "a wrong password here")).json().error.code, "invalid_credentials");
    const reset = await asAdmin("POST", `/api/v1/users/${u.userId}/reset-password`);
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(new Date(reset.json().expiresAt).getTime(), harborClock.now().getTime() + 72 * HOUR);
    assert.equal((await login(u.email, reset.json().oneTimePassword)).json().passwordChange, "required");
  });

  test("password change: the current password first (a wrong one counts towards the lockout); other sessions end", async () => {
    const u = await newUser();
    nextStep();
    const here = await signIn(t.app, u);
    nextStep();
    const elsewhere = await signIn(t.app, u);
    const change = (currentPassword: string, newPassword: string) =>
      inject("POST", "/api/v1/auth/password", here.sessionHeaders, { currentPassword, newPassword });
    const wrong = await change("not my password", "quiet harbour morning tide");
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.code, "current_password_wrong");
    assert.match(wrong.json().error.message, /^currentPassword: /);
    const failures = await t.store.db
      .selectFrom("login_failures")
      .select("id")
      .where("user_id", "=", u.userId)
      .execute();
    assert.equal(failures.length, 1, "counted like a failed sign-in");
    assert.equal((await change(u.password, "qwertyuiop")).json().error.code, "password_common");
    const ok = await change(u.password, "quiet harbour morning tide");
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().sessionsEnded, 2, "the fixture's session and the one elsewhere");
    assert.equal((await me(here.cookie)).statusCode, 200, "this session goes on");
    assert.equal((await me(elsewhere.cookie)).statusCode, 401, "the other session ended");
    assert.equal((await login(u.email, u.password)).statusCode, 401);
    assert.equal((await login(u.email, "quiet harbour morning tide")).statusCode, 200);
  });

  test("admin password reset: a new one-time password, the account unlocked, every session ended", async () => {
    const u = await newUser();
    nextStep();
    const session = await signIn(t.app, u);
    for (let i = 0; i < 5; i++) await login(u.email, `wrong password ${i}`);
    const listed = await asAdmin("GET", `/api/v1/users/${u.userId}`);
    assert.equal(listed.json().user.locked, true);
    const reset = await asAdmin("POST", `/api/v1/users/${u.userId}/reset-password`);
    assert.equal(reset.statusCode, 200, reset.body);
    const body = reset.json();
    assert.equal(body.sessionsEnded, 2, "the fixture's session and the signed-in one");
    assert.equal(body.user.locked, false);
    assert.equal(body.user.passwordChangeRequired, true);
    assert.match(body.oneTimePassword, /^\S{20}$/);
    assert.equal((await me(session.cookie)).statusCode, 401, "the user's session ended at once");
    assert.equal((await login(u.email, u.password)).statusCode, 401, "the old password is gone");
    const step = await login(u.email, body.oneTimePassword);
    assert.equal(step.json().passwordChange, "required");
    nextStep();
    const done = await mfa(step.json().challengeId, await totpCode(u.totpSecret), "lantern over grey water");
    assert.equal(done.statusCode, 200, done.body);
    const audit = await asAdmin("GET", `/api/v1/audit?action=user.reset_password&target=${u.userId}`);
    assert.equal(audit.json().events.length, 1);
    assert.ok(!audit.body.includes(body.oneTimePassword), "the password is never in the audit log");
  });

  test("MFA reset: a reason code, the old authenticator stops working, a new enrolment at the next sign-in", async () => {
    const u = await newUser();
    nextStep();
    const session = await signIn(t.app, u);
    const url = `/api/v1/users/${u.userId}/reset-mfa`;
    assert.equal((await asAdmin("POST", url, {})).statusCode, 400, "a reason is required");
    assert.equal((await asAdmin("POST", url, { reason: "my own words" })).statusCode, 400);
    const reset = await asAdmin("POST", url, { reason: "lost_device" });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(reset.json().user.mfaEnrolled, false);
    assert.equal(reset.json().sessionsEnded, 2, "the fixture's session and the signed-in one");
    assert.equal((await me(session.cookie)).statusCode, 401);
    nextStep();
    const step = await login(u.email, u.password);
    const enrolment = step.json().enrolment as { secret: string };
    assert.ok(enrolment && enrolment.secret !== u.totpSecret, "a new secret to enrol");
    const oldCode = await mfa(step.json().challengeId, await totpCode(u.totpSecret));
    assert.equal(oldCode.statusCode, 401, "the old authenticator no longer works");
    const ok = await mfa(step.json().challengeId, await totpCode(enrolment.secret));
    assert.equal(ok.statusCode, 200, ok.body);
    const audit = await asAdmin("GET", `/api/v1/audit?action=user.reset_mfa&target=${u.userId}`);
    assert.equal(audit.json().events[0].details.reason, "lost_device");
    assert.equal(audit.json().events[0].actorUserId, admin.userId);
  });

  test("role edits apply at once; disable and enable; the last active admin is neither disabled nor demoted", async () => {
    const u = await newUser(["investigator"]);
    const roles = await asAdmin("PUT", `/api/v1/users/${u.userId}/roles`, { roles: ["intake", "auditor"] });
    assert.equal(roles.statusCode, 200, roles.body);
    assert.deepEqual(roles.json().user.roles, ["intake", "auditor"]);
    const mine = await inject("GET", "/api/v1/auth/me", u.headers);
    assert.deepEqual(mine.json().can, { manageUsers: false, createOrgs: false, readAudit: true });
    assert.equal(
      (await asAdmin("PUT", `/api/v1/users/${u.userId}/roles`, { roles: ["chief"] })).statusCode,
      400,
    );

    const disabled = await asAdmin("POST", `/api/v1/users/${u.userId}/disable`);
    assert.equal(disabled.json().user.disabled, true);
    assert.equal((await login(u.email, u.password)).statusCode, 401);
    const enabled = await asAdmin("POST", `/api/v1/users/${u.userId}/enable`);
    assert.equal(enabled.json().user.disabled, false);
    assert.equal((await login(u.email, u.password)).statusCode, 200, "enabled again, same credentials");

    const self = await asAdmin("GET", `/api/v1/users/${admin.userId}`);
    assert.equal(self.json().user.lastActiveAdmin, true);
    for (const [method, url, body] of [
      ["POST", `/api/v1/users/${admin.userId}/disable`, undefined],
      ["PUT", `/api/v1/users/${admin.userId}/roles`, { roles: ["investigator"] }],
    ] as const) {
      const refused = await asAdmin(method, url, body);
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().error.code, "last_admin");
    }
    assert.equal((await asAdmin("GET", `/api/v1/users/${admin.userId}`)).json().user.disabled, false);
    const second = await asAdmin("PUT", `/api/v1/users/${u.userId}/roles`, { roles: ["admin"] });
    assert.equal(second.json().user.lastActiveAdmin, false);
    assert.equal((await asAdmin("GET", `/api/v1/users/${admin.userId}`)).json().user.lastActiveAdmin, false);
    const demoted = await inject("PUT", `/api/v1/users/${u.userId}/roles`, admin.headers, {
      roles: ["intake"],
    });
    assert.equal(demoted.statusCode, 200, "with two admins, one may go");
  });

  test("two admins disabling each other at once: exactly one succeeds, one admin is always left", async () => {
    const a = await createOrgWithUser(t.store, {
      orgId: "duo-pd",
      orgType: "law_enforcement",
      roles: ["admin"],
    });
    const b = await createOrgWithUser(t.store, {
      orgId: "duo-pd",
      orgType: "law_enforcement",
      roles: ["admin"],
    });
    const [ab, ba] = await Promise.all([
      inject("POST", `/api/v1/users/${b.userId}/disable`, a.headers),
      inject("POST", `/api/v1/users/${a.userId}/disable`, b.headers),
    ]);
    const statuses = [ab.statusCode, ba.statusCode].sort();
    // The loser is refused either as the last admin (409) or because its own token died with it (401).
    assert.equal(statuses[0], 200, `${ab.body} ${ba.body}`);
    assert.ok([401, 409].includes(statuses[1] ?? 0), `${ab.body} ${ba.body}`);
    const left = await t.store.db
      .selectFrom("users")
      .select("id")
      .where("org_id", "=", "duo-pd")
      .where("disabled_at", "is", null)
      .execute();
    assert.equal(left.length, 1);
  });

  test("the session tells the web what the policy allows: who manages users, creates organizations, reads the audit log", async () => {
    const host = (await inject("GET", "/api/v1/auth/me", admin.headers)).json();
    assert.deepEqual(host.can, { manageUsers: true, createOrgs: true, readAudit: true });
    const partner = await createOrgWithUser(t.store, {
      orgId: "life-ngo",
      orgType: "service_provider",
      roles: ["admin"],
    });
    assert.deepEqual((await inject("GET", "/api/v1/auth/me", partner.headers)).json().can, {
      manageUsers: true,
      createOrgs: false,
      readAudit: true,
    });
    const investigator = await newUser(["investigator"]);
    assert.deepEqual((await inject("GET", "/api/v1/auth/me", investigator.headers)).json().can, {
      manageUsers: false,
      createOrgs: false,
      readAudit: false,
    });
    assert.equal((await inject("GET", "/api/v1/audit", investigator.headers)).statusCode, 403);
    const theirs = await inject("GET", "/api/v1/audit?limit=500", partner.headers);
    assert.ok(theirs.json().events.every((e: { orgId: string }) => e.orgId === "life-ngo"));
  });

  test("a session cookie from the MFA step carries the capabilities too", async () => {
    nextStep();
    const u = await newUser(["auditor"]);
    const step = await login(u.email, u.password);
    const done = await mfa(step.json().challengeId, await totpCode(u.totpSecret));
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json().can, { manageUsers: false, createOrgs: false, readAudit: true });
    assert.ok(sessionCookieFrom(done.headers["set-cookie"]));
  });
});
