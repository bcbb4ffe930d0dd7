import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("Idempotency-Key on writes", (backend) => {
  let t: TestApp;
  let user: TestUser;
  let other: TestUser;
  const countCases = async () => (await t.store.db.selectFrom("cases").select("id").execute()).length;
  const openCase = (key: string | undefined, title: string, as: TestUser = user) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: { ...as.headers, ...(key ? { "idempotency-key": key } : {}) },
      payload: { title },
    });

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    user = await createOrgWithUser(t.store, {
      orgId: "idem-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    other = await createOrgWithUser(t.store, {
      orgId: "idem-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(() => t.close());

  test("sequential retries return the first response, byte for byte, and create nothing new", async () => {
    const key = randomUUID();
    const before = await countCases();
    const first = await openCase(key, "Retried case");
    assert.equal(first.statusCode, 201);
    for (let i = 0; i < 3; i++) {
      const again = await openCase(key, "Retried case");
      assert.equal(again.statusCode, 201);
      assert.equal(again.body, first.body);
      assert.equal(again.headers["idempotent-replayed"], "true");
    }
    assert.equal(await countCases(), before + 1);
  });

  test("32 concurrent retries of one request create exactly one record, and all get its answer", async () => {
    const key = randomUUID();
    const before = await countCases();
    const answers = await Promise.all(Array.from({ length: 32 }, () => openCase(key, "Concurrent case")));
    assert.deepEqual(new Set(answers.map((a) => a.statusCode)), new Set([201]));
    assert.equal(new Set(answers.map((a) => a.json().id)).size, 1, "one id for every retry");
    assert.equal(await countCases(), before + 1);
  });

  test("the same key with a different body, path or caller answers 422 and changes nothing", async () => {
    const key = randomUUID();
    assert.equal((await openCase(key, "Original")).statusCode, 201);
    const before = await countCases();
    const changed = await openCase(key, "Something else");
    assert.equal(changed.statusCode, 422);
    assert.equal(changed.json().error.code, "idempotency_key_reused");
    const someoneElse = await openCase(key, "Original", other);
    assert.equal(someoneElse.statusCode, 422, "another user of the same organization cannot replay it");
    assert.equal(await countCases(), before);
  });

  test("a refused request is replayed as refused; a malformed key is a 400 naming the header", async () => {
    const key = randomUUID();
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/cases/00000000-0000-4000-8000-000000000000/shares",
      headers: { ...user.headers, "idempotency-key": key },
      payload: { orgId: "idem-pd", access: "read" },
    });
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/cases/00000000-0000-4000-8000-000000000000/shares",
      headers: { ...user.headers, "idempotency-key": key },
      payload: { orgId: "idem-pd", access: "read" },
    });
    assert.equal(again.statusCode, bad.statusCode);
    assert.equal(again.body, bad.body);
    const malformed = await openCase("short", "x");
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.json().error.message, /headers\.idempotency-key/);
  });

  test("without a key, each request is its own", async () => {
    const before = await countCases();
    await openCase(undefined, "A");
    await openCase(undefined, "A");
    assert.equal(await countCases(), before + 2);
  });
});
