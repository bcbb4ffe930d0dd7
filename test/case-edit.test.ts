import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("case edit, close, concurrency", (backend) => {
  let t: TestApp;
  let owner: TestUser;
  let reader: TestUser;
  let stranger: TestUser;
  const withVersion = (u: TestUser, v: number | string) => ({ ...u.headers, "if-match": `W/"${v}"` });
  const open = async (title = "Edit me") => {
    const c = await call(t.app, "POST", "/api/v1/cases", owner.headers, { title, narrative: "Long story" });
    assert.equal(c.status, 201, c.raw);
    return c.body.id as string;
  };

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    owner = await createOrgWithUser(t.store, {
      orgId: "ed-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    reader = await createOrgWithUser(t.store, {
      orgId: "ed-ngo",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    stranger = await createOrgWithUser(t.store, {
      orgId: "ed-x",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(() => t.close());

  test("edit the incident with If-Match: ETag, new version, timeline, the title and narrative read back", async () => {
    const id = await open();
    const got = await call(t.app, "GET", `/api/v1/cases/${id}`, owner.headers);
    assert.equal(got.status, 200);
    assert.equal(got.body.title, "Edit me");
    assert.equal(got.body.narrative, "Long story");
    assert.equal(got.body.version, 1);
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/cases/${id}`,
      headers: withVersion(owner, 1),
      payload: {
        title: "Renamed",
        traffickingType: "labor",
        confirmation: "confirmed",
        leadAgencyType: "local_le",
        investigationStartedOn: "2026-01-15",
        incidentState: "TX",
        facts: { victim: { age: 16, citizenship: "foreign_national" } },
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, 'W/"2"');
    const body = res.json();
    assert.equal(body.title, "Renamed");
    assert.equal(body.narrative, "Long story", "untouched sealed field kept");
    assert.equal(body.traffickingType, "labor");
    assert.equal(body.incidentState, "TX");
    assert.equal(body.investigationStartedOn, "2026-01-15");
    const tl = await call(t.app, "GET", `/api/v1/cases/${id}/timeline`, owner.headers);
    assert.deepEqual(
      tl.body.entries.map((e: { kind: string }) => e.kind),
      ["case.updated", "case.created"],
    );
    assert.doesNotMatch(JSON.stringify(tl.body), /Renamed/, "no free text on the timeline");
  });

  test("close with a reason, reopen; no If-Match is 428; stale is 412 with the current version", async () => {
    const id = await open();
    const none = await call(t.app, "POST", `/api/v1/cases/${id}/close`, owner.headers, {
      reason: "resolved",
    });
    assert.equal(none.status, 428);
    const closed = await call(t.app, "POST", `/api/v1/cases/${id}/close`, withVersion(owner, 1), {
      reason: "resolved",
    });
    assert.equal(closed.status, 200, closed.raw);
    assert.equal(closed.body.status, "closed");
    assert.equal(closed.body.closeReason, "resolved");
    assert.ok(closed.body.closedAt);
    const stale = await call(t.app, "POST", `/api/v1/cases/${id}/reopen`, withVersion(owner, 1));
    assert.equal(stale.status, 412);
    assert.match(stale.body.error.message, /version 2/);
    const again = await call(t.app, "POST", `/api/v1/cases/${id}/close`, withVersion(owner, 2), {
      reason: "resolved",
    });
    assert.equal(again.status, 409);
    const reopened = await call(t.app, "POST", `/api/v1/cases/${id}/reopen`, withVersion(owner, 2));
    assert.equal(reopened.status, 200, reopened.raw);
    assert.equal(reopened.body.status, "open");
    assert.equal(reopened.body.closeReason, null);
  });

  test("bad input: 400 naming the field, nothing changed", async () => {
    const id = await open();
    for (const [body, field] of [
      [{ traffickingType: "x" }, "traffickingType"],
      [{ investigationStartedOn: "2999-01-01" }, "investigationStartedOn"],
      [{ investigationStartedOn: "2026-02-30" }, "investigationStartedOn"],
      [{ incidentState: "ZZ" }, "incidentState"],
      [{ narrative: "x".repeat(20_001) }, "narrative"],
      [{ color: "red" }, "color"],
      [{ facts: { victim: { age: "old" } } }, "facts"],
    ] as const) {
      const r = await call(t.app, "PATCH", `/api/v1/cases/${id}`, withVersion(owner, 1), body);
      assert.equal(r.status, 400, `${field}: ${r.raw}`);
      assert.match(r.body.error.message, new RegExp(field));
    }
    const bad = await call(t.app, "POST", `/api/v1/cases/${id}/close`, withVersion(owner, 1), {
      reason: "bored",
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /reason/);
    const got = await call(t.app, "GET", `/api/v1/cases/${id}`, owner.headers);
    assert.equal(got.body.version, 1);
    assert.equal(got.body.traffickingType, "unknown");
  });

  test("N concurrent PATCHes from one version: exactly one 200, the rest 412, the winner's change kept", async () => {
    const id = await open();
    const n = 8;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        call(t.app, "PATCH", `/api/v1/cases/${id}`, withVersion(owner, 1), { title: `Writer ${i}` }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, results.map((r) => r.status).join(","));
    assert.equal(results.filter((r) => r.status === 412).length, n - 1);
    const got = await call(t.app, "GET", `/api/v1/cases/${id}`, owner.headers);
    assert.equal(got.body.version, 2);
    assert.equal(got.body.title, ok[0]!.body.title);
    // Each loser re-reads and reapplies: all land, one after another, none lost.
    let version = 2;
    for (let i = 0; i < 3; i++) {
      const r = await call(t.app, "PATCH", `/api/v1/cases/${id}`, withVersion(owner, version), {
        confirmation: i % 2 ? "open" : "confirmed",
      });
      assert.equal(r.status, 200);
      version = r.body.version;
    }
    assert.equal(version, 5);
  });

  test("idempotent retry of a create makes one case", async () => {
    const headers = { ...owner.headers, "idempotency-key": "edit-create-1" };
    const a = await call(t.app, "POST", "/api/v1/cases", headers, { title: "Once" });
    const b = await call(t.app, "POST", "/api/v1/cases", headers, { title: "Once" });
    assert.equal(a.status, 201);
    assert.equal(b.body.id, a.body.id);
  });

  test("policy: shared_read cannot edit (403); another organization gets 404", async () => {
    const id = await open();
    const share = await call(t.app, "POST", `/api/v1/cases/${id}/shares`, owner.headers, {
      orgId: "ed-ngo",
      access: "read",
    });
    assert.equal(share.status, 201);
    const seen = await call(t.app, "GET", `/api/v1/cases/${id}`, reader.headers);
    assert.equal(seen.body.permissions.update, false);
    const r = await call(t.app, "PATCH", `/api/v1/cases/${id}`, withVersion(reader, 1), { title: "Mine" });
    assert.equal(r.status, 403);
    const x = await call(t.app, "PATCH", `/api/v1/cases/${id}`, withVersion(stranger, 1), { title: "Mine" });
    assert.equal(x.status, 404);
    const c = await call(t.app, "POST", `/api/v1/cases/${id}/close`, withVersion(stranger, 1), {
      reason: "other",
    });
    assert.equal(c.status, 404);
    const got = await call(t.app, "GET", `/api/v1/cases/${id}`, owner.headers);
    assert.equal(got.body.title, "Edit me");
  });
});
