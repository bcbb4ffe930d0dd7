import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AuthContext } from "../src/modules/auth/auth.context.ts";
import type { DemoContext } from "../src/modules/demo/demo.context.ts";
import { demoWork } from "../src/modules/work/work.demo.ts";
import { addIsoDuration } from "../src/modules/work/work.rules.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const facts = {
  victim: { age: 16, citizenship: "foreign_national" },
  exploitation: ["labor_trafficking"],
  location: { inUnitedStates: true, state: "TX" },
};

test("ISO durations: calendar months and years, hours, unknown forms give no due time", () => {
  const start = new Date("2026-01-31T10:00:00Z");
  assert.equal(addIsoDuration(start, "PT24H")?.toISOString(), "2026-02-01T10:00:00.000Z");
  assert.equal(addIsoDuration(start, "P90D")?.toISOString(), "2026-05-01T10:00:00.000Z");
  assert.equal(
    addIsoDuration(new Date("2026-01-15T00:00:00Z"), "P6M")?.toISOString(),
    "2026-07-15T00:00:00.000Z",
  );
  assert.equal(addIsoDuration(start, "P2Y")?.getUTCFullYear(), 2028);
  assert.equal(addIsoDuration(start, null), null);
  assert.equal(addIsoDuration(start, "soon"), null);
});

