import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { manualClock } from "../src/modules/auth/clock.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser, totpCode } from "./support/auth.ts";
import { testClockStart } from "./support/clock.ts";
import { describeEachStore } from "./support/stores.ts";

type Method = "GET" | "POST" | "PUT" | "DELETE";
const PUBLIC = new Set([
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/mfa",
  "GET /api/v1/auth/options",
  "GET /api/v1/auth/oidc/start",
  "GET /api/v1/auth/oidc/callback",
]);
/**
 * Routes any signed-in user may call (the organization list feeds every partner picker, the
 * assignable users every assignee and case team picker).
 */
const ANY_SIGNED_IN = new Set(["GET /api/v1/orgs", "GET /api/v1/users/assignable"]);
const MINE = /^\/api\/v1\/(auth|users|orgs|tokens|audit)(\/|$)/;
/** Valid bodies, so that requests reach authentication (validation runs first and answers 400). */
const BODIES: Record<string, object> = {
  "POST /api/v1/users": { email: "someone@cov.test", roles: ["intake"] },
  "POST /api/v1/orgs": { id: "cov-new", name: "New", type: "hotline" },
  "POST /api/v1/tokens": { userId: "00000000-0000-4000-8000-000000000000", expiresInDays: 1 },
  "PUT /api/v1/users/{id}/roles": { roles: ["intake"] },
  "POST /api/v1/users/{id}/reset-mfa": { reason: "lost_device" },
  "POST /api/v1/auth/password": { currentPassword: "the current one", newPassword: "a brand new one" },
};

