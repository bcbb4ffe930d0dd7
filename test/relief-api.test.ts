import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AuthContext } from "../src/modules/auth/auth.context.ts";
import { addDays, daysBetween, turns18On } from "../src/modules/relief/relief.dates.ts";
import { demoRelief } from "../src/modules/relief/relief.demo.ts";
import { sendReliefReminders } from "../src/modules/relief/relief.remind.ts";
import { workItems } from "../src/modules/relief/relief.work.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const today = () => new Date().toISOString().slice(0, 10);
// A child who turns 18 in 200 days.
const ngoAuthOf = (userId: string): AuthContext => ({
  kind: "user",
  userId,
  orgId: "rl-ngo",
  orgType: "service_provider",
  roles: ["advocate"],
  via: "token",
  credentialId: "test",
});
const dobMinor = () => addDays(addDays(today(), 200), -365 * 18 - 5);

describeEachStore("relief api", (backend) => {
  let t: TestApp;
  let ngo: TestUser;
  let police: TestUser;
  let stranger: TestUser;
  let caseId: string;
  let minorId: string;
  let adultId: string;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    ngo = await createOrgWithUser(t.store, {
      orgId: "rl-ngo",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    police = await createOrgWithUser(t.store, {
      orgId: "rl-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    stranger = await createOrgWithUser(t.store, {
      orgId: "rl-x",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    caseId = (await call(t.app, "POST", "/api/v1/cases", ngo.headers, { title: "Relief" })).body.id;
    minorId = (
      await call(t.app, "POST", `/api/v1/cases/${caseId}/persons`, ngo.headers, {
        role: "victim",
        citizenship: "foreign_national",
        dateOfBirth: dobMinor(),
      })
    ).body.id;
    adultId = (
      await call(t.app, "POST", `/api/v1/cases/${caseId}/persons`, ngo.headers, {
        role: "victim",
        citizenship: "foreign_national",
        dateOfBirth: "1990-01-01",
      })
    ).body.id;
  });
  after(() => t.close());
  const ngoAuth = () => ngoAuthOf(ngo.userId);

  test("a foreign national minor's view offers the interim letter with the day before the 18th birthday", async () => {
    const r = await call(t.app, "GET", `/api/v1/persons/${minorId}/eligibility`, ngo.headers);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.minor, true);
    const interim = r.body.paths.find((p: { path: string }) => p.path === "hhs_interim_letter");
    assert.notEqual(interim.status, "not_applicable");
    const d = interim.deadlines.find((x: { id: string }) => x.id === "request_before_18");
    assert.equal(d.date, addDays(turns18On(dobMinor()), -1));
    assert.equal(d.daysRemaining, daysBetween(today(), d.date));
    assert.ok(d.daysRemaining > 150 && d.daysRemaining < 250);
  });

  test("recording a pending T application makes the adult eligible for HHS certification; CRUD with If-Match", async () => {
    const created = await call(t.app, "POST", `/api/v1/persons/${adultId}/relief`, ngo.headers, {
      type: "t_visa",
      status: "pending",
      filedOn: addDays(today(), -10),
      receiptNumber: "EAC0000000001",
      documents: ["i914", "i914_supplement_b"],
    });
    assert.equal(created.status, 201, created.raw);
    assert.equal(created.body.receiptNumber, "EAC0000000001");
    const view = await call(t.app, "GET", `/api/v1/persons/${adultId}/eligibility`, ngo.headers);
    const cert = view.body.paths.find((p: { path: string }) => p.path === "hhs_certification");
    assert.ok(cert.reasons.includes("t_application_bona_fide"), JSON.stringify(cert));
    const url = `/api/v1/relief/${created.body.id}`;
    const noMatch = await t.app.inject({
      method: "PATCH",
      url,
      headers: ngo.headers,
      payload: { status: "granted" },
    });
    assert.equal(noMatch.statusCode, 428);
    const both = await Promise.all(
      ["a", "b"].map(() =>
        t.app.inject({
          method: "PATCH",
          url,
          headers: { ...ngo.headers, "if-match": 'W/"1"' },
          payload: { status: "granted", decidedOn: today() },
        }),
      ),
    );
    assert.deepEqual(both.map((x) => x.statusCode).sort(), [200, 412]);
    const list = await call(t.app, "GET", `/api/v1/persons/${adultId}/relief`, ngo.headers);
    assert.equal(list.body.applications[0].version, 2);
    assert.equal(list.body.applications[0].status, "granted");
  });

  test("bad dates answer 400 naming the field and store nothing", async () => {
    const before = (await call(t.app, "GET", `/api/v1/persons/${minorId}/relief`, ngo.headers)).body
      .applications.length;
    const cases = [
      [{ type: "t_visa", status: "granted", filedOn: "2026-05-01", decidedOn: "2026-04-01" }, "decidedOn"],
      [{ type: "t_visa", status: "filed", filedOn: addDays(today(), 5) }, "filedOn"],
      [{ type: "t_visa", status: "filed", filedOn: "2026-02-30" }, "filedOn"],
      [{ type: "t_visa", status: "filed", filedOn: "2026-01-01", bogus: 1 }, "bogus"],
    ] as const;
    for (const [payload, field] of cases) {
      const r = await call(t.app, "POST", `/api/v1/persons/${minorId}/relief`, ngo.headers, payload);
      assert.equal(r.status, 400, r.raw);
      assert.match(r.body.error.message, new RegExp(field));
    }
    const afterCount = (await call(t.app, "GET", `/api/v1/persons/${minorId}/relief`, ngo.headers)).body
      .applications.length;
    assert.equal(afterCount, before);
  });

  test("1367: an organization type excluded by 1367 gets no paths for a protected person", async () => {
    const pdCase = (await call(t.app, "POST", "/api/v1/cases", police.headers, { title: "PD" })).body.id;
    const protectedId = (
      await call(t.app, "POST", `/api/v1/cases/${pdCase}/persons`, police.headers, {
        role: "victim",
        citizenship: "foreign_national",
        protected1367: true,
      })
    ).body.id;
    const r = await call(t.app, "GET", `/api/v1/persons/${protectedId}/eligibility`, police.headers);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.immigrationHidden, true);
    assert.equal(r.body.paths, undefined);
    const list = await call(t.app, "GET", `/api/v1/persons/${protectedId}/relief`, police.headers);
    assert.equal(list.status, 404);
    const add = await call(t.app, "POST", `/api/v1/persons/${protectedId}/relief`, police.headers, {
      type: "continued_presence",
      status: "draft",
    });
    assert.equal(add.status, 404);
  });

  test("another organization sees nothing (404 like missing); the deadline list is per organization", async () => {
    assert.equal(
      (await call(t.app, "GET", `/api/v1/persons/${minorId}/eligibility`, stranger.headers)).status,
      404,
    );
    const cp = await call(t.app, "POST", `/api/v1/persons/${adultId}/relief`, ngo.headers, {
      type: "continued_presence",
      status: "granted",
      filedOn: addDays(today(), -40),
      decidedOn: addDays(today(), -30),
      expiresOn: addDays(today(), 30),
    });
    assert.equal(cp.status, 201, cp.raw);
    const mine = await call(t.app, "GET", "/api/v1/relief/deadlines", ngo.headers);
    const d = mine.body.deadlines.find((x: { applicationId: string }) => x.applicationId === cp.body.id);
    assert.equal(d.daysRemaining, 30);
    assert.ok(d.remindOn.includes(today()));
    const theirs = await call(t.app, "GET", "/api/v1/relief/deadlines", stranger.headers);
    assert.deepEqual(theirs.body.deadlines, []);
  });

  test("reminders go out 30, 7 and 1 days before; the home page lists the deadline", async () => {
    const mine = await call(t.app, "GET", "/api/v1/relief/deadlines", ngo.headers);
    const d = mine.body.deadlines[0];
    for (const before of [30, 7, 1]) {
      const { sent } = await sendReliefReminders(t.store, addDays(d.date, -before));
      assert.ok(sent >= 1, `reminder ${before} days before`);
    }
    assert.equal((await sendReliefReminders(t.store, addDays(d.date, -8))).sent, 0);
    const users = await t.store.db
      .selectFrom("users")
      .select(["id", "org_id"])
      .where("id", "=", ngo.userId)
      .executeTakeFirstOrThrow();
    const auth = {
      kind: "user",
      userId: users.id,
      orgId: users.org_id,
      orgType: "service_provider",
      roles: ["advocate"],
    };
    const sections = await workItems(t.store.db, auth as never);
    assert.equal(sections[0]!.section, "deadlines");
    assert.ok(
      sections[0]!.items.some((i) => i.refId === d.applicationId && i.labelKey.startsWith("relief:work.")),
    );
  });

  test("a retried or concurrent POST with the same Idempotency-Key records one application", async () => {
    const url = `/api/v1/persons/${minorId}/relief`;
    const headers = { ...ngo.headers, "idempotency-key": "relief-retry-1" };
    const payload = { type: "hhs_eligibility_letter", status: "filed", filedOn: today() };
    const before = (await call(t.app, "GET", url, ngo.headers)).body.applications.length;
    const answers = await Promise.all(
      [1, 2, 3].map(() => t.app.inject({ method: "POST", url, headers, payload })),
    );
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [201, 201, 201],
    );
    assert.equal(new Set(answers.map((a) => a.json().id)).size, 1);
    const afterCount = (await call(t.app, "GET", url, ngo.headers)).body.applications.length;
    assert.equal(afterCount, before + 1);
    const reuse = await t.app.inject({
      method: "POST",
      url,
      headers,
      payload: { ...payload, status: "pending" },
    });
    assert.equal(reuse.statusCode, 422);
  });

  test("demo: an interim letter request for the minor, a T visa and Continued Presence for the worker", async () => {
    const auth = ngoAuth();
    const users = {
      intake: auth,
      investigator: auth,
      advocate: auth,
      prosecutor: auth,
      analyst: auth,
      hotline: auth,
      providerAdvocate: auth,
      admin: auth,
      providerAdmin: auth,
      legalAdvocate: auth,
    };
    const orgs = { taskForce: "rl-pd", serviceProvider: "rl-ngo", hotline: "rl-x", legalAid: "rl-x" };
    await demoRelief({
      store: t.store,
      orgs,
      users,
      caseIds: [caseId],
      personIds: [minorId, minorId, adultId],
      tipIds: [],
      now: new Date(),
    });
    const minorApps = (await call(t.app, "GET", `/api/v1/persons/${minorId}/relief`, ngo.headers)).body
      .applications;
    assert.ok(minorApps.some((a: { type: string }) => a.type === "hhs_interim_letter"));
    const workerApps = (await call(t.app, "GET", `/api/v1/persons/${adultId}/relief`, ngo.headers)).body
      .applications;
    const cp = workerApps.find(
      (a: { type: string; status: string; receiptNumber: string | null }) =>
        a.type === "continued_presence" && a.status === "granted" && a.receiptNumber === null,
    );
    assert.ok(cp?.expiresOn);
    assert.ok(
      workerApps.some((a: { receiptNumber: string | null }) => a.receiptNumber === "DEMO-EAC-0000000101"),
    );
  });
});