describeEachStore("routing a case and the home page", (backend) => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    owner = await createOrgWithUser(t.store, {
      orgId: "rw-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    stranger = await createOrgWithUser(t.store, {
      orgId: "rw-x",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(() => t.close());

  test("route run stores the answer, makes one task per deadline, and running again (even at once) duplicates none", async () => {
    const c = await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Routing" });
    const url = `/api/v1/cases/${c.body.id}/route`;
    const first = await call(t.app, "POST", url, owner.headers, { facts });
    assert.equal(first.status, 200, first.raw);
    assert.ok(first.body.answer.recommendations.length > 0);
    assert.ok(first.body.tasks.length > 0 && first.body.tasks.every((x: { created: boolean }) => x.created));
    const hhs = first.body.tasks.find((x: { deadlineId: string }) => x.deadlineId === "notify-hhs-24h");
    assert.ok(hhs, "the 24-hour HHS notification becomes a task");

    const again = await Promise.all([1, 2].map(() => call(t.app, "POST", url, owner.headers, { facts })));
    for (const r of again) {
      assert.equal(r.status, 200, r.raw);
      assert.ok(r.body.tasks.every((x: { created: boolean }) => !x.created));
      assert.deepEqual(
        r.body.tasks.map((x: { id: string }) => x.id).sort(),
        first.body.tasks.map((x: { id: string }) => x.id).sort(),
      );
    }
    const tasks = await call(t.app, "GET", `/api/v1/cases/${c.body.id}/tasks`, owner.headers);
    assert.equal(tasks.body.tasks.length, first.body.tasks.length);
    const hhsTask = tasks.body.tasks.find((x: { id: string }) => x.id === hhs.id);
    assert.equal(hhsTask.titleCode, "routing.notify-hhs-24h");
    const hours = (Date.parse(hhsTask.dueAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 23 && hours <= 24, `due in 24 hours (${hours})`);
    const runs = await t.store.db
      .selectFrom("case_routing_runs")
      .select("id")
      .where("case_id", "=", c.body.id)
      .execute();
    assert.equal(runs.length, 3, "every run is kept with the case");

    const noFacts = await call(t.app, "POST", url, owner.headers, {});
    assert.equal(noFacts.status, 400);
    assert.match(noFacts.body.error.message, /^body\.facts/);
    const badFacts = await call(t.app, "POST", url, owner.headers, { facts: { victim: { age: -1 } } });
    assert.equal(badFacts.status, 400);
    assert.match(badFacts.body.error.message, /^body\.facts\.victim\.age/);
    const hidden = await call(t.app, "POST", url, stranger.headers, { facts });
    assert.equal(hidden.status, 404);

    const work = await call(t.app, "GET", "/api/v1/me/work", owner.headers);
    assert.equal(work.status, 200, work.raw);
    const s = work.body.sections;
    assert.deepEqual(Object.keys(s).sort(), ["clocks", "deadlines", "queue", "referrals", "tasks"]);
    assert.ok(
      s.queue.some((i: { refId: string }) => i.refId === c.body.id),
      "the case is in the queue",
    );
    const deadline = s.deadlines.find((i: { refId: string }) => i.refId === hhs.id);
    assert.equal(deadline.kind, "routing_deadline");
    assert.equal(deadline.overdue, false);
    assert.deepEqual(s.tasks, [], "routing tasks are unassigned");
    const other = await call(t.app, "GET", "/api/v1/me/work", stranger.headers);
    assert.deepEqual(other.body.sections.queue, []);
    assert.deepEqual(other.body.sections.deadlines, []);
  });

  test("a run without facts reads the case's saved facts, the victim's citizenship filled from the victim recorded", async () => {
    const c = await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Saved facts" });
    const saved = { ...facts, victim: { age: 16 } };
    const read = await call(t.app, "GET", `/api/v1/cases/${c.body.id}`, owner.headers);
    const edit = await call(
      t.app,
      "PATCH",
      `/api/v1/cases/${c.body.id}`,
      { ...owner.headers, "if-match": `W/"${read.body.version}"` },
      { facts: saved },
    );
    assert.equal(edit.status, 200, edit.raw);
    const url = `/api/v1/cases/${c.body.id}/route`;
    const unknownVictim = await call(t.app, "POST", url, owner.headers, {});
    assert.equal(unknownVictim.status, 200, unknownVictim.raw);
    const hhsOf = (r: typeof unknownVictim) =>
      r.body.tasks.some((x: { deadlineId: string }) => x.deadlineId === "notify-hhs-24h");
    assert.equal(hhsOf(unknownVictim), false, "no HHS clock while citizenship is unknown");
    const person = await call(t.app, "POST", `/api/v1/cases/${c.body.id}/persons`, owner.headers, {
      role: "victim",
      citizenship: "foreign_national",
    });
    assert.equal(person.status, 201, person.raw);
    const known = await call(t.app, "POST", url, owner.headers, {});
    assert.equal(known.status, 200, known.raw);
    assert.ok(hhsOf(known), "the foreign national minor starts the 24-hour HHS clock");
    const whatIf = await call(t.app, "POST", url, owner.headers, { facts: { victim: { age: 30 } } });
    assert.equal(whatIf.status, 200, whatIf.raw);
    assert.equal(
      whatIf.body.answer.deadlines.some((d: { id: string }) => d.id === "notify-hhs-24h"),
      false,
      "facts sent with the run override the saved ones",
    );
  });

  test("my assigned tasks show in the tasks section, overdue marked", async () => {
    const c = await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Mine" });
    const task = await call(t.app, "POST", `/api/v1/cases/${c.body.id}/tasks`, owner.headers, {
      titleCode: "contact_victim",
      assigneeUserId: owner.userId,
      dueAt: "2021-03-04",
    });
    assert.equal(task.status, 201, task.raw);
    const work = await call(t.app, "GET", "/api/v1/me/work", owner.headers);
    const item = work.body.sections.tasks.find((i: { refId: string }) => i.refId === task.body.id);
    assert.equal(item.overdue, true);
    assert.deepEqual(item.labelArgs, { code: "contact_victim" });
    assert.ok(work.body.sections.deadlines.some((i: { refId: string }) => i.refId === task.body.id));
  });

  test("demo: notes, tasks (one overdue) and a routing run on the first case", async () => {
    const c = await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "DEMO — case" });
    const auth: AuthContext = {
      kind: "user",
      userId: owner.userId,
      orgId: owner.orgId,
      orgType: "law_enforcement",
      roles: owner.roles,
      via: "token",
      credentialId: "demo",
    };
    const users = Object.fromEntries(
      ["intake", "investigator", "advocate", "prosecutor", "analyst", "hotline", "providerAdvocate"].map(
        (k) => [k, auth],
      ),
    ) as DemoContext["users"];
    await demoWork({
      store: t.store,
      orgs: { taskForce: owner.orgId, serviceProvider: "x", hotline: "y", legalAid: "z" },
      users,
      caseIds: [c.body.id],
      personIds: [],
      tipIds: [],
      now: new Date(),
    });
    const notes = await call(t.app, "GET", `/api/v1/cases/${c.body.id}/notes`, owner.headers);
    assert.equal(notes.body.notes.length, 2);
    assert.ok(notes.body.notes.every((n: { body: string }) => n.body.startsWith("DEMO —")));
    const tasks = await call(t.app, "GET", `/api/v1/cases/${c.body.id}/tasks`, owner.headers);
    assert.ok(tasks.body.tasks.some((x: { overdue: boolean }) => x.overdue));
    assert.ok(
      tasks.body.tasks.some((x: { sourceKey: string | null }) => x.sourceKey?.startsWith("routing:")),
    );
  });
});