describeEachStore("audit coverage", (backend) => {
  let t: TestApp;
  let admin: TestUser;
  let investigator: TestUser;
  let auditor: TestUser;
  // Made in before(): one suite per store, each must own the process-wide clock while it runs.
  let clock: ReturnType<typeof manualClock>;
  const start = testClockStart();
  const rows = () =>
    t.store.db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("occurred_at")
      .orderBy("org_id")
      .orderBy("seq")
      .execute();
  // Each organization has its own chain and sequence: a record is known by (chain, seq).
  const keyOf = (r: { org_id: string; seq: number }) => `${r.org_id}#${r.seq}`;
  async function newRows<T>(run: () => Promise<T>) {
    const before = new Set((await rows()).map(keyOf));
    const result = await run();
    return { result, added: (await rows()).filter((r) => !before.has(keyOf(r))) };
  }

  before(async () => {
    clock = manualClock(start);
    t = await startTestApp(backend);
    admin = await createOrgWithUser(t.store, {
      orgId: "cov-pd",
      orgType: "law_enforcement",
      roles: ["admin"],
    });
    investigator = await createOrgWithUser(t.store, {
      orgId: "cov-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    auditor = await createOrgWithUser(t.store, {
      orgId: "cov-pd",
      orgType: "law_enforcement",
      roles: ["auditor"],
    });
  });
  after(async () => {
    clock.restore();
    await t.close();
  });

  test("every protected route (enumerated from OpenAPI): a refusal writes exactly one denial record", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ops: [Method, string, object | undefined][] = [];
    for (const [p, methods] of Object.entries(spec.paths)) {
      if (!MINE.test(p)) continue;
      for (const m of Object.keys(methods)) {
        const key = `${m.toUpperCase()} ${p}`;
        if (!PUBLIC.has(key))
          ops.push([
            m.toUpperCase() as Method,
            p.replace(/\{id\}/g, "00000000-0000-4000-8000-000000000000"),
            BODIES[key],
          ]);
      }
    }
    assert.ok(ops.length >= 11, `${ops.length} operations`);
    for (const [method, url, payload] of ops) {
      const anon = await newRows(() => t.app.inject({ method, url, ...(payload ? { payload } : {}) }));
      assert.equal(anon.result.statusCode, 401, `${method} ${url}`);
      assert.equal(anon.added.length, 1, `anonymous ${method} ${url}`);
      assert.equal(anon.added[0]?.outcome, "denied");
      assert.equal(anon.added[0]?.client_address, "127.0.0.1");
    }
    const adminOnly = ops.filter(
      ([m, u]) => !u.startsWith("/api/v1/auth/") && !ANY_SIGNED_IN.has(`${m} ${u}`),
    );
    for (const [method, url, payload] of adminOnly) {
      const denied = await newRows(() =>
        t.app.inject({ method, url, headers: investigator.headers, ...(payload ? { payload } : {}) }),
      );
      assert.equal(denied.result.statusCode, 403, `${method} ${url}`);
      assert.equal(denied.added.length, 1, `${method} ${url}`);
      const row = denied.added[0]!;
      assert.equal(row.actor_user_id, investigator.userId);
      assert.equal(row.org_id, "cov-pd");
      assert.equal(row.action, "http.denied");
    }
  });

  test("sign-in success and failure, each step: exactly one record with who, when (UTC ms), where, outcome", async () => {
    const wrong = await newRows(() =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: investigator.email, password: "not the password" },
        remoteAddress: "198.51.100.7",
      }),
    );
    assert.equal(wrong.added.length, 1);
    assert.deepEqual(
      [wrong.added[0]?.action, wrong.added[0]?.outcome, wrong.added[0]?.client_address],
      ["auth.login", "failure", "198.51.100.7"],
    );
    assert.equal(wrong.added[0]?.occurred_at.toISOString(), start.toISOString());
    const unknown = await newRows(() =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "x@y.test", password: "not the password" },
      }),
    );
    assert.equal(unknown.added.length, 1);
    assert.equal(unknown.added[0]?.actor_user_id, null);
    clock.advance(31_000);
    const ok = await newRows(() =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: investigator.email, password: investigator.password },
      }),
    );
    assert.equal(ok.added.length, 1);
    assert.equal(ok.added[0]?.outcome, "success");
    const challengeId = ok.result.json().challengeId;
    const bad = await newRows(() =>
      t.app.inject({ method: "POST", url: "/api/v1/auth/mfa", payload: { challengeId, code: "123456" } }),
    );
    assert.equal(bad.added.length, 1);
    assert.equal(bad.added[0]?.outcome, "failure");
    const good = await newRows(async () =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/mfa",
        payload: { challengeId, code: await totpCode(investigator.totpSecret) },
      }),
    );
    assert.equal(good.result.statusCode, 200);
    assert.equal(good.added.length, 1);
    assert.deepEqual(
      [good.added[0]?.action, good.added[0]?.outcome, good.added[0]?.actor_user_id],
      ["auth.mfa", "success", investigator.userId],
    );
  });

  test("every admin write: exactly one record naming actor, organization and target", async () => {
    const created = await newRows(() =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: admin.headers,
        payload: { email: "canary.person@cov.test", roles: ["intake"], password: "Canary-Password-4242" },
      }),
    );
    assert.equal(created.added.length, 1);
    const userId = created.result.json().user.id;
    assert.deepEqual(
      [
        created.added[0]?.action,
        created.added[0]?.actor_user_id,
        created.added[0]?.org_id,
        created.added[0]?.target_ids,
      ],
      ["user.create", admin.userId, "cov-pd", [userId]],
    );
    for (const [url, action] of [
      [`/api/v1/users/${userId}/unlock`, "user.unlock"],
      [`/api/v1/users/${userId}/disable`, "user.disable"],
    ] as const) {
      const r = await newRows(() => t.app.inject({ method: "POST", url, headers: admin.headers }));
      assert.equal(r.added.length, 1, url);
      assert.equal(r.added[0]?.action, action);
    }
    const token = await newRows(() =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: admin.headers,
        payload: { userId: investigator.userId, expiresInDays: 3 },
      }),
    );
    assert.equal(token.added.length, 1);
    const revoke = await newRows(() =>
      t.app.inject({
        method: "DELETE",
        url: `/api/v1/tokens/${token.result.json().id}`,
        headers: admin.headers,
      }),
    );
    assert.equal(revoke.added.length, 1);
    assert.equal(revoke.added[0]?.action, "token.revoke");
  });

  test("no personal data in audit records: canary email and password appear 0 times", async () => {
    const all = JSON.stringify(await rows());
    for (const canary of [
      "canary.person",
      "Canary-Password-4242",
      investigator.email,
      investigator.password,
      "not the password",
    ]) {
      assert.equal(all.toLowerCase().includes(canary.toLowerCase()), false, canary);
    }
  });

  test("auditors read their organization's log with filters and paging; the read is itself audited", async () => {
    const get = (qs: string) =>
      t.app.inject({ method: "GET", url: `/api/v1/audit${qs}`, headers: auditor.headers });
    const all = await get("?limit=5");
    assert.equal(all.statusCode, 200, all.body);
    assert.equal(all.json().events.length, 5);
    assert.ok(all.json().events.every((e: { orgId: string }) => e.orgId === "cov-pd"));
    const next = await get(`?limit=5&before=${all.json().nextBefore}`);
    assert.ok(next.json().events[0].seq < all.json().events[4].seq + 1);
    const denied = await get("?outcome=denied&limit=500");
    assert.ok(denied.json().events.length > 0);
    assert.ok(denied.json().events.every((e: { outcome: string }) => e.outcome === "denied"));
    const byActor = await get(`?actor=${admin.userId}&action=user.create`);
    assert.equal(byActor.json().events.length, 1);
    const byTarget = await get(`?target=${byActor.json().events[0].targetIds[0]}`);
    assert.ok(byTarget.json().events.length >= 3);
    const window = await get(
      `?from=${start.toISOString()}&to=${new Date(start.getTime() + 60_000).toISOString()}&action=auth.login`,
    );
    assert.ok(window.json().events.length >= 2);
    const reads = await get("?action=audit.read&limit=500");
    assert.equal(reads.json().events.length, 6, "each of the 6 earlier reads wrote a record");
    const other = await createOrgWithUser(t.store, {
      orgId: "other-ngo",
      orgType: "service_provider",
      roles: ["auditor"],
    });
    const theirs = await t.app.inject({
      method: "GET",
      url: "/api/v1/audit?limit=500",
      headers: other.headers,
    });
    assert.ok(
      theirs.json().events.every((e: { orgId: string }) => e.orgId === "other-ngo"),
      "another organization's records stay hidden",
    );
  });
});
