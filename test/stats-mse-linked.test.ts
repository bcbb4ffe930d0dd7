import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AuthContext } from "../src/modules/auth/auth.context.ts";
import { createCase, shareCase } from "../src/modules/cases/cases.service.ts";
import { addPerson } from "../src/modules/persons/persons.service.ts";
import type { Caller } from "../src/modules/policy/access.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const GIVEN = [
  "Ana",
  "Bruno",
  "Carla",
  "Diego",
  "Elena",
  "Fabio",
  "Gina",
  "Hugo",
  "Ines",
  "Jorge",
  "Karla",
  "Luis",
  "Marta",
  "Nico",
  "Olga",
  "Pablo",
  "Rosa",
  "Saul",
  "Tania",
  "Ulises",
];
const FAMILY = [
  "Alvarez",
  "Benitez",
  "Cortes",
  "Dominguez",
  "Escobar",
  "Fuentes",
  "Guzman",
  "Herrera",
  "Ibarra",
  "Jimenez",
  "Lozano",
  "Medina",
  "Navarro",
  "Ortega",
  "Pineda",
  "Quintero",
  "Robles",
  "Salazar",
  "Trujillo",
  "Valdez",
];
/** Person k: a name and date of birth no other k shares. */
const identity = (k: number) => ({
  givenName: GIVEN[k % 20]!,
  familyName: FAMILY[Math.floor(k / 20) % 20]!,
  dateOfBirth: `${1960 + (k % 37)}-${String(1 + (k % 12)).padStart(2, "0")}-${String(1 + (k % 27)).padStart(2, "0")}`,
});

/** Capture histories over (la, lb, lc) and how many people have each. */
const TRUTH: Array<[string, number]> = [
  ["111", 3],
  ["110", 12],
  ["101", 4],
  ["011", 2],
  ["100", 11],
  ["010", 3],
  ["001", 5],
];

const callerOf = (u: TestUser, orgType: AuthContext["orgType"], roles: AuthContext["roles"]): Caller => ({
  auth: {
    kind: "user",
    userId: u.userId,
    orgId: u.orgId,
    orgType,
    roles,
    via: "token",
    credentialId: "test",
  },
  meta: {},
});

