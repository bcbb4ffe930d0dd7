import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("case timeline", (backend) => {
  let t: TestApp;
  let owner: TestUser;
  let partner: TestUser;
  let stranger: TestUser;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    owner = await createOrgWithUser(t.store, {
      orgId: "tl-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    partner = await createOrgWithUser(t.store, {
      orgId: "tl-ngo",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    stranger = await createOrgWithUser(t.store, {
      orgId: "tl-other",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(() => t.close());

  test("opening and sharing a case appear on its timeline, newest first, for whoever may read the case", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: owner.headers,
      payload: { title: "Timeline" },
    });
    const id = created.json().id as string;
    const share = await t.app.inject({
      method: "POST",
      url: `/api/v1/cases/${id}/shares`,
      headers: owner.headers,
      payload: { orgId: "tl-ngo", access: "read" },
    });
    assert.equal(share.statusCode, 201, share.body);
    for (const reader of [owner, partner]) {
      const r = await t.app.inject({
        method: "GET",
        url: `/api/v1/cases/${id}/timeline`,
        headers: reader.headers,
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(
        r.json().entries.map((e: { kind: string }) => e.kind),
        ["case.shared", "case.created"],
      );
      assert.equal(r.json().entries[1].actorUserId, owner.userId);
    }
    const hidden = await t.app.inject({
      method: "GET",
      url: `/api/v1/cases/${id}/timeline`,
      headers: stranger.headers,
    });
    assert.equal(hidden.statusCode, 404, "out of scope looks like missing");
  });
});
