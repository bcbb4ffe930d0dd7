import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ORG_TYPES, type OrgType, ROLES, type Role } from "../src/modules/auth/auth.context.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import {
  BASIC,
  CONSENT_READERS,
  expectedStatus,
  has,
  expectedPerson as oraclePerson,
  PURPOSE,
  type Relation,
} from "./support/policy-oracle.ts";
import { call, recordsEnv, seed } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

/*
 * The generated authorization matrix: every role set × organization type × relation to the record
 * (owner, shared write, shared read, none) × owner type (VAWA-gated service provider or not) ×
 * person kind (victim/witness, 1367 flag) × consent state × action, through the real HTTP API.
 * Expected decisions come from ./support/policy-oracle.ts, written independently of the policy code.
 */

type ConsentState = "none" | "active" | "wrong_purpose" | "expired" | "revoked" | "other_org";

const ROLE_SETS: Role[][] = [...ROLES.map((r) => [r]), ["analyst", "auditor"], ["intake", "investigator"]];

interface FixtureCase {
  id: string;
  relation: Relation;
  persons: FixturePerson[];
}
interface FixturePerson {
  id: string;
  caseId: string;
  relation: Relation;
  ownerType: OrgType;
  role: "victim" | "witness";
  protected1367: boolean;
  consentActive: boolean;
  values: Record<string, string>;
  consents: string[];
}
interface FixtureConsent {
  id: string;
  ownedByCaller: boolean;
}
interface Fixture {
  type: OrgType;
  users: TestUser[];
  cases: FixtureCase[];
  consents: FixtureConsent[];
}

const slug = (t: string) => t.replaceAll("_", "-");
const DAY = 86_400_000;

