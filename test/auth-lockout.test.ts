import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { manualClock } from "../src/modules/auth/clock.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { testClockStart } from "./support/clock.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("lockout and rate limit", (backend) => {
  let t: TestApp;
  let admin: TestUser;
  // Made in before(): one suite per store, each must own the process-wide clock while it runs.
  let clock: ReturnType<typeof manualClock>;
  const login = (email: string, password: string, ip = "10.0.0.1") =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email, password },
      remoteAddress: ip,
    });
  const newUser = () =>
    createOrgWithUser(t.store, { orgId: "lock-pd", orgType: "law_enforcement", roles: ["investigator"] });

  before(async () => {
    clock = manualClock(testClockStart());
    t = await startTestApp(backend, { HARBOR_LOGIN_RATE_LIMIT: "8" });
    admin = await createOrgWithUser(t.store, {
      orgId: "lock-pd",
      orgType: "law_enforcement",
      roles: ["admin"],
    });
  });
  after(async () => {
    clock.restore();
    await t.close();
  });

  test("5 failures within 15 minutes lock the account: it then answers exactly like an unknown email until an admin unlocks", async () => {
    const u = await newUser();
    for (let i = 1; i <= 5; i++) {
      clock.advance(60_000);
      const r = await login(u.email, `wrong password ${i}`, `10.1.0.${i}`);
      assert.equal(r.statusCode, 401, `attempt ${i}`);
    }
    clock.advance(60_000);
    const unknown = await login("nobody-here@lock.test", u.password, "10.1.1.9");
    for (const password of [u.password, "still a wrong password"]) {
      const locked = await login(u.email, password, "10.1.1.1");
      assert.equal(locked.statusCode, unknown.statusCode, "same status as an unknown email");
      assert.deepEqual(locked.json(), unknown.json(), "same body as an unknown email");
      assert.equal(locked.json().error.code, "invalid_credentials");
    }
    clock.advance(24 * 3600_000);
    assert.equal(
      (await login(u.email, u.password, "10.1.1.2")).statusCode,
      401,
      "still locked a day later: no auto-unlock",
    );
    // The real user learns it from an administrator: the users list and the audit trail say so.
    const listed = await t.app.inject({ method: "GET", url: "/api/v1/users", headers: admin.headers });
    assert.equal(listed.json().users.find((x: { id: string }) => x.id === u.userId).locked, true);
    const trail = await t.app.inject({
      method: "GET",
      url: `/api/v1/audit?action=user.lock&target=${u.userId}`,
      headers: admin.headers,
    });
    assert.equal(trail.statusCode, 200, trail.body);
    assert.equal(trail.json().events.length, 1);
    const unlock = await t.app.inject({
      method: "POST",
      url: `/api/v1/users/${u.userId}/unlock`,
      headers: admin.headers,
    });
    assert.equal(unlock.statusCode, 200, unlock.body);
    assert.equal(unlock.json().user.locked, false);
    const after = await login(u.email, u.password, "10.1.1.3");
    assert.equal(after.statusCode, 200);
  });

  test("failures spread beyond 15 minutes do not lock", async () => {
    const u = await newUser();
    for (let i = 1; i <= 8; i++) {
      clock.advance(4 * 60_000 + 1_000); // 4 failures per 16 minutes at most
      assert.equal((await login(u.email, `nope nope ${i}`, `10.2.0.${i}`)).statusCode, 401);
    }
    assert.equal((await login(u.email, u.password, "10.2.1.1")).statusCode, 200);
  });

  test("wrong TOTP codes count towards the lockout", async () => {
    const u = await newUser();
    for (let i = 1; i <= 5; i++) {
      clock.advance(10_000);
      const l = await login(u.email, u.password, `10.3.0.${i}`);
      assert.equal(l.statusCode, 200);
      const m = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/mfa",
        payload: { challengeId: l.json().challengeId, code: "000000" },
        remoteAddress: `10.3.0.${i}`,
      });
      assert.equal(m.statusCode, 401);
    }
    const locked = await login(u.email, u.password, "10.3.1.1");
    assert.equal(locked.statusCode, 401);
    assert.equal(locked.json().error.code, "invalid_credentials");
  });

  test("an unknown email never locks and never says so (401 each time)", async () => {
    for (let i = 1; i <= 6; i++)
      assert.equal((await login("ghost@lock.test", `guess ${i} guess`, `10.4.0.${i}`)).statusCode, 401);
  });

  test("sign-in is rate-limited per client address (429 after the limit), other addresses unaffected", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await login("ghost@lock.test", "rate limited guess", "10.9.9.9")).statusCode);
    assert.deepEqual(statuses.slice(0, 8), Array(8).fill(401));
    assert.deepEqual(statuses.slice(8), [429, 429]);
    const limited = await login("ghost@lock.test", "rate limited guess", "10.9.9.9");
    assert.equal(limited.json().error.code, "rate_limited");
    assert.ok(Number(limited.headers["retry-after"]) > 0);
    assert.equal((await login("ghost@lock.test", "rate limited guess", "10.9.9.10")).statusCode, 401);
  });
});
