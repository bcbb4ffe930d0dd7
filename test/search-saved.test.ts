import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("saved searches", (backend) => {
  let t: TestApp;
  let me: TestUser;
  let colleague: TestUser;
  const put = (id: string, as: TestUser, body: unknown, ifMatch?: string) =>
    t.app.inject({
      method: "PUT",
      url: `/api/v1/saved-searches/${id}`,
      headers: { ...as.headers, ...(ifMatch ? { "if-match": ifMatch } : {}) },
      payload: body as object,
    });

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    me = await createOrgWithUser(t.store, {
      orgId: "ss-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    colleague = await createOrgWithUser(t.store, {
      orgId: "ss-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(() => t.close());

  test("create, list, rename with If-Match, delete; the query is kept canonical", async () => {
    const created = await call(t.app, "POST", "/api/v1/saved-searches", me.headers, {
      name: "Open farm cases",
      query: "status=open&q=farm+workers",
    });
    assert.equal(created.status, 201, created.raw);
    const id = created.body.id as string;
    const listed = await call(t.app, "GET", "/api/v1/saved-searches", me.headers);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.savedSearches.map((s: { name: string; query: string; version: number }) => [
        s.name,
        s.query,
        s.version,
      ]),
      [["Open farm cases", "q=farm+workers&status=open", 1]],
    );
    assert.equal((await put(id, me, { name: "x", query: "" })).statusCode, 428, "If-Match required");
    const renamed = await put(id, me, { name: "Farm (all)", query: "q=farm" }, 'W/"1"');
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.headers.etag, 'W/"2"');
    assert.equal(renamed.json().name, "Farm (all)");
    const stale = await put(id, me, { name: "late", query: "" }, 'W/"1"');
    assert.equal(stale.statusCode, 412);
    const del = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/saved-searches/${id}`,
      headers: { ...me.headers, "if-match": 'W/"2"' },
    });
    assert.equal(del.statusCode, 204);
    assert.deepEqual((await call(t.app, "GET", "/api/v1/saved-searches", me.headers)).body.savedSearches, []);
  });

  test("two concurrent updates from one version: exactly one 200, one 412", async () => {
    const id = (await call(t.app, "POST", "/api/v1/saved-searches", me.headers, { name: "race", query: "" }))
      .body.id as string;
    const answers = await Promise.all([
      put(id, me, { name: "first", query: "status=open" }, 'W/"1"'),
      put(id, me, { name: "second", query: "status=closed" }, 'W/"1"'),
    ]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 412]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().name;
    const now = (await call(t.app, "GET", "/api/v1/saved-searches", me.headers)).body.savedSearches.find(
      (s: { id: string }) => s.id === id,
    );
    assert.equal(now.name, winner);
    assert.equal(now.version, 2);
  });

  test("another user's saved search is not found, exactly like a missing one", async () => {
    const id = (await call(t.app, "POST", "/api/v1/saved-searches", me.headers, { name: "mine", query: "" }))
      .body.id as string;
    assert.equal(
      (await call(t.app, "GET", "/api/v1/saved-searches", colleague.headers)).body.savedSearches.length,
      0,
    );
    assert.equal((await put(id, colleague, { name: "theirs", query: "" }, 'W/"1"')).statusCode, 404);
    assert.equal(
      (await put(randomUUID(), colleague, { name: "theirs", query: "" }, 'W/"1"')).statusCode,
      404,
    );
  });

  test("a retried create with the same Idempotency-Key saves one search", async () => {
    const key = randomUUID();
    const headers = { ...colleague.headers, "idempotency-key": key };
    const a = await call(t.app, "POST", "/api/v1/saved-searches", headers, {
      name: "once",
      query: "q=harbor",
    });
    const b = await call(t.app, "POST", "/api/v1/saved-searches", headers, {
      name: "once",
      query: "q=harbor",
    });
    assert.equal(a.status, 201);
    assert.equal(b.body.id, a.body.id);
    const names = (
      await call(t.app, "GET", "/api/v1/saved-searches", colleague.headers)
    ).body.savedSearches.map((s: { name: string }) => s.name);
    assert.deepEqual(names, ["once"]);
  });

  test("bad input answers 400 naming the field, and saves nothing", async () => {
    const before = (await call(t.app, "GET", "/api/v1/saved-searches", me.headers)).body.savedSearches.length;
    for (const [body, field] of [
      [{ name: "", query: "" }, "name"],
      [{ name: "x".repeat(101), query: "" }, "name"],
      [{ name: "a", query: "status=lost" }, "query.status"],
      [{ name: "a", query: "color=red" }, "query"],
      [{ name: "a", query: "q=a&q=b" }, "query"],
      [{ name: "a", query: "from=2024-05-02&to=2024-05-01" }, "query.from"],
      [{ name: "a", query: "", extra: 1 }, ""],
    ] as const) {
      const r = await call(t.app, "POST", "/api/v1/saved-searches", me.headers, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.raw}`);
      assert.match(r.body.error.message, new RegExp(field.replace(".", "\\.")));
    }
    assert.equal(
      (await call(t.app, "GET", "/api/v1/saved-searches", me.headers)).body.savedSearches.length,
      before,
    );
  });
});