describeEachStore("authorization matrix", (backend) => {
  let t: TestApp;
  const fixtures: Fixture[] = [];
  /** Every canary value in the database → which person and field it belongs to. */
  const canaries = new Map<string, { personId: string; field: string }>();
  const tally = {
    cases: 0,
    wrongfulAllows: 0,
    wrongfulDenials: 0,
    leakedFields: 0,
    denials: 0,
    notFoundBodies: new Set<string>(),
  };

  async function seedPersons(
    fc: FixtureCase,
    ownerOrg: string,
    ownerType: OrgType,
    callerOrg: string,
    callerType: OrgType,
    otherOrg: string,
  ) {
    const states: ConsentState[] =
      fc.relation === "owner"
        ? ["none", "active", "expired", "revoked"]
        : ["none", "active", "wrong_purpose", "expired", "revoked", "other_org"];
    // The 1367 flag is crossed with the states where it can matter; the other states once.
    const variants: { role: "victim" | "witness"; state: ConsentState; flags: boolean[] }[] = [
      { role: "witness", state: "none", flags: [false, true] },
      ...states.map((state) => ({
        role: "victim" as const,
        state,
        flags: state === "none" || state === "active" ? [false, true] : [false],
      })),
    ];
    const consents: FixtureConsent[] = [];
    for (const v of variants) {
      for (const protected1367 of v.flags) {
        const p = await seed.person(t.store, { orgId: ownerOrg, caseId: fc.id, role: v.role, protected1367 });
        for (const [field, value] of Object.entries(p.values))
          if (value.toLowerCase().includes("canary"))
            canaries.set(value.toLowerCase().split("@")[0]!, { personId: p.id, field });
        const person: FixturePerson = {
          id: p.id,
          caseId: fc.id,
          relation: fc.relation,
          ownerType,
          role: v.role,
          protected1367,
          consentActive: false,
          values: p.values,
          consents: [],
        };
        if (v.state !== "none") {
          const toCaller = fc.relation !== "owner" && v.state !== "other_org";
          const wrong = Object.values(PURPOSE).find((x) => x !== PURPOSE[callerType])! as "statistics";
          const id = await seed.consent(t.store, {
            orgId: ownerOrg,
            caseId: fc.id,
            personId: p.id,
            recipientOrgId: toCaller ? callerOrg : otherOrg,
            purpose: (v.state === "wrong_purpose"
              ? wrong
              : toCaller
                ? PURPOSE[callerType]
                : "services_referral") as "statistics",
            expiresAt: new Date(Date.now() + (v.state === "expired" ? -DAY : 30 * DAY)),
            revoked: v.state === "revoked",
          });
          person.consentActive = toCaller && v.state === "active";
          person.consents.push(id);
          consents.push({ id, ownedByCaller: fc.relation === "owner" });
        }
        fc.persons.push(person);
      }
    }
    return consents;
  }

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    await seed.org(t.store, "sink", "hotline");
    for (const type of ORG_TYPES) {
      const callerOrg = `c-${slug(type)}`;
      const otherOrg = `x-${slug(type)}`;
      const users: TestUser[] = [];
      for (const roles of ROLE_SETS)
        users.push(await createOrgWithUser(t.store, { orgId: callerOrg, orgType: type, roles }));
      await seed.org(t.store, otherOrg, "hotline");
      const fixture: Fixture = { type, users, cases: [], consents: [] };
      const own: FixtureCase = { id: await seed.case(t.store, callerOrg), relation: "owner", persons: [] };
      fixture.consents.push(...(await seedPersons(own, callerOrg, type, callerOrg, type, otherOrg)));
      fixture.cases.push(own);
      for (const ownerType of ["service_provider", "law_enforcement"] as const) {
        const ownerOrg = `o-${slug(ownerType)}-${slug(type)}`;
        await seed.org(t.store, ownerOrg, ownerType);
        for (const relation of ["shared_write", "shared_read", "none"] as const) {
          const fc: FixtureCase = { id: await seed.case(t.store, ownerOrg), relation, persons: [] };
          if (relation !== "none")
            await seed.share(
              t.store,
              fc.id,
              ownerOrg,
              callerOrg,
              relation === "shared_write" ? "write" : "read",
            );
          fixture.consents.push(...(await seedPersons(fc, ownerOrg, ownerType, callerOrg, type, otherOrg)));
          fixture.cases.push(fc);
        }
      }
      fixtures.push(fixture);
    }
  });
  after(() => t.close());

  /** The exact JSON the caller must get for a person: keys and values. */
  const expectedPerson = (user: TestUser, type: OrgType, p: FixturePerson) =>
    oraclePerson(user.roles, type, p);

  /** Checks one person view: exact field set, exact values, and nothing else. */
  function checkPersonView(
    user: TestUser,
    type: OrgType,
    p: FixturePerson,
    got: Record<string, unknown>,
    where: string,
  ) {
    const expected = expectedPerson(user, type, p);
    const keys = Object.keys(got).sort();
    const want = [...BASIC, ...Object.keys(expected)].filter((k, i, a) => a.indexOf(k) === i).sort();
    if (keys.join() !== want.join()) {
      tally.leakedFields += keys.filter((k) => !want.includes(k)).length;
      assert.deepEqual(keys, want, `${where}: fields`);
    }
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(got[k], v, `${where}: ${k}`);
  }

  /** Every canary in a response must be one the caller may see; anything else is a leak. */
  function scanCanaries(raw: string, allowed: Set<string>, where: string) {
    for (const match of raw.toLowerCase().matchAll(/canary[a-z0-9]+/g)) {
      const owner = canaries.get(match[0]);
      if (!owner || !allowed.has(`${owner.personId}.${owner.field}`)) {
        tally.leakedFields++;
        assert.fail(`${where}: leaked ${owner ? owner.field : "an unknown canary"}`);
      }
    }
  }

  function allowedCanaries(user: TestUser, type: OrgType, persons: FixturePerson[]): Set<string> {
    const out = new Set<string>();
    for (const p of persons) {
      for (const [k, v] of Object.entries(expectedPerson(user, type, p)))
        if (typeof v === "string") out.add(`${p.id}.${k}`);
    }
    return out;
  }

  function decide(where: string, status: number, expected: number) {
    tally.cases++;
    if (status >= 400) tally.denials++;
    if (status === 404) tally.notFoundBodies.add("404");
    if (expected >= 400 && status < 400) tally.wrongfulAllows++;
    if (expected < 400 && status >= 400) tally.wrongfulDenials++;
    assert.equal(status, expected, where);
  }

  test("reads: cases, persons, consents; every field and canary checked", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    let missingBody: string | undefined;
    for (const f of fixtures) {
      for (const user of f.users) {
        const label = `${f.type}/${user.roles.join("+")}`;
        const list = await call(t.app, "GET", "/api/v1/cases?limit=200", user.headers);
        decide(`${label} list`, list.status, 200);
        const visible = f.cases
          .filter((c) => c.relation !== "none")
          .map((c) => c.id)
          .sort();
        assert.deepEqual(
          list.body.cases.map((c: { id: string }) => c.id).sort(),
          visible,
          `${label} list ids`,
        );
        for (const probe of ["/api/v1/cases/", "/api/v1/persons/"]) {
          const r = await call(t.app, "GET", `${probe}${missing}`, user.headers);
          decide(`${label} missing`, r.status, 404);
          missingBody ??= r.raw;
          assert.equal(r.raw, missingBody);
        }
        for (const c of f.cases) {
          const where = `${label} ${c.relation} case`;
          const r = await call(t.app, "GET", `/api/v1/cases/${c.id}`, user.headers);
          decide(`${where} read`, r.status, c.relation === "none" ? 404 : 200);
          if (r.status === 404) assert.equal(r.raw, missingBody, `${where}: 404 body like a missing case`);
          scanCanaries(r.raw, r.status === 200 ? allowedCanaries(user, f.type, c.persons) : new Set(), where);
          if (r.status === 200) {
            assert.deepEqual(
              r.body.persons.map((p: { id: string }) => p.id).sort(),
              c.persons.map((p) => p.id).sort(),
            );
            for (const pv of r.body.persons)
              checkPersonView(user, f.type, c.persons.find((p) => p.id === pv.id)!, pv, where);
          }
          for (const p of c.persons) {
            const pw = `${where} ${p.role}${p.protected1367 ? "/1367" : ""}${p.consentActive ? "/consent" : ""}`;
            const pr = await call(t.app, "GET", `/api/v1/persons/${p.id}`, user.headers);
            decide(`${pw} read`, pr.status, c.relation === "none" ? 404 : 200);
            scanCanaries(pr.raw, pr.status === 200 ? allowedCanaries(user, f.type, [p]) : new Set(), pw);
            if (pr.status === 200) checkPersonView(user, f.type, p, pr.body, pw);
            else assert.equal(pr.raw, missingBody, `${pw}: 404 body like a missing person`);
            const cl = await call(t.app, "GET", `/api/v1/persons/${p.id}/consents`, user.headers);
            decide(`${pw} consents`, cl.status, c.relation === "none" ? 404 : 200);
            if (cl.status === 200) {
              const mayRead = c.relation === "owner" && has(user.roles, CONSENT_READERS);
              assert.deepEqual(
                cl.body.consents.map((x: { id: string }) => x.id).sort(),
                mayRead ? [...p.consents].sort() : [],
                `${pw} consent list`,
              );
            }
          }
        }
      }
    }
  });

  test("writes: add person, share, record consent; denied writes change nothing", async () => {
    const count = async (table: "persons" | "case_shares" | "consents") =>
      Number(
        (
          await t.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      persons: await count("persons"),
      shares: await count("case_shares"),
      consents: await count("consents"),
    };
    const allowed = { persons: 0, consents: 0 };
    const sharedCases = new Set<string>();
    const future = new Date(Date.now() + 30 * DAY).toISOString();
    for (const f of fixtures) {
      for (const user of f.users) {
        const label = `${f.type}/${user.roles.join("+")}`;
        for (const c of f.cases) {
          const where = `${label} ${c.relation} case`;
          const r = await call(t.app, "POST", `/api/v1/cases/${c.id}/persons`, user.headers, {
            role: "other",
            citizenship: "unknown",
          });
          decide(`${where} add person`, r.status, expectedStatus.addPerson(user.roles, f.type, c.relation));
          if (r.status === 201) allowed.persons++;
          const s = await call(t.app, "POST", `/api/v1/cases/${c.id}/shares`, user.headers, {
            orgId: "sink",
            access: "read",
          });
          decide(`${where} share`, s.status, expectedStatus.share(user.roles, f.type, c.relation));
          if (s.status === 201) sharedCases.add(c.id);
          for (const p of c.persons.slice(0, 2)) {
            const body = {
              recipientOrgId: "sink",
              purpose: "statistics",
              expiresAt: future,
              signedBy: ["victim", "guardian"],
            };
            const cr = await call(t.app, "POST", `/api/v1/persons/${p.id}/consents`, user.headers, body);
            decide(
              `${where} record consent`,
              cr.status,
              expectedStatus.recordConsent(user.roles, f.type, c.relation),
            );
            if (cr.status === 201) allowed.consents++;
          }
        }
      }
    }
    // Shares to the same organization upsert: one row per case that was shared at all.
    assert.equal(await count("persons"), before.persons + allowed.persons);
    assert.equal(await count("case_shares"), before.shares + sharedCases.size);
    assert.equal(await count("consents"), before.consents + allowed.consents);
  });

  test("revocation: only the owning organization's advocates", async () => {
    for (const f of fixtures) {
      for (const user of f.users) {
        for (const consent of f.consents) {
          const r = await call(t.app, "POST", `/api/v1/consents/${consent.id}/revoke`, user.headers);
          decide(
            `${f.type}/${user.roles.join("+")} revoke`,
            r.status,
            expectedStatus.revoke(user.roles, f.type, consent.ownedByCaller),
          );
        }
      }
    }
  });

  test("figures: 0 wrongful allows, 0 leaked fields, every denial audited, no canary in the audit log", async () => {
    const denied = await t.store.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("outcome", "=", "denied")
      .executeTakeFirstOrThrow();
    const auditText = await t.store.db.selectFrom("audit_events").selectAll().execute();
    const dump = JSON.stringify(auditText).toLowerCase();
    const auditHits = [...canaries.keys()].filter((c) => dump.includes(c)).length;
    console.log(
      `# matrix[${backend.name}]: ${tally.cases} decisions, ${tally.wrongfulAllows} wrongful allows, ${tally.wrongfulDenials} wrongful denials, ` +
        `${tally.leakedFields} leaked fields, ${tally.denials} denials, ${Number(denied.n)} denied audit records, ${auditHits} canaries in audit`,
    );
    assert.ok(tally.cases > 5000, "thousands of cases");
    assert.equal(tally.wrongfulAllows, 0);
    assert.equal(tally.leakedFields, 0);
    assert.equal(Number(denied.n), tally.denials);
    assert.equal(auditHits, 0);
  });
});
