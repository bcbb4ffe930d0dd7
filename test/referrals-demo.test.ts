import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AuthContext, OrgType, Role } from "../src/modules/auth/auth.context.ts";
import { demoReferrals } from "../src/modules/referrals/referrals.demo.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("referrals demo", (backend) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
  });
  after(() => t.close());

  test("demoReferrals: one consented referral accepted by the service provider, one pending to legal aid", async () => {
    const make = async (orgId: string, orgType: OrgType, roles: Role[]) => {
      const u = await createOrgWithUser(t.store, { orgId, orgType, roles });
      const auth: AuthContext = {
        kind: "user",
        userId: u.userId,
        orgId,
        orgType,
        roles,
        via: "token",
        credentialId: "demo",
      };
      return { u, auth };
    };
    const inv = await make("demo-tf", "law_enforcement", ["investigator"]);
    const adv = await make("demo-tf", "law_enforcement", ["advocate"]);
    const intake = await make("demo-tf", "law_enforcement", ["intake"]);
    const prov = await make("demo-sp", "service_provider", ["advocate"]);
    const legal = await make("demo-legal", "service_provider", ["intake"]);
    const hot = await make("demo-hot", "hotline", ["intake"]);
    const caseIds: string[] = [];
    const personIds: string[] = [];
    for (const title of ["DEMO — case one", "DEMO — case two"]) {
      const c = await call(t.app, "POST", "/api/v1/cases", inv.u.headers, { title });
      caseIds.push(c.body.id);
      const p = await call(t.app, "POST", `/api/v1/cases/${c.body.id}/persons`, inv.u.headers, {
        role: "victim",
        givenName: "Demo",
        phone: "+1 202 555 0142",
      });
      personIds.push(p.body.id);
    }
    await demoReferrals({
      store: t.store,
      orgs: { taskForce: "demo-tf", serviceProvider: "demo-sp", hotline: "demo-hot", legalAid: "demo-legal" },
      users: {
        intake: intake.auth,
        investigator: inv.auth,
        advocate: adv.auth,
        prosecutor: inv.auth,
        analyst: inv.auth,
        hotline: hot.auth,
        providerAdvocate: prov.auth,
        admin: inv.auth,
        providerAdmin: prov.auth,
        legalAdvocate: prov.auth,
      },
      caseIds,
      personIds,
      tipIds: [],
      now: new Date(),
    });
    const out = await call(t.app, "GET", "/api/v1/referrals?direction=outgoing", inv.u.headers);
    const byPurpose = Object.fromEntries(out.body.referrals.map((r: { purpose: string }) => [r.purpose, r]));
    assert.equal(byPurpose.shelter.status, "accepted");
    assert.equal(byPurpose.shelter.identified, true);
    assert.equal(byPurpose.legal.status, "sent");
    const seen = await call(t.app, "GET", `/api/v1/cases/${caseIds[0]}`, prov.u.headers);
    assert.equal(seen.body.persons[0].givenName, "Demo");
    const pending = await call(t.app, "GET", "/api/v1/referrals?direction=incoming", legal.u.headers);
    assert.equal(pending.body.referrals.length, 1);
  });
});
