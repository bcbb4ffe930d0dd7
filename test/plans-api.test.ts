import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { serviceDatesProblem } from "../src/modules/plans/plans.rules.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
type Item = { refId: string; overdue: boolean; kind: string; labelArgs?: Record<string, string> };

describeEachStore("case plan, team and agencies API", (backend) => {
  let t: TestApp;
  let owner: TestUser;
  let colleague: TestUser;
  let stranger: TestUser;
  let caseId: string;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    const pd = { orgId: "plan-pd", orgType: "law_enforcement" as const, roles: ["investigator" as const] };
    owner = await createOrgWithUser(t.store, pd);
    colleague = await createOrgWithUser(t.store, pd);
    stranger = await createOrgWithUser(t.store, { ...pd, orgId: "plan-other" });
    caseId = (await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Plan" })).body.id;
  });
  after(() => t.close());

  const patch = (url: string, user: TestUser, version: number | undefined, payload: object) =>
    t.app.inject({
      method: "PATCH",
      url,
      headers: { ...user.headers, ...(version === undefined ? {} : { "if-match": `W/"${version}"` }) },
      payload,
    });
  const plan = async (user = owner, id = caseId) =>
    (await call(t.app, "GET", `/api/v1/cases/${id}/plan`, user.headers)).body;
  const work = async (user: TestUser) => {
    const r = await call(t.app, "GET", "/api/v1/me/work", user.headers);
    assert.equal(r.status, 200, r.raw);
    return r.body.sections.deadlines as Item[];
  };
  const audited = async (action: string, id: string) =>
    (
      await t.store.db
        .selectFrom("audit_events")
        .select(["outcome", "target_ids"])
        .where("action", "=", action)
        .execute()
    ).filter((e) => e.target_ids.includes(id));
  const timelineKinds = async (id = caseId) =>
    (await call(t.app, "GET", `/api/v1/cases/${id}/timeline`, owner.headers)).body.entries.map(
      (e: { kind: string }) => e.kind,
    );

  test("a service is added and changed from its version; status fills its date; stale 412; one of four wins", async () => {
    const added = await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/services`, owner.headers, {
      serviceType: "shelter",
      directoryEntryId: "nhth",
      plannedOn: day(10),
    });
    assert.equal(added.status, 201, added.raw);
    assert.equal(added.body.status, "planned");
    assert.equal(added.body.version, 1);
    const url = `/api/v1/plan/services/${added.body.id}`;
    assert.equal((await patch(url, owner, undefined, { status: "referred" })).statusCode, 428);

    const started = await patch(url, owner, 1, { status: "in_progress" });
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(started.json().startedOn, day(0), "starting a service dates it today");
    assert.equal(started.headers.etag, 'W/"2"');
    const stale = await patch(url, owner, 1, { status: "declined" });
    assert.equal(stale.statusCode, 412);
    assert.match(stale.json().error.message, /version 2/);

    const results = await Promise.all(
      (["legal", "medical", "housing", "education"] as const).map((serviceType) =>
        patch(url, colleague, 2, { serviceType }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 412, 412, 412]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    const back = (await plan()).services.find((s: { id: string }) => s.id === added.body.id);
    assert.equal(back.serviceType, winner.serviceType);
    assert.equal(back.version, 3);
    assert.equal(back.status, "in_progress");
    assert.equal(back.directoryEntryId, "nhth");

    const done = await patch(url, owner, 3, { status: "completed", completedOn: day(0) });
    assert.equal(done.statusCode, 200, done.body);
    const kinds = await timelineKinds();
    assert.ok(kinds.includes("plan.service_added") && kinds.includes("plan.service_status"));
    assert.equal((await audited("plan.service.create", added.body.id)).length, 1);
    assert.equal(
      (await audited("plan.service.update", added.body.id)).filter((e) => e.outcome === "success").length,
      3,
    );
  });

  test("bad dates and providers: 400 naming the field, nothing written or changed", async () => {
    const before = await plan();
    for (const [payload, field] of [
      [
        { serviceType: "legal", startedOn: day(-2), completedOn: day(-5), status: "completed" },
        "body.completedOn",
      ],
      [{ serviceType: "legal", status: "in_progress", startedOn: day(3) }, "body.startedOn"],
      [{ serviceType: "legal", referredOn: day(1) }, "body.referredOn"],
      [{ serviceType: "legal", completedOn: day(-1) }, "body.completedOn"],
      [{ serviceType: "legal", plannedOn: "2026-02-30" }, "body.plannedOn"],
      [{ serviceType: "legal", providerOrgId: "no-such-org" }, "body.providerOrgId"],
      [{ serviceType: "legal", directoryEntryId: "no-such-entry" }, "body.directoryEntryId"],
      [{ serviceType: "legal", providerOrgId: "plan-pd", directoryEntryId: "nhth" }, "body.directoryEntryId"],
      [{ serviceType: "astrology" }, "body.serviceType"],
      [{ serviceType: "legal", status: "lost" }, "body.status"],
    ] as const) {
      const r = await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/services`, owner.headers, payload);
      assert.equal(r.status, 400, `${JSON.stringify(payload)} → ${r.raw}`);
      assert.ok(r.body.error.message.startsWith(field), r.body.error.message);
    }
    const s = await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/services`, owner.headers, {
      serviceType: "medical",
      status: "in_progress",
      startedOn: day(-3),
    });
    assert.equal(s.status, 201, s.raw);
    const bad = await patch(`/api/v1/plan/services/${s.body.id}`, owner, 1, {
      status: "completed",
      completedOn: day(-4),
      serviceType: "legal",
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /^body\.completedOn: must not be before startedOn/);
    const after = await plan();
    assert.equal(after.services.length, before.services.length + 1);
    const kept = after.services.find((x: { id: string }) => x.id === s.body.id);
    assert.deepEqual([kept.version, kept.status, kept.serviceType], [1, "in_progress", "medical"]);
  });

  test("follow-ups: due and overdue on the assignee's or the lead's home page; done takes them off", async () => {
    const overdue = await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/followups`, owner.headers, {
      kind: "phone_call",
      dueOn: day(-1),
      assigneeUserId: colleague.userId,
    });
    assert.equal(overdue.status, 201, overdue.raw);
    assert.equal(overdue.body.overdue, true);
    const soon = await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/followups`, owner.headers, {
      kind: "visit",
      dueOn: day(3),
    });
    const later = await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/followups`, owner.headers, {
      kind: "meeting",
      dueOn: day(60),
      assigneeUserId: colleague.userId,
    });
    assert.equal(soon.status, 201);
    assert.equal(later.status, 201);

    const mine = await work(colleague);
    const item = mine.find((i) => i.refId === overdue.body.id);
    assert.ok(item, "the assignee sees the overdue follow-up");
    assert.equal(item.overdue, true);
    assert.equal(item.kind, "plan.followup");
    assert.deepEqual(item.labelArgs, { kind: "phone_call" });
    assert.ok(!mine.some((i) => i.refId === later.body.id), "not due within two weeks");
    assert.ok(!mine.some((i) => i.refId === soon.body.id), "unassigned, and not the lead");

    const kase = (await call(t.app, "GET", `/api/v1/cases/${caseId}`, owner.headers)).body;
    const lead = await patch(`/api/v1/cases/${caseId}`, owner, kase.version, { leadUserId: owner.userId });
    assert.equal(lead.statusCode, 200, lead.body);
    assert.equal(lead.json().leadUserId, owner.userId);
    assert.ok(
      (await work(owner)).some((i) => i.refId === soon.body.id),
      "the lead sees unassigned ones",
    );
    assert.deepEqual(await work(stranger), []);

    const url = `/api/v1/plan/followups/${overdue.body.id}`;
    const done = await patch(url, colleague, 1, { done: true });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().done, true);
    assert.equal(done.json().doneBy, colleague.userId);
    assert.equal(done.json().overdue, false);
    assert.equal((await patch(url, owner, 1, { done: false })).statusCode, 412);
    assert.ok(!(await work(colleague)).some((i) => i.refId === overdue.body.id));
    const listed = (await plan()).followUps.map((f: { id: string }) => f.id);
    assert.equal(listed.at(-1), overdue.body.id, "done follow-ups come last");
    assert.ok((await timelineKinds()).includes("plan.followup_done"));
    assert.equal(
      (await audited("plan.followup.update", overdue.body.id)).filter((e) => e.outcome === "success").length,
      1,
    );

    const other = (await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Other" })).body.id;
    const foreign = await call(t.app, "POST", `/api/v1/cases/${other}/plan/services`, owner.headers, {
      serviceType: "legal",
    });
    for (const [payload, field] of [
      [{ kind: "visit", dueOn: day(1), serviceId: foreign.body.id }, "body.serviceId"],
      [{ kind: "visit", dueOn: day(1), assigneeUserId: stranger.userId }, "body.assigneeUserId"],
      [{ kind: "visit", dueOn: "1999-12-31" }, "body.dueOn"],
      [{ kind: "party", dueOn: day(1) }, "body.kind"],
    ] as const) {
      const r = await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/followups`, owner.headers, payload);
      assert.equal(r.status, 400, r.raw);
      assert.ok(r.body.error.message.startsWith(field), r.body.error.message);
    }
  });

  test("another organization gets 404 for the plan and its items, audited as denials", async () => {
    const s = (await plan()).services[0];
    const f = (await plan()).followUps[0];
    const attempts = [
      await call(t.app, "GET", `/api/v1/cases/${caseId}/plan`, stranger.headers),
      await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/services`, stranger.headers, {
        serviceType: "legal",
      }),
      await call(t.app, "POST", `/api/v1/cases/${caseId}/plan/followups`, stranger.headers, {
        kind: "visit",
        dueOn: day(1),
      }),
      await call(t.app, "GET", `/api/v1/cases/${caseId}/team`, stranger.headers),
      await call(t.app, "POST", `/api/v1/cases/${caseId}/team`, stranger.headers, {
        userId: stranger.userId,
      }),
    ];
    for (const r of attempts) assert.equal(r.status, 404, r.raw);
    const ps = await patch(`/api/v1/plan/services/${s.id}`, stranger, s.version, { serviceType: "legal" });
    const pf = await patch(`/api/v1/plan/followups/${f.id}`, stranger, f.version, { done: true });
    assert.equal(ps.statusCode, 404);
    assert.equal(pf.statusCode, 404);
    assert.equal(
      (await audited("plan.service.update", s.id)).filter((e) => e.outcome === "denied").length,
      1,
    );
    assert.equal((await audited("plan.read", caseId)).filter((e) => e.outcome === "denied").length, 1);
    const unchanged = (await plan()).services[0];
    assert.equal(unchanged.version, s.version);
  });

  test("team: lead and members of the owning organization; agencies involved, one lead agency", async () => {
    const kase = (await call(t.app, "GET", `/api/v1/cases/${caseId}`, owner.headers)).body;
    const badLead = await patch(`/api/v1/cases/${caseId}`, owner, kase.version, {
      leadUserId: stranger.userId,
    });
    assert.equal(badLead.statusCode, 400);
    assert.match(badLead.json().error.message, /^body\.leadUserId/);

    const base = `/api/v1/cases/${caseId}/team`;
    const added = await call(t.app, "POST", base, owner.headers, { userId: colleague.userId });
    assert.equal(added.status, 201, added.raw);
    assert.equal(added.body.email, colleague.email);
    const queue = (await call(t.app, "GET", "/api/v1/me/work", colleague.headers)).body.sections.queue;
    assert.ok(
      queue.some((i: Item) => i.refId === caseId),
      "a team member has the case in their queue",
    );
    assert.equal((await call(t.app, "POST", base, owner.headers, { userId: colleague.userId })).status, 409);
    const outsider = await call(t.app, "POST", base, owner.headers, { userId: stranger.userId });
    assert.equal(outsider.status, 400);
    assert.match(outsider.body.error.message, /^body\.userId/);

    const agencies = `/api/v1/cases/${caseId}/agencies`;
    const leadAgency = await call(t.app, "POST", agencies, owner.headers, {
      agencyType: "federal_le",
      role: "lead",
      directoryEntryId: "nhth",
    });
    assert.equal(leadAgency.status, 201, leadAgency.raw);
    const twoLeads = await Promise.all(
      ["local_le", "state_le"].map((agencyType) =>
        call(t.app, "POST", agencies, owner.headers, { agencyType, role: "lead" }),
      ),
    );
    assert.deepEqual(
      twoLeads.map((r) => r.status),
      [409, 409],
      "one lead agency",
    );
    const partner = await call(t.app, "POST", agencies, owner.headers, {
      agencyType: "local_le",
      partnerOrgId: "plan-other",
    });
    assert.equal(partner.status, 201, partner.raw);
    assert.equal(partner.body.role, "involved");
    assert.equal(
      (
        await call(t.app, "POST", agencies, owner.headers, {
          agencyType: "other",
          partnerOrgId: "plan-other",
        })
      ).status,
      409,
      "each agency once",
    );
    const badSource = await call(t.app, "POST", agencies, owner.headers, {
      agencyType: "other",
      directoryEntryId: "no-such-entry",
    });
    assert.equal(badSource.status, 400);
    assert.match(badSource.body.error.message, /^body\.directoryEntryId/);

    const team = await call(t.app, "GET", base, colleague.headers);
    assert.equal(team.status, 200, team.raw);
    assert.deepEqual(team.body.lead, { userId: owner.userId, email: owner.email });
    assert.deepEqual(
      team.body.members.map((m: { userId: string }) => m.userId),
      [colleague.userId],
    );
    assert.deepEqual(
      team.body.agencies.map((a: { role: string }) => a.role),
      ["lead", "involved"],
    );
    assert.equal(team.body.mayEdit, true);

    const removed = await call(t.app, "DELETE", `${base}/${colleague.userId}`, owner.headers);
    assert.equal(removed.status, 204, removed.raw);
    assert.equal((await call(t.app, "DELETE", `${base}/${colleague.userId}`, owner.headers)).status, 404);
    const gone = await call(t.app, "DELETE", `${agencies}/${partner.body.id}`, owner.headers);
    assert.equal(gone.status, 204);
    const after = (await call(t.app, "GET", base, owner.headers)).body;
    assert.deepEqual(after.members, []);
    assert.equal(after.agencies.length, 1);
    const kinds = await timelineKinds();
    for (const k of ["team.member_added", "team.member_removed", "agency.added", "agency.removed"])
      assert.ok(kinds.includes(k), k);
    assert.equal((await audited("case.team.add", caseId)).filter((e) => e.outcome === "success").length, 1);
    assert.equal((await audited("case.agency.remove", caseId)).length, 1);
  });

  test("a read-only partner sees the team without e-mails and may change nothing (403)", async () => {
    const c = (await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Shared plan" })).body.id;
    const shared = await call(t.app, "POST", `/api/v1/cases/${c}/shares`, owner.headers, {
      orgId: "plan-other",
      access: "read",
    });
    assert.equal(shared.status, 201, shared.raw);
    await call(t.app, "POST", `/api/v1/cases/${c}/team`, owner.headers, { userId: colleague.userId });
    const seen = await call(t.app, "GET", `/api/v1/cases/${c}/team`, stranger.headers);
    assert.equal(seen.status, 200, seen.raw);
    assert.equal(seen.body.members[0].email, null);
    assert.equal(seen.body.mayEdit, false);
    assert.equal((await call(t.app, "GET", `/api/v1/cases/${c}/plan`, stranger.headers)).status, 200);
    for (const [url, payload] of [
      [`/api/v1/cases/${c}/team`, { userId: stranger.userId }],
      [`/api/v1/cases/${c}/agencies`, { agencyType: "other" }],
      [`/api/v1/cases/${c}/plan/services`, { serviceType: "legal" }],
    ] as const) {
      assert.equal((await call(t.app, "POST", url, stranger.headers, payload)).status, 403, url);
    }
  });

  test("a retried write with the same Idempotency-Key adds one service and one agency, and replays the answer", async () => {
    const c = (await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Retry" })).body.id;
    const send = (url: string, payload: object, key: string) =>
      call(t.app, "POST", url, { ...owner.headers, "idempotency-key": key }, payload);
    const key = `plan-${c}`;
    const [a, b] = [
      await send(`/api/v1/cases/${c}/plan/services`, { serviceType: "legal" }, key),
      await send(`/api/v1/cases/${c}/plan/services`, { serviceType: "legal" }, key),
    ];
    assert.equal(a.status, 201, a.raw);
    assert.deepEqual(b.body, a.body);
    assert.equal((await plan(owner, c)).services.length, 1);
    const agency = { agencyType: "local_le", role: "lead" };
    const first = await send(`/api/v1/cases/${c}/agencies`, agency, `${key}-agency`);
    const again = await send(`/api/v1/cases/${c}/agencies`, agency, `${key}-agency`);
    assert.equal(first.status, 201, first.raw);
    assert.equal(again.status, 201, "the replay, not a 409");
    assert.deepEqual(again.body, first.body);
  });

  test("assignable users: the caller's organization's enabled users, id and e-mail only", async () => {
    const r = await call(t.app, "GET", "/api/v1/users/assignable", colleague.headers);
    assert.equal(r.status, 200, r.raw);
    const ids = r.body.users.map((u: { id: string }) => u.id);
    assert.ok(ids.includes(owner.userId) && ids.includes(colleague.userId));
    assert.ok(!ids.includes(stranger.userId));
    assert.deepEqual(Object.keys(r.body.users[0]).sort(), ["email", "id"]);
    assert.equal((await call(t.app, "GET", "/api/v1/users/assignable", {})).status, 401);
  });
});

test("service dates the rules accept are ordered and never in the future (property)", () => {
  const today = "2026-06-15";
  const date = fc
    .option(fc.integer({ min: -400, max: 400 }), { nil: null })
    .map((n) => (n === null ? null : new Date(Date.UTC(2026, 5, 15 + n)).toISOString().slice(0, 10)));
  fc.assert(
    fc.property(
      fc.constantFrom("planned", "referred", "in_progress", "completed", "declined" as const),
      date,
      date,
      date,
      date,
      (status, planned_on, referred_on, started_on, completed_on) => {
        const d = { status, planned_on, referred_on, started_on, completed_on };
        const problem = serviceDatesProblem(d, today);
        if (problem !== null) return /^body\.(referredOn|startedOn|completedOn): /.test(problem);
        for (const v of [referred_on, started_on, completed_on]) if (v && v > today) return false;
        if (completed_on && status !== "completed") return false;
        return !(completed_on && started_on && completed_on < started_on);
      },
    ),
  );
});
