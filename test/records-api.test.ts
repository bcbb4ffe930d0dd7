import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("records API", (backend) => {
  let t: TestApp;
  let sp: TestUser;
  let police: TestUser;
  const future = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    sp = await createOrgWithUser(t.store, {
      orgId: "shelter",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    police = await createOrgWithUser(t.store, {
      orgId: "police",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(() => t.close());

  test("create a case, add a victim, read it back decrypted", async () => {
    const c = await call(t.app, "POST", "/api/v1/cases", sp.headers, { title: "Intake 1" });
    assert.equal(c.status, 201);
    const p = await call(t.app, "POST", `/api/v1/cases/${c.body.id}/persons`, sp.headers, {
      role: "victim",
      givenName: "Ana",
      familyName: "Doe",
      dateOfBirth: "1990-02-03",
      phone: "(202) 555-0143",
      email: "ana@example.org",
      citizenship: "foreign_national",
      immigrationStatus: "T visa pending",
      protected1367: true,
    });
    assert.equal(p.status, 201, p.raw);
    const got = await call(t.app, "GET", `/api/v1/persons/${p.body.id}`, sp.headers);
    assert.equal(got.status, 200);
    assert.equal(got.body.givenName, "Ana");
    assert.equal(got.body.immigrationStatus, "T visa pending");
    assert.equal(got.body.protected1367, true);
    const found = await call(t.app, "GET", "/api/v1/persons?phone=%2B12025550143", sp.headers);
    assert.equal(found.status, 200, found.raw);
    assert.deepEqual(
      found.body.persons.map((x: { id: string }) => x.id),
      [p.body.id],
    );
  });

  test("bad input answers 400 naming the field and writes nothing", async () => {
    const c = await call(t.app, "POST", "/api/v1/cases", sp.headers, { title: "Intake 2" });
    const before = await t.store.db
      .selectFrom("persons")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    for (const [body, field] of [
      [{ role: "boss" }, "role"],
      [{ role: "victim", dateOfBirth: "1990-02-30" }, "dateOfBirth"],
      [{ role: "victim", dateOfBirth: "2999-01-01" }, "dateOfBirth"],
      [{ role: "victim", email: "nope" }, "email"],
      [{ role: "victim", phone: "12" }, "phone"],
      [{ role: "victim", citizenship: "martian" }, "citizenship"],
    ] as const) {
      const r = await call(t.app, "POST", `/api/v1/cases/${c.body.id}/persons`, sp.headers, body);
      assert.equal(r.status, 400, `${field}: ${r.raw}`);
      assert.match(r.body.error.message, new RegExp(field));
    }
    const after = await t.store.db
      .selectFrom("persons")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test("out-of-scope case answers exactly like a missing one", async () => {
    const c = await call(t.app, "POST", "/api/v1/cases", sp.headers, { title: "Private" });
    const hidden = await call(t.app, "GET", `/api/v1/cases/${c.body.id}`, police.headers);
    const missing = await call(
      t.app,
      "GET",
      "/api/v1/cases/00000000-0000-4000-8000-000000000000",
      police.headers,
    );
    assert.equal(hidden.status, 404);
    assert.equal(hidden.raw, missing.raw);
    // The same work on both paths: the policy-filtered query finds nothing, and one denial is audited
    // alike, so neither the answer nor the audit trail tells them apart. (How long each takes, on both
    // stores: bench/enumeration-timing.bench.ts.)
    const lastAudit = () =>
      t.store.db
        .selectFrom("audit_events")
        .select(["seq", "action", "outcome", "target_type", "details"])
        .where("org_id", "=", police.orgId) // the caller's organization's chain
        .orderBy("seq", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
    const trail = [];
    for (const id of [c.body.id, "00000000-0000-4000-8000-000000000001"]) {
      const before = await lastAudit();
      await call(t.app, "GET", `/api/v1/cases/${id}`, police.headers);
      const after = await lastAudit();
      assert.equal(after.seq, before.seq + 1, "exactly one audit record per attempt");
      trail.push({ ...after, seq: undefined });
    }
    assert.deepEqual(trail[0], trail[1]);
    assert.equal(trail[0]?.outcome, "denied");
  });

  test("consent: identifying fields released only while active; revocation at once", async () => {
    const c = await call(t.app, "POST", "/api/v1/cases", sp.headers, { title: "Shared" });
    const p = await call(t.app, "POST", `/api/v1/cases/${c.body.id}/persons`, sp.headers, {
      role: "victim",
      givenName: "Maria",
    });
    assert.equal(
      (
        await call(t.app, "POST", `/api/v1/cases/${c.body.id}/shares`, sp.headers, {
          orgId: "police",
          access: "read",
        })
      ).status,
      201,
    );
    let seen = await call(t.app, "GET", `/api/v1/persons/${p.body.id}`, police.headers);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.givenName, undefined);
    assert.equal(seen.body.identityWithheld, true);
    const consent = await call(t.app, "POST", `/api/v1/persons/${p.body.id}/consents`, sp.headers, {
      recipientOrgId: "police",
      purpose: "law_enforcement_sharing",
      expiresAt: future(),
      signedBy: ["victim"],
    });
    assert.equal(consent.status, 201, consent.raw);
    seen = await call(t.app, "GET", `/api/v1/persons/${p.body.id}`, police.headers);
    assert.equal(seen.body.givenName, "Maria");
    const revoked = await call(t.app, "POST", `/api/v1/consents/${consent.body.id}/revoke`, sp.headers);
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.status, "revoked");
    seen = await call(t.app, "GET", `/api/v1/persons/${p.body.id}`, police.headers);
    assert.equal(seen.body.givenName, undefined);
  });
});
