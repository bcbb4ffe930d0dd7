import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, canary, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("notes and tasks on a case", (backend) => {
  let t: TestApp;
  let owner: TestUser;
  let colleague: TestUser;
  let stranger: TestUser;
  let caseId: string;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    owner = await createOrgWithUser(t.store, {
      orgId: "nt-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    colleague = await createOrgWithUser(t.store, {
      orgId: "nt-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    stranger = await createOrgWithUser(t.store, {
      orgId: "nt-other",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    const c = await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Notes and tasks" });
    caseId = c.body.id;
  });
  after(() => t.close());

  const patch = (url: string, user: TestUser, version: number | undefined, payload: object) =>
    t.app.inject({
      method: "PATCH",
      url,
      headers: { ...user.headers, ...(version === undefined ? {} : { "if-match": `W/"${version}"` }) },
      payload,
    });

  test("a note is added, listed, edited from its version; concurrent edits: one 200, the rest 412", async () => {
    const text = canary("NOTE");
    const added = await call(t.app, "POST", `/api/v1/cases/${caseId}/notes`, owner.headers, { body: text });
    assert.equal(added.status, 201, added.raw);
    assert.equal(added.body.version, 1);
    const list = await call(t.app, "GET", `/api/v1/cases/${caseId}/notes`, colleague.headers);
    assert.equal(list.status, 200);
    assert.equal(list.body.notes[0].body, text);
    const raw = await t.store.db
      .selectFrom("case_notes")
      .select("body_enc")
      .where("id", "=", added.body.id)
      .executeTakeFirstOrThrow();
    assert.ok(!raw.body_enc.includes(text), "sealed at rest");

    const missing = await patch(`/api/v1/notes/${added.body.id}`, owner, undefined, { body: "x" });
    assert.equal(missing.statusCode, 428);
    const notAuthor = await patch(`/api/v1/notes/${added.body.id}`, colleague, 1, { body: "x" });
    assert.equal(notAuthor.statusCode, 403, "only the author edits a note");

    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => patch(`/api/v1/notes/${added.body.id}`, owner, 1, { body: `edit ${i}` })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 412, 412, 412]);
    const winner = results.find((r) => r.statusCode === 200)!;
    assert.equal(winner.headers.etag, 'W/"2"');
    const loser = results.find((r) => r.statusCode === 412)!;
    assert.match(loser.json().error.message, /version 2/);
    const back = await call(t.app, "GET", `/api/v1/cases/${caseId}/notes`, owner.headers);
    assert.equal(back.body.notes[0].body, winner.json().body);
    assert.equal(back.body.notes[0].version, 2);

    const timeline = await call(t.app, "GET", `/api/v1/cases/${caseId}/timeline`, owner.headers);
    const kinds = timeline.body.entries.map((e: { kind: string }) => e.kind);
    assert.ok(kinds.includes("note.added") && kinds.includes("note.edited"));
  });

  test("notes: out of scope is 404, bad input 400 naming the field, nothing written", async () => {
    const hidden = await call(t.app, "POST", `/api/v1/cases/${caseId}/notes`, stranger.headers, {
      body: "x",
    });
    assert.equal(hidden.status, 404);
    const list = await call(t.app, "GET", `/api/v1/cases/${caseId}/notes`, stranger.headers);
    assert.equal(list.status, 404);
    for (const [payload, field] of [
      [{ body: "" }, "body.body"],
      [{ body: "x".repeat(20_001) }, "body.body"],
      [{ body: "x", extra: 1 }, "body"],
    ] as const) {
      const r = await call(t.app, "POST", `/api/v1/cases/${caseId}/notes`, owner.headers, payload);
      assert.equal(r.status, 400, r.raw);
      assert.ok(r.body.error.message.startsWith(field), r.body.error.message);
    }
  });

  test("tasks: code or sealed title, assignee of the org, overdue flag, my tasks, done stamps", async () => {
    const title = canary("TASK");
    const a = await call(t.app, "POST", `/api/v1/cases/${caseId}/tasks`, owner.headers, {
      title,
      assigneeUserId: colleague.userId,
      dueAt: "2020-01-02",
    });
    assert.equal(a.status, 201, a.raw);
    assert.equal(a.body.overdue, true);
    const b = await call(t.app, "POST", `/api/v1/cases/${caseId}/tasks`, owner.headers, {
      titleCode: "contact_victim",
      assigneeUserId: colleague.userId,
      dueAt: "2099-01-01T12:00:00Z",
    });
    assert.equal(b.status, 201, b.raw);
    assert.equal(b.body.overdue, false);
    const raw = await t.store.db
      .selectFrom("case_tasks")
      .select("title_enc")
      .where("id", "=", a.body.id)
      .executeTakeFirstOrThrow();
    assert.ok(raw.title_enc && !raw.title_enc.includes(title));

    const badAssignee = await call(t.app, "POST", `/api/v1/cases/${caseId}/tasks`, owner.headers, {
      titleCode: "x_task",
      assigneeUserId: stranger.userId,
    });
    assert.equal(badAssignee.status, 400);
    assert.match(badAssignee.body.error.message, /^body\.assigneeUserId/);
    const both = await call(t.app, "POST", `/api/v1/cases/${caseId}/tasks`, owner.headers, {
      titleCode: "a_b",
      title: "t",
    });
    assert.equal(both.status, 400);
    assert.match(both.body.error.message, /^body\.title/);

    const mine = await call(t.app, "GET", "/api/v1/me/tasks", colleague.headers);
    assert.deepEqual(
      mine.body.tasks.map((x: { id: string }) => x.id),
      [a.body.id, b.body.id],
    );
    assert.equal(mine.body.tasks[0].title, title);
    const strangers = await call(t.app, "GET", "/api/v1/me/tasks", stranger.headers);
    assert.deepEqual(strangers.body.tasks, []);

    const done = await patch(`/api/v1/tasks/${a.body.id}`, colleague, 1, { status: "done" });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().completedBy, colleague.userId);
    assert.equal(done.json().overdue, false);
    const stillOpen = await call(t.app, "GET", "/api/v1/me/tasks", colleague.headers);
    assert.deepEqual(
      stillOpen.body.tasks.map((x: { id: string }) => x.id),
      [b.body.id],
    );

    const racing = await Promise.all(
      ["2099-02-01", "2099-03-01", "2099-04-01"].map((d) =>
        patch(`/api/v1/tasks/${b.body.id}`, owner, 1, { dueAt: d }),
      ),
    );
    assert.deepEqual(racing.map((r) => r.statusCode).sort(), [200, 412, 412]);
    const hidden = await patch(`/api/v1/tasks/${b.body.id}`, stranger, 2, { status: "done" });
    assert.equal(hidden.statusCode, 404);
  });
});
