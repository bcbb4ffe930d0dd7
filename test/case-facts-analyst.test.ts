import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Caller } from "../src/modules/policy/access.ts";
import { statsExport } from "../src/modules/stats/stats.service.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, canary, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

/*
 * What an analyst gets of a case's facts recorded through the API: the HTCDS export carries every live
 * charge with its NIBRS code (and its adjudication and sentence), and the identifiers come without
 * their values, on every list, while the investigator who recorded them reads them.
 */

const analystCaller = (u: TestUser): Caller => ({
  auth: {
    kind: "user",
    userId: u.userId,
    orgId: u.orgId,
    orgType: "law_enforcement",
    roles: ["analyst"],
    via: "token",
    credentialId: "test",
  },
  meta: {},
});

describeEachStore("case facts as an analyst sees them", (backend) => {
  let t: TestApp;
  let investigator: TestUser;
  let analyst: TestUser;
  let caseId: string;
  let suspects: string[];
  const place = canary("PLACE");
  const email = `${canary("MAIL").toLowerCase()}@example.org`;
  const business = `${canary("BIZ")} Trucking LLC`;

  const post = async (url: string, body: object, who = investigator) => {
    const r = await call(t.app, "POST", url, who.headers, body);
    assert.equal(r.status, 201, r.raw);
    return r.body;
  };

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    investigator = await createOrgWithUser(t.store, {
      orgId: "cfa-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    analyst = await createOrgWithUser(t.store, {
      orgId: "cfa-pd",
      orgType: "law_enforcement",
      roles: ["analyst"],
    });
    caseId = (await post("/api/v1/cases", { title: "Trucking ring" })).id;
    suspects = [
      (await post(`/api/v1/cases/${caseId}/persons`, { role: "suspect", givenName: "Marco" })).id,
      (await post(`/api/v1/cases/${caseId}/persons`, { role: "suspect", givenName: "Lena" })).id,
    ];
    await post(`/api/v1/cases/${caseId}/events`, {
      kind: "exploitation",
      place,
      state: "TX",
      country: "US",
      startedOn: "2024-03-01",
    });
  });
  after(() => t.close());

  test("an HTCDS export of facts recorded through the API carries each charge's NIBRS code", async () => {
    const [marco, lena] = suspects as [string, string];
    const charges = [
      {
        personId: marco,
        statute: "18 U.S.C. 1591",
        nibrsCode: "64A",
        jurisdiction: "federal",
        filedOn: "2025-01-10",
      },
      { personId: marco, statute: "18 U.S.C. 1589", nibrsCode: "64B", jurisdiction: "federal" },
      { personId: lena, statute: "TX Penal Code 20A.02", nibrsCode: "64A", jurisdiction: "state" },
      { personId: lena, statute: "18 U.S.C. 1584", nibrsCode: "64B", jurisdiction: "federal" },
    ];
    const made: Array<{ id: string; nibrsCode: string; personId: string }> = [];
    for (const c of charges) made.push(await post(`/api/v1/cases/${caseId}/charges`, c));
    const adjudication = await post(`/api/v1/cases/${caseId}/adjudications`, {
      chargeId: made[0]!.id,
      outcome: "convicted",
      decidedOn: "2025-06-02",
    });
    await post(`/api/v1/cases/${caseId}/sentences`, {
      adjudicationId: adjudication.id,
      prisonMonths: 120,
      restitutionCents: 125_050,
      sentencedOn: "2025-07-01",
    });
    await post(`/api/v1/cases/${caseId}/arrests`, {
      personId: marco,
      arrestedOn: "2025-01-05",
      agencyType: "federal_le",
    });
    // Lena's federal charge is voided: it is no longer a charge, and leaves the export.
    const voided = await call(
      t.app,
      "POST",
      `/api/v1/charges/${made[3]!.id}/void`,
      { ...investigator.headers, "if-match": 'W/"1"' },
      { reason: "withdrawn" },
    );
    assert.equal(voided.status, 200, voided.raw);

    const out = await statsExport(t.store, analystCaller(analyst), "htcds", {});
    const htcds = out.htcds!;
    const byId = new Map(htcds.charges.map((c) => [c.chg_ID, c]));
    assert.deepEqual(
      [...byId.keys()].sort(),
      made
        .slice(0, 3)
        .map((c) => c.id)
        .sort(),
      "every live charge, and only those",
    );
    for (const c of made.slice(0, 3)) {
      const row = byId.get(c.id)!;
      assert.equal(row.chg_NIBRSCode, c.nibrsCode, `${c.id}'s NIBRS code`);
      assert.equal(row.chg_PersonID, c.personId);
    }
    assert.deepEqual(
      {
        statute: byId.get(made[0]!.id)!.chg_Statute,
        outcome: byId.get(made[0]!.id)!.chg_Outcome,
        prison: byId.get(made[0]!.id)!.chg_PrisonMonths,
        restitution: byId.get(made[0]!.id)!.chg_RestitutionCents,
      },
      { statute: "18 U.S.C. 1591", outcome: "convicted", prison: 120, restitution: 125_050 },
    );
    assert.equal(byId.get(made[1]!.id)!.chg_Outcome, null, "not adjudicated");
    const arrested = Object.fromEntries(htcds.perpetrator.map((p) => [p.per_PersonID, p.per_Arrested]));
    assert.deepEqual(arrested, { [marco]: 1, [lena]: 0 });
    const text = JSON.stringify(htcds);
    assert.ok(!text.includes(place) && !text.includes("Marco"), "codes only: no place, no name");
  });

  test("an analyst does not see identifier values; the investigator does", async () => {
    const [marco] = suspects as [string];
    const phone = await post(`/api/v1/cases/${caseId}/identifiers`, {
      kind: "phone",
      value: "(956) 555-0142",
      personId: marco,
    });
    assert.equal(phone.value, "+19565550142");
    const mail = await post(`/api/v1/cases/${caseId}/identifiers`, { kind: "email", value: email });
    const biz = await post(`/api/v1/cases/${caseId}/identifiers`, { kind: "business", value: business });
    const values = ["+19565550142", "9565550142", email, business];

    const mine = await call(t.app, "GET", `/api/v1/cases/${caseId}/identifiers`, investigator.headers);
    assert.equal(mine.status, 200, mine.raw);
    assert.deepEqual(
      mine.body.identifiers.map((i: { value: string; valueHidden: boolean }) => [i.value, i.valueHidden]),
      [
        ["+19565550142", false],
        [email, false],
        [business, false],
      ],
    );

    for (const query of ["", "?includeVoided=true"]) {
      const theirs = await call(t.app, "GET", `/api/v1/cases/${caseId}/identifiers${query}`, analyst.headers);
      assert.equal(theirs.status, 200, theirs.raw);
      assert.deepEqual(
        theirs.body.identifiers.map(
          (i: { id: string; kind: string; value: unknown; valueHidden: boolean }) => [
            i.id,
            i.kind,
            i.value,
            i.valueHidden,
          ],
        ),
        [
          [phone.id, "phone", null, true],
          [mail.id, "email", null, true],
          [biz.id, "business", null, true],
        ],
        "the kinds, never the values",
      );
      for (const v of values) assert.ok(!theirs.raw.includes(v), `the response carries no ${v}`);
    }

    // Nor can the analyst change one (and learn nothing by trying).
    const edit = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/identifiers/${mail.id}`,
      headers: { ...analyst.headers, "if-match": 'W/"1"' },
      payload: { value: "other@example.org" },
    });
    assert.ok([403, 404].includes(edit.statusCode), edit.body);
    assert.ok(!edit.body.includes(email));
    const still = await call(t.app, "GET", `/api/v1/cases/${caseId}/identifiers`, investigator.headers);
    assert.equal(still.body.identifiers[1].value, email, "unchanged");
  });
});
