import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { manualClock } from "../src/modules/auth/clock.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const LIMIT = 5;
let ipSeq = 1;
const freshIp = () => `10.9.${Math.floor(ipSeq / 250)}.${ipSeq++ % 250}`;

describeEachStore("Tips: intake, receipts, triage, the 24-hour clock", (backend) => {
  let t: TestApp;
  let intake: TestUser;
  let intake2: TestUser;
  let partner: TestUser;
  let analyst: TestUser;
  let outsider: TestUser;

  const send = async (opts: {
    method?: "GET" | "POST";
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
    ip?: string;
  }): Promise<{
    status: number;
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
    body: any;
    headers: Record<string, unknown>;
  }> => {
    const res = await t.app.inject({
      method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
      url: opts.url,
      headers: opts.headers ?? {},
      remoteAddress: opts.ip ?? freshIp(),
      ...(opts.body === undefined ? {} : { payload: opts.body as object }),
    });
    let body: unknown;
    try {
      body = res.json();
    } catch {}
    return { status: res.statusCode, body, headers: res.headers };
  };
  const tip = (body: Record<string, unknown>, headers: Record<string, string> = {}, ip?: string) =>
    send({ url: "/api/v1/tips", body, headers, ...(ip ? { ip } : {}) });
  const act = (as: TestUser, id: string, what: string, version: number | undefined, body: unknown) =>
    send({
      url: `/api/v1/tips/${id}/${what}`,
      body,
      headers: { ...as.headers, ...(version ? { "if-match": `W/"${version}"` } : {}) },
    });
  const read = (as: TestUser, id: string) => send({ url: `/api/v1/tips/${id}`, headers: as.headers });
  const count = async () => (await t.store.db.selectFrom("tips").select("id").execute()).length;

  before(async () => {
    t = await startTestApp(backend, {
      ...recordsEnv(),
      HARBOR_TIP_ORG: "tips-hotline",
      HARBOR_TIP_RATE_LIMIT: String(LIMIT),
    });
    intake = await createOrgWithUser(t.store, {
      orgId: "tips-hotline",
      orgType: "hotline",
      roles: ["intake"],
    });
    intake2 = await createOrgWithUser(t.store, {
      orgId: "tips-hotline",
      orgType: "hotline",
      roles: ["intake"],
    });
    analyst = await createOrgWithUser(t.store, {
      orgId: "tips-hotline",
      orgType: "hotline",
      roles: ["analyst"],
    });
    partner = await createOrgWithUser(t.store, {
      orgId: "tips-partner",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    outsider = await createOrgWithUser(t.store, {
      orgId: "tips-other",
      orgType: "law_enforcement",
      roles: ["intake"],
    });
  });
  after(() => t.close());

  test("an anonymous tip answers 201 with an id and a receipt; the receipt reads back its status only", async () => {
    const r = await tip({
      narrative: "DEMO — a neighbour sees workers locked in at night",
      location: { state: "TX", city: "Houston" },
    });
    assert.equal(r.status, 201);
    assert.deepEqual(Object.keys(r.body).sort(), ["id", "receipt"]);
    assert.match(r.body.receipt, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const s = await send({ url: `/api/v1/tips/receipts/${r.body.receipt}` });
    assert.equal(s.status, 200);
    assert.deepEqual(s.body, { status: "received" });
    const lower = await send({
      url: `/api/v1/tips/receipts/${r.body.receipt.toLowerCase().replace("-", "")}`,
    });
    assert.deepEqual(lower.body, { status: "received" });
    assert.equal((await send({ url: "/api/v1/tips/receipts/0000000000" })).status, 404);
    assert.equal((await send({ url: "/api/v1/tips/receipts/nope" })).status, 400);
    // The public tip went to the intake organization.
    const back = await read(intake, r.body.id);
    assert.equal(back.status, 200);
    assert.equal(back.body.channel, "public");
    assert.equal(back.body.city, "Houston");
  });

  test("an anonymous caller can read nothing else: every tip GET answers 401", async () => {
    const r = await tip({ narrative: "DEMO — anonymous" });
    for (const url of ["/api/v1/tips", `/api/v1/tips/${r.body.id}`, "/api/v1/tips?status=received"]) {
      const res = await send({ url });
      assert.equal(res.status, 401, url);
      assert.doesNotMatch(JSON.stringify(res.body), /anonymous/);
    }
    for (const what of ["assign", "close", "merge", "convert", "hhs-notified"]) {
      const res = await send({
        url: `/api/v1/tips/${r.body.id}/${what}`,
        body: {},
        headers: { "if-match": 'W/"1"' },
      });
      assert.ok([400, 401].includes(res.status), `${what}: ${res.status}`);
    }
  });

  test("another organization, and a role without tip access, see 404 like a missing tip", async () => {
    const r = await tip({ narrative: "DEMO — out of scope" });
    assert.equal((await read(outsider, r.body.id)).status, 404);
    assert.equal((await read(analyst, r.body.id)).status, 404);
    assert.equal((await read(intake, randomUUID())).status, 404);
    assert.ok(
      !(await send({ url: "/api/v1/tips", headers: outsider.headers })).body.tips.some(
        (x: { id: string }) => x.id === r.body.id,
      ),
    );
  });

  test("anonymous tips are rate-limited per address (429); signed-in callers are not", async () => {
    const ip = freshIp();
    const codes = [];
    for (let i = 0; i < LIMIT + 2; i++)
      codes.push((await tip({ narrative: `DEMO — flood ${i}` }, {}, ip)).status);
    assert.deepEqual(codes.slice(0, LIMIT), Array(LIMIT).fill(201));
    assert.deepEqual(codes.slice(LIMIT), [429, 429]);
    assert.equal((await tip({ narrative: "DEMO — other address" }, {}, freshIp())).status, 201);
    for (let i = 0; i < LIMIT + 2; i++)
      assert.equal((await tip({ narrative: "DEMO — staff" }, intake.headers, ip)).status, 201);
  });

  test("hotline staff (session) and partner tokens submit into their own organization", async () => {
    const h = await tip({ narrative: "DEMO — hotline call" }, intake.sessionHeaders);
    assert.equal(h.status, 201);
    assert.equal((await read(intake, h.body.id)).body.channel, "hotline");
    const p = await tip({ narrative: "DEMO — partner feed" }, partner.headers);
    assert.equal(p.status, 201);
    const back = await read(partner, p.body.id);
    assert.equal(back.body.channel, "partner");
    assert.equal((await read(intake, p.body.id)).status, 404);
    const denied = await tip({ narrative: "DEMO — analyst" }, analyst.headers);
    assert.equal(denied.status, 403);
  });

  test("retries with one Idempotency-Key, concurrent included, create one tip; another body answers 422", async () => {
    const key = randomUUID();
    const before = await count();
    const body = { narrative: "DEMO — retried tip" };
    const ip = freshIp();
    const answers = await Promise.all(
      Array.from({ length: LIMIT - 1 }, () =>
        send({ url: "/api/v1/tips", body, headers: { "idempotency-key": key }, ip }),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
    assert.equal(new Set(answers.map((a) => a.body.receipt)).size, 1);
    assert.equal(await count(), before + 1);
    const other = await send({
      url: "/api/v1/tips",
      body: { narrative: "DEMO — changed" },
      headers: { "idempotency-key": key },
      ip: freshIp(),
    });
    assert.equal(other.status, 422);
    // Partner tokens retry in parallel too (no rate limit): still one tip.
    const pkey = randomUUID();
    const many = await Promise.all(
      Array.from({ length: 16 }, () =>
        send({ url: "/api/v1/tips", body, headers: { ...partner.headers, "idempotency-key": pkey } }),
      ),
    );
    assert.deepEqual(new Set(many.map((a) => a.status)), new Set([201]));
    assert.equal(new Set(many.map((a) => a.body.id)).size, 1);
    assert.equal(await count(), before + 2);
  });

  test("bad input answers 400 naming the field and stores nothing", async () => {
    const before = await count();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ narrative: "x", extra: 1 }, /extra/],
      [{ narrative: "x".repeat(20_001) }, /narrative/],
      [{}, /narrative/],
      [{ narrative: "x", facts: { victim: { age: "ten" } } }, /facts\.victim\.age|victim/],
      [{ narrative: "x", facts: { wrong: true } }, /wrong/],
      [{ narrative: "x", location: { state: "Texas" } }, /state/],
      [{ narrative: "x", screening: { indicators: ["made_up"] } }, /indicators/],
      [{ narrative: "x", screening: { answers: { made_up: "yes" } } }, /answers/],
      [{ narrative: "x", reporter: { email: "not-mail" } }, /email/],
    ];
    for (const [body, field] of cases) {
      const r = await tip(body, intake.headers);
      assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
      assert.match(r.body.error.message, field);
    }
    assert.equal(await count(), before);
  });

  test("screening and routing are stored with the tip; the queue puts running clocks and high levels first", async () => {
    const low = await tip(
      { narrative: "DEMO — low", screening: { indicators: ["isolated"] } },
      intake.headers,
    );
    const high = await tip(
      {
        narrative: "DEMO — high",
        screening: { answers: { forced_to_work_or_sex: "yes" } },
        facts: { exploitation: ["labor_trafficking"], location: { inUnitedStates: true, state: "CA" } },
      },
      intake.headers,
    );
    const h = await read(intake, high.body.id);
    assert.equal(h.body.screeningLevel, "high");
    assert.deepEqual(h.body.screeningDrivers, ["forced_to_work_or_sex"]);
    assert.ok(h.body.recommendations.length > 0, "the routing engine ran on the facts");
    assert.equal((await read(intake, low.body.id)).body.screeningLevel, "low");
    const q = await send({
      url: "/api/v1/tips?status=received&sort=priority&limit=200",
      headers: intake.headers,
    });
    const ids = q.body.tips.map((x: { id: string }) => x.id);
    assert.ok(ids.indexOf(high.body.id) < ids.indexOf(low.body.id));
    assert.equal(q.body.tips[0].narrative, undefined, "the queue carries no free text");
  });

  test("assign, close with a reason, If-Match: 428 without, 412 stale, one of two concurrent wins", async () => {
    const r = await tip({ narrative: "DEMO — to triage" }, intake.headers);
    const id = r.body.id;
    assert.equal((await act(intake, id, "assign", undefined, { userId: intake2.userId })).status, 428);
    const [a, b] = await Promise.all([
      act(intake, id, "assign", 1, { userId: intake2.userId }),
      act(intake2, id, "assign", 1, { userId: intake.userId }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 412]);
    const after1 = await read(intake, id);
    assert.equal(after1.body.status, "under_review");
    assert.equal(after1.headers.etag, 'W/"2"');
    assert.equal((await act(intake, id, "assign", 2, { userId: outsider.userId })).status, 400);
    assert.equal((await act(intake, id, "close", 2, { reason: "bogus" })).status, 400);
    const c = await act(intake, id, "close", 2, { reason: "no_trafficking" });
    assert.equal(c.status, 200);
    assert.equal(c.body.version, 3);
    assert.equal((await read(intake, id)).body.closeReason, "no_trafficking");
    assert.equal((await act(intake, id, "assign", 3, { userId: null })).status, 409);
    const s = await send({ url: "/api/v1/tips?status=closed&limit=200", headers: intake.headers });
    assert.ok(s.body.tips.some((x: { id: string }) => x.id === id));
    assert.equal((await act(analyst, id, "close", 3, { reason: "other" })).status, 404);
  });

  test("merge: the duplicate closes pointing to the survivor, whose page keeps its narrative", async () => {
    const keep = await tip({ narrative: "DEMO — first report" }, intake.headers);
    const dup = await tip({ narrative: "DEMO — same thing, second caller" }, intake.headers);
    assert.equal((await act(intake, dup.body.id, "merge", 1, { into: dup.body.id })).status, 400);
    assert.equal((await act(intake, dup.body.id, "merge", 1, { into: randomUUID() })).status, 400);
    assert.equal((await act(intake, dup.body.id, "merge", 1, { into: keep.body.id })).status, 200);
    const d = await read(intake, dup.body.id);
    assert.equal(d.body.status, "closed");
    assert.equal(d.body.closeReason, "duplicate");
    assert.equal(d.body.mergedInto, keep.body.id);
    const k = await read(intake, keep.body.id);
    assert.deepEqual(
      k.body.merged.map((m: { narrative: string }) => m.narrative),
      ["DEMO — same thing, second caller"],
    );
  });

  test("convert: opens a case with the victim from the facts, and the tip points to it", async () => {
    const r = await tip(
      { narrative: "DEMO — convert me", facts: { victim: { age: 16, citizenship: "foreign_national" } } },
      intake.headers,
    );
    const c = await act(intake, r.body.id, "convert", 1, { title: "DEMO — case from a tip" });
    assert.equal(c.status, 200, JSON.stringify(c.body));
    const kase = await send({ url: `/api/v1/cases/${c.body.caseId}`, headers: intake.headers });
    assert.equal(kase.status, 200);
    assert.equal(kase.body.persons.length, 1);
    assert.equal(kase.body.persons[0].citizenship, "foreign_national");
    const back = await read(intake, r.body.id);
    assert.equal(back.body.caseId, c.body.caseId);
    assert.equal(back.body.status, "closed");
    const audit = await t.store.db
      .selectFrom("audit_events")
      .select("action")
      .where(sql<boolean>`${r.body.id} = any(target_ids)`)
      .execute();
    assert.ok(audit.some((a) => a.action === "tip.convert"));
  });

  test("the 24-hour HHS clock: starts for a possible foreign national minor, shows, goes overdue, is met", async () => {
    const time = manualClock(new Date("2026-12-02T08:00:00Z"));
    try {
      const none = await tip(
        { narrative: "DEMO — adult citizen", facts: { victim: { age: 30, citizenship: "us_citizen" } } },
        intake.headers,
      );
      assert.equal((await read(intake, none.body.id)).body.hhsClock, null);
      const r = await tip({
        narrative: "DEMO — 15-year-old from abroad",
        facts: { victim: { age: 15, citizenship: "foreign_national" } },
      });
      const id = r.body.id;
      let view = await read(intake, id);
      assert.equal(view.body.hhsClock.dueAt, "2026-12-03T08:00:00.000Z");
      assert.equal(view.body.hhsClock.overdue, false);
      const screened = await tip(
        {
          narrative: "DEMO — screened minor",
          screening: { answers: { under_18: "yes", not_citizen_or_lpr: "yes" } },
        },
        intake.headers,
      );
      assert.notEqual((await read(intake, screened.body.id)).body.hhsClock, null);
      const running = await send({ url: "/api/v1/tips?clock=running&limit=200", headers: intake.headers });
      assert.ok(running.body.tips.some((x: { id: string }) => x.id === id));
      const first = await send({ url: "/api/v1/tips?sort=newest&limit=1", headers: intake.headers });
      assert.notEqual(first.body.tips[0].hhsClock, null, "an unmet clock stays on top of the queue");
      time.advance(25 * 3_600_000);
      view = await read(intake, id);
      assert.equal(view.body.hhsClock.overdue, true);
      const overdue = await send({ url: "/api/v1/tips?clock=overdue&limit=200", headers: intake.headers });
      assert.ok(overdue.body.tips.some((x: { id: string }) => x.id === id));
      const { workItems } = await import("../src/modules/tips/tips.work.ts");
      const auth = {
        kind: "user" as const,
        userId: intake.userId,
        orgId: intake.orgId,
        orgType: "hotline" as const,
        roles: intake.roles,
        via: "token" as const,
        credentialId: "x",
      };
      const [clocks] = await workItems(t.store.db, auth);
      assert.ok(clocks?.items.some((i) => i.refId === id && i.overdue));
      assert.equal(
        (
          await act(intake, id, "hhs-notified", view.body.version, {
            method: "phone",
            at: "2027-01-01T00:00:00Z",
          })
        ).status,
        400,
      );
      const met = await act(intake, id, "hhs-notified", view.body.version, { method: "phone" });
      assert.equal(met.status, 200);
      view = await read(intake, id);
      assert.equal(view.body.hhsClock.met, true);
      assert.equal(view.body.hhsClock.metBy, intake.userId);
      assert.equal(view.body.hhsClock.method, "phone");
      assert.equal(view.body.hhsClock.overdue, true, "met late is recorded as late");
      assert.equal(
        (await act(intake, id, "hhs-notified", view.body.version, { method: "phone" })).status,
        409,
      );
      const [after] = await workItems(t.store.db, auth);
      assert.ok(!after?.items.some((i) => i.refId === id), "a met clock leaves the home page");
      assert.equal((await act(intake, none.body.id, "hhs-notified", 1, { method: "phone" })).status, 409);
    } finally {
      time.restore();
    }
  });

  test("every tip action is audited in the receiving organization's chain, with no free text", async () => {
    const r = await tip({
      narrative: "DEMO — AUDITCANARY narrative",
      reporter: { name: "AUDITCANARY Name" },
    });
    const rows = await t.store.db
      .selectFrom("audit_events")
      .selectAll()
      .where(sql<boolean>`${r.body.id} = any(target_ids)`)
      .execute();
    assert.ok(rows.some((a) => a.action === "tip.submit" && a.org_id === "tips-hotline"));
    assert.doesNotMatch(JSON.stringify(rows), /AUDITCANARY/);
  });
});
