import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("person attributes and edit", (backend) => {
  let t: TestApp;
  let sp: TestUser;
  let police: TestUser;
  let analyst: TestUser;
  const v = (u: TestUser, n: number) => ({ ...u.headers, "if-match": `W/"${n}"` });

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    sp = await createOrgWithUser(t.store, {
      orgId: "pe-ngo",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    police = await createOrgWithUser(t.store, {
      orgId: "pe-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    analyst = await createOrgWithUser(t.store, {
      orgId: "pe-ngo",
      orgType: "service_provider",
      roles: ["analyst"],
    });
  });
  after(() => t.close());

  async function victim(protected1367: boolean) {
    const c = await call(t.app, "POST", "/api/v1/cases", sp.headers, { title: "Attributes" });
    const p = await call(t.app, "POST", `/api/v1/cases/${c.body.id}/persons`, sp.headers, {
      role: "victim",
      givenName: "Rosa",
      sex: "female",
      ageAtExploitation: 16,
      citizenship: "foreign_national",
      citizenshipCountry: "HN",
      visaCategory: "none",
      meansOfControl: ["debt_bondage", "withholds_documents"],
      exploitationTypes: ["forced_labour"],
      industry: "agriculture",
      recruitment: "job_offer",
      protected1367,
    });
    assert.equal(p.status, 201, p.raw);
    return { caseId: c.body.id as string, personId: p.body.id as string };
  }

  test("CTDC/HTCDS attributes stored and edited with If-Match; stale 412; analysts see codes, not identity", async () => {
    const { personId } = await victim(false);
    const got = await call(t.app, "GET", `/api/v1/persons/${personId}`, sp.headers);
    assert.equal(got.body.ageAtExploitation, 16);
    assert.equal(got.body.citizenshipCountry, "HN");
    assert.equal(got.body.visaCategory, "none");
    assert.deepEqual(got.body.meansOfControl, ["debt_bondage", "withholds_documents"]);
    const edit = await call(t.app, "PATCH", `/api/v1/persons/${personId}`, v(sp, 1), {
      visaCategory: "H-2A",
      givenName: "Rosa Maria",
      role: "victim",
    });
    assert.equal(edit.status, 200, edit.raw);
    assert.equal(edit.body.version, 2);
    assert.equal(edit.body.givenName, "Rosa Maria");
    assert.equal(edit.body.visaCategory, "H-2A");
    const stale = await call(t.app, "PATCH", `/api/v1/persons/${personId}`, v(sp, 1), { sex: "male" });
    assert.equal(stale.status, 412);
    const none = await call(t.app, "PATCH", `/api/v1/persons/${personId}`, sp.headers, { sex: "male" });
    assert.equal(none.status, 428);
    const a = await call(t.app, "GET", `/api/v1/persons/${personId}`, analyst.headers);
    assert.equal(a.body.ageAtExploitation, 16);
    assert.equal(a.body.givenName, undefined);
    assert.equal(a.body.visaCategory, undefined, "immigration group hidden from analysts");
  });

  test("bad attributes: 400 naming the field, nothing changed", async () => {
    const { personId } = await victim(false);
    for (const [body, field] of [
      [{ ageAtExploitation: 121 }, "ageAtExploitation"],
      [{ ageAtExploitation: -1 }, "ageAtExploitation"],
      [{ citizenshipCountry: "XX" }, "citizenshipCountry"],
      [{ visaCategory: "T-1" }, "visaCategory"],
      [{ meansOfControl: ["magic"] }, "meansOfControl"],
      [{ industry: "mining" }, "industry"],
      [{ dateOfBirth: "2999-01-01" }, "dateOfBirth"],
      [{ nickname: "x" }, "nickname"],
    ] as const) {
      const r = await call(t.app, "PATCH", `/api/v1/persons/${personId}`, v(sp, 1), body);
      assert.equal(r.status, 400, `${field}: ${r.raw}`);
      assert.match(r.body.error.message, new RegExp(field));
    }
    const got = await call(t.app, "GET", `/api/v1/persons/${personId}`, sp.headers);
    assert.equal(got.body.version, 1);
  });

  test("1367: a law-enforcement partner sees no visa category of a protected victim and writes none", async () => {
    const { caseId, personId } = await victim(true);
    const share = await call(t.app, "POST", `/api/v1/cases/${caseId}/shares`, sp.headers, {
      orgId: "pe-pd",
      access: "write",
    });
    assert.equal(share.status, 201, share.raw);
    await call(t.app, "POST", `/api/v1/cases/${caseId}/persons`, sp.headers, { role: "suspect" });
    const kase = await call(t.app, "GET", `/api/v1/cases/${caseId}`, police.headers);
    const seen = kase.body.persons.find((p: { id: string }) => p.id === personId);
    assert.ok(seen);
    assert.equal(seen.ageAtExploitation, 16, "codes are not identifying");
    assert.ok(seen.visaCategory === undefined || seen.visaCategory === null);
    const w = await call(t.app, "PATCH", `/api/v1/persons/${personId}`, v(police, 1), {
      visaCategory: "T-1" as never,
    });
    assert.equal(w.status, 400);
    const w2 = await call(t.app, "PATCH", `/api/v1/persons/${personId}`, v(police, 1), {
      visaCategory: "none",
    });
    assert.ok(w2.status === 403 || w2.status === 404, w2.raw);
  });
});