describeEachStore("MSE on the organization's linked victim records", (backend) => {
  let t: TestApp;
  let analyst: TestUser;
  const names: string[] = [];
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    analyst = await createOrgWithUser(t.store, {
      orgId: "ml-a",
      orgType: "law_enforcement",
      roles: ["analyst"],
    });
    const a = callerOf(
      await createOrgWithUser(t.store, {
        orgId: "ml-a",
        orgType: "law_enforcement",
        roles: ["investigator"],
      }),
      "law_enforcement",
      ["investigator"],
    );
    const b = callerOf(
      await createOrgWithUser(t.store, { orgId: "ml-b", orgType: "government", roles: ["investigator"] }),
      "government",
      ["investigator"],
    );
    const c = callerOf(
      await createOrgWithUser(t.store, { orgId: "ml-c", orgType: "government", roles: ["investigator"] }),
      "government",
      ["investigator"],
    );
    // One case per organization; B's and C's are shared with A (a shared case is one record, its owner's).
    const caseOf = async (who: Caller, share: boolean) => {
      const { id } = await createCase(t.store, who, { title: "Labor case", traffickingType: "labor" });
      if (share) await shareCase(t.store, who, id, { orgId: "ml-a", access: "read" });
      return id;
    };
    const cases = [await caseOf(a, false), await caseOf(b, true), await caseOf(c, true)];
    const hidden = await caseOf(b, false);
    const holders = [a, b, c];
    let k = 0;
    for (const [history, count] of TRUTH)
      for (let n = 0; n < count; n++, k++) {
        const who = identity(k);
        names.push(who.familyName);
        for (let list = 0; list < 3; list++)
          if (history[list] === "1")
            await addPerson(t.store, holders[list]!, cases[list]!, {
              role: "victim",
              // Each organization types the name its own way.
              ...who,
              givenName: list === 1 ? who.givenName.toUpperCase() : who.givenName,
              sex: "female",
              citizenship: "unknown",
              protected1367: false,
            });
      }
    // Victims A may not see, and a suspect, are not on any list.
    await addPerson(t.store, b, hidden, {
      role: "victim",
      ...identity(500),
      citizenship: "unknown",
      protected1367: false,
    });
    await addPerson(t.store, a, cases[0]!, {
      role: "suspect",
      ...identity(501),
      citizenship: "unknown",
      protected1367: false,
    });
  });
  after(() => t.close());

  test("by organization: each linked person's holders are its capture history; small counts withheld", async () => {
    const r = await call(t.app, "POST", "/api/v1/stats/mse", analyst.headers, {
      source: "records",
      by: "org",
      model: "independence",
      threshold: 3,
    });
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.lists, ["ml-a", "ml-b", "ml-c"]);
    const shown = Object.fromEntries(
      r.body.histories.map((h: { on: number[]; count: number | null }) => [h.on.join(""), h.count]),
    );
    assert.deepEqual(shown, { "111": 3, "110": 12, "101": 4, "011": null, "100": 11, "010": 3, "001": 5 });
    assert.ok(r.body.estimate >= 40 && r.body.ci95[0] <= r.body.estimate);
    assert.deepEqual(Object.keys(r.body).sort(), [
      "by",
      "ci95",
      "estimate",
      "histories",
      "interval",
      "lists",
      "model",
      "source",
      "threshold",
      "warnings",
    ]);
    // The model's terms and the warnings (their figures: cells and ratios, never a person count).
    assert.deepEqual(r.body.model.terms, ["ml-a", "ml-b", "ml-c"]);
    for (const w of r.body.warnings) assert.ok(typeof w.code === "string" && typeof w.message === "string");
    for (const name of names) assert.ok(!r.raw.includes(name), "no name in the response");
    const audits = await t.store.db
      .selectFrom("audit_events")
      .select(["details"])
      .where("action", "=", "stats.mse")
      .where("actor_user_id", "=", analyst.userId)
      .execute();
    assert.equal(audits.length, 1);
    assert.match(JSON.stringify(audits[0]!.details), /"records":64/);
    for (const name of names) assert.ok(!JSON.stringify(audits).includes(name), "no name in the audit");
    // The default threshold (11) withholds more.
    const strict = await call(t.app, "POST", "/api/v1/stats/mse", analyst.headers, {
      source: "records",
      model: "independence",
    });
    assert.equal(strict.status, 200, strict.raw);
    const strictShown = strict.body.histories.filter((h: { count: number | null }) => h.count !== null);
    assert.deepEqual(strictShown.map((h: { on: number[] }) => h.on.join("")).sort(), ["100", "110"]);
  });

  test("by organization type: the two government organizations are one list", async () => {
    const r = await call(t.app, "POST", "/api/v1/stats/mse", analyst.headers, {
      source: "records",
      by: "orgType",
      model: "independence",
      threshold: 3,
    });
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.lists, ["government", "law_enforcement"]);
    const shown = Object.fromEntries(
      r.body.histories.map((h: { on: number[]; count: number | null }) => [h.on.join(""), h.count]),
    );
    assert.deepEqual(shown, { "11": 19, "10": 10, "01": 11 });
  });

  test("the body-table mode still works; a bad mode is a 400", async () => {
    const table = await call(t.app, "POST", "/api/v1/stats/mse", analyst.headers, {
      lists: ["a", "b"],
      histories: [
        { on: [1, 0], count: 40 },
        { on: [0, 1], count: 30 },
        { on: [1, 1], count: 10 },
      ],
      model: "independence",
    });
    assert.equal(table.status, 200, table.raw);
    assert.equal(table.body.observed, 80);
    const bad = await call(t.app, "POST", "/api/v1/stats/mse", analyst.headers, {
      source: "records",
      by: "county",
    });
    assert.equal(bad.status, 400);
  });
});
