import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AuthContext, OrgType, Role } from "../src/modules/auth/auth.context.ts";
import { demoCases } from "../src/modules/cases/cases.demo.ts";
import type { DemoContext } from "../src/modules/demo/demo.context.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { storeBackends } from "./support/stores.ts";

const backend = storeBackends()[0]!;
let t: TestApp;
before(async () => {
  t = await startTestApp(backend, recordsEnv());
});
after(() => t.close());

test("demoCases: synthetic cases with a foreign national minor and an H-2A worker, readable through the API", async () => {
  const made: Record<string, { auth: AuthContext; headers: { authorization: string } }> = {};
  const mk = async (key: string, orgId: string, orgType: OrgType, roles: Role[]) => {
    const u = await createOrgWithUser(t.store, { orgId, orgType, roles });
    made[key] = {
      headers: u.headers,
      auth: { kind: "user", userId: u.userId, orgId, orgType, roles, via: "token", credentialId: "demo" },
    };
  };
  await mk("investigator", "demo-tf", "law_enforcement", ["investigator"]);
  await mk("providerAdvocate", "demo-sp", "service_provider", ["advocate"]);
  const ctx = {
    store: t.store,
    users: { investigator: made.investigator!.auth, providerAdvocate: made.providerAdvocate!.auth },
    caseIds: [],
    personIds: [],
    tipIds: [],
    now: new Date(),
  } as unknown as DemoContext;
  await demoCases(ctx);
  assert.equal(ctx.caseIds.length, 3);
  assert.equal(ctx.personIds.length, 6);
  const minorCase = await call(t.app, "GET", `/api/v1/cases/${ctx.caseIds[0]}`, made.investigator!.headers);
  assert.equal(minorCase.status, 200);
  assert.match(minorCase.body.title, /^DEMO — /);
  const minor = minorCase.body.persons.find((p: { role: string }) => p.role === "victim");
  assert.equal(minor.ageAtExploitation, 16);
  assert.equal(minor.citizenshipCountry, "HN");
  const labor = await call(t.app, "GET", `/api/v1/cases/${ctx.caseIds[1]}`, made.providerAdvocate!.headers);
  assert.equal(labor.body.persons.find((p: { role: string }) => p.role === "victim").visaCategory, "H-2A");
});
