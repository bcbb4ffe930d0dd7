import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parse } from "csv-parse/sync";
import type { AuthContext } from "../src/modules/auth/auth.context.ts";
import type { Caller } from "../src/modules/policy/access.ts";
import { exportCsv } from "../src/modules/stats/stats.formats.ts";
import { statsExport } from "../src/modules/stats/stats.service.ts";
import { QUASI_IDENTIFIERS } from "../src/stats/exports/ctdc-row.ts";
import { classKey } from "../src/stats/exports/k-anonymity.ts";
import { benchmarkTable, within } from "./mse-helpers.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

/**
 * The exports and the capture-table estimate from the API, on the real store: CTDC k-anonymous (k ≥ 11)
 * and the same as the CLI writes, HTCDS with a NIBRS code on every charge, formula-safe CSV, analysts
 * only; the published UK 2013 table through POST /stats/mse.
 */

const testCaller = (u: TestUser, orgType: AuthContext["orgType"], roles: AuthContext["roles"]): Caller => ({
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

/**
 * Statutes a spreadsheet would take for formulas if they reached a cell unescaped. A statute is letters,
 * digits, spaces and . § ( ) / - (checked by the API and the table), so "-" is the one such start that
 * can be stored; = + @ are refused at the door (asserted below).
 */
const FORMULAS = ["-1 Tex. Penal Code 20A.02", "- (a) 20A.03", "-2-3"];
const REFUSED = ['=HYPERLINK("http://x.test")', "+1+cmd", "@SUM(A1)"];

describeEachStore("stats exports API", (backend) => {
  let t: TestApp;
  let analyst: TestUser;
  let investigator: TestUser;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    analyst = await createOrgWithUser(t.store, {
      orgId: "sx-pd",
      orgType: "law_enforcement",
      roles: ["analyst"],
    });
    investigator = await createOrgWithUser(t.store, {
      orgId: "sx-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    const post = async (url: string, body: unknown) => {
      const r = await call(t.app, "POST", url, investigator.headers, body);
      assert.equal(r.status, 201, r.raw);
      return r.body;
    };
    const labor = await post("/api/v1/cases", {
      title: "Farm case",
      traffickingType: "labor",
      incidentState: "TX",
    });
    const sex = await post("/api/v1/cases", {
      title: "Motel case",
      traffickingType: "sex",
      incidentState: "CA",
    });
    // Two groups of 12 alike, and three who are each unlike anyone (generalized or left out).
    const victim = (caseId: string, extra: Record<string, unknown>) =>
      post(`/api/v1/cases/${caseId}/persons`, { role: "victim", citizenship: "foreign_national", ...extra });
    for (let i = 0; i < 12; i++) {
      await victim(labor.id, {
        sex: "male",
        ageAtExploitation: 30,
        citizenshipCountry: "GT",
        industry: "agriculture",
      });
      await victim(sex.id, { sex: "female", ageAtExploitation: 17, citizenshipCountry: "MX" });
    }
    await victim(labor.id, { sex: "female", ageAtExploitation: 61, citizenshipCountry: "PH" });
    await victim(sex.id, { sex: "male", ageAtExploitation: 44, citizenshipCountry: "NG" });
    await victim(sex.id, { sex: "other", ageAtExploitation: 9, citizenshipCountry: "RO" });
    const suspect = await post(`/api/v1/cases/${sex.id}/persons`, { role: "suspect", sex: "male" });
    await post(`/api/v1/cases/${sex.id}/charges`, {
      personId: suspect.id,
      statute: "18 U.S.C. § 1591(a)",
      nibrsCode: "64A",
      jurisdiction: "federal",
      filedOn: "2024-06-01",
    });
    for (const statute of FORMULAS)
      await post(`/api/v1/cases/${sex.id}/charges`, {
        personId: suspect.id,
        statute,
        nibrsCode: "64B",
        jurisdiction: "state",
        filedOn: "2024-06-02",
      });
  });
  after(() => t.close());

  const get = (url: string, who: TestUser) => t.app.inject({ method: "GET", url, headers: who.headers });

  test("CTDC via the API is k-anonymous (k ≥ 11), reports what it did, and is what the CLI writes", async () => {
    const json = await call(t.app, "GET", "/api/v1/stats/exports/ctdc", analyst.headers);
    assert.equal(json.status, 200, json.raw);
    const { rows, report, columns } = json.body;
    assert.equal(report.k, 11);
    assert.equal(report.rowsIn, 27);
    assert.equal(report.rowsOut + report.suppressedRows, 27);
    // Three of 27 unlike anyone is more than the 5% that may be left out: the rows are generalized
    // until only two remain alone (a woman of 61, a child of 9 of another sex), and those two are left out.
    assert.ok(report.level > 0 && report.generalized.length > 0, "what was generalized is said");
    assert.equal(report.suppressedRows, 2);
    for (const r of rows) assert.ok(!["PH", "NG", "RO"].includes(r.citizenship));
    assert.equal(rows.length, report.rowsOut);
    assert.ok(report.smallestClass >= 11);
    const sizes = new Map<string, number>();
    for (const r of rows) sizes.set(classKey(r), (sizes.get(classKey(r)) ?? 0) + 1);
    for (const [key, n] of sizes) assert.ok(n >= 11, `class ${key} has ${n} rows`);
    for (const q of QUASI_IDENTIFIERS) assert.ok(columns.includes(q));

    const csv = await get("/api/v1/stats/exports/ctdc?format=csv", analyst);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers["content-type"]), /^text\/csv/);
    assert.equal(csv.headers["content-disposition"], 'attachment; filename="harbor-export-ctdc.csv"');
    assert.deepEqual(JSON.parse(String(csv.headers["x-harbor-k-anonymity"])), report);
    const parsed = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    assert.equal(parsed.length, rows.length);
    // The CLI (`harbor export ctdc --format csv`) writes exportCsv of the same service call.
    const cli = await statsExport(
      t.store,
      testCaller(analyst, "law_enforcement", ["analyst"]),
      "ctdc",
      {},
      "csv",
    );
    assert.equal(csv.body, exportCsv({ kind: "ctdc", ctdc: cli.ctdc! }));

    const audits = await t.store.db
      .selectFrom("audit_events")
      .select(["details"])
      .where("action", "=", "stats.export_ctdc")
      .where("actor_user_id", "=", analyst.userId)
      .execute();
    assert.deepEqual(
      audits.map((a) => (a.details as { format: string }).format),
      ["json", "csv", "csv"],
    );
  });

  test("HTCDS: every charge has its NIBRS code; CSV cells starting with = + - @ are neutralized", async () => {
    const json = await call(t.app, "GET", "/api/v1/stats/exports/htcds", analyst.headers);
    assert.equal(json.status, 200, json.raw);
    assert.equal(json.body.charges.length, 4);
    for (const c of json.body.charges) assert.match(c.chg_NIBRSCode, /^(64A|64B)$/);
    assert.equal(json.body.case.length, 2);

    const charges = await get("/api/v1/stats/exports/htcds?format=csv&table=charges", analyst);
    assert.equal(charges.statusCode, 200, charges.body);
    assert.equal(
      charges.headers["content-disposition"],
      'attachment; filename="harbor-export-htcds-charges.csv"',
    );
    const rows = parse(charges.body, { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.length, 4);
    for (const r of rows) assert.match(r.chg_NIBRSCode!, /^(64A|64B)$/);
    const statutes = rows.map((r) => r.chg_Statute!);
    for (const f of FORMULAS) assert.ok(statutes.includes(`'${f}`), `${f} is written as text`);
    for (const s of statutes) assert.doesNotMatch(s, /^[=+\-@]/);
    const suspectId = json.body.charges[0].chg_PersonID;
    const caseId = json.body.person.find((p: { prs_ID: string }) => p.prs_ID === suspectId).prs_CaseID;
    for (const statute of REFUSED) {
      const r = await call(t.app, "POST", `/api/v1/cases/${caseId}/charges`, investigator.headers, {
        personId: suspectId,
        statute,
        nibrsCode: "64B",
        jurisdiction: "state",
      });
      assert.equal(r.status, 400, `${statute} is refused`);
      assert.match(r.body.error.message, /body\.statute/);
    }

    const all = await get("/api/v1/stats/exports/htcds?format=csv", analyst);
    assert.equal(all.statusCode, 200);
    for (const name of ["case", "person", "victim", "perpetrator", "historic_event", "charges"])
      assert.ok(all.body.includes(`# ${name}\r\n`), name);
    assert.ok(all.body.includes(charges.body), "the charges section is the charges table");
  });

  test("roles without export are refused; bad filters are a 400 naming the field", async () => {
    for (const kind of ["ctdc", "htcds"]) {
      const denied = await get(`/api/v1/stats/exports/${kind}?format=csv`, investigator);
      assert.equal(denied.statusCode, 403, denied.body);
      assert.doesNotMatch(denied.body, /cas_ID|yearOfRegistration/);
    }
    const bad = await get("/api/v1/stats/exports/ctdc?from=2024-05-01&to=2024-01-01", analyst);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /from/);
    const format = await get("/api/v1/stats/exports/htcds?format=xlsx", analyst);
    assert.equal(format.statusCode, 400);
    assert.match(format.json().error.message, /format/);
  });

  test("the published UK 2013 capture table through POST /stats/mse: 11,313 within 0.5%", async () => {
    const uk = benchmarkTable("uk-2013-five-lists");
    const histories = [];
    for (let cell = 1; cell < uk.counts.length; cell++)
      if (uk.counts[cell]! > 0)
        histories.push({ on: uk.lists.map((_, i) => ((cell >> i) & 1) as 0 | 1), count: uk.counts[cell]! });
    const r = await call(t.app, "POST", "/api/v1/stats/mse?lang=es", analyst.headers, {
      lists: uk.lists,
      histories,
      model: "stepwise",
    });
    assert.equal(r.status, 200, r.raw);
    assert.ok(within(r.body.estimate, 11313, 0.005), `estimate ${r.body.estimate}`);
    assert.equal(r.body.observed, 2744);
    assert.ok(r.body.ci95[0] < 11313 && r.body.ci95[1] > 11313);
    assert.ok(r.body.model.terms.length > uk.lists.length, "main effects and interactions");
    assert.ok(r.body.warnings.length > 0);
    for (const w of r.body.warnings) assert.match(w.message, /[áéíóúñ]|\b(el|la|los|las|de)\b/, "in Spanish");
    // A bootstrap interval that repeats the model's choice, when asked for.
    const boot = await call(t.app, "POST", "/api/v1/stats/mse", analyst.headers, {
      lists: uk.lists,
      histories,
      interval: "bca",
      replicates: 200,
    });
    assert.equal(boot.status, 200, boot.raw);
    assert.equal(boot.body.interval, "bca-bootstrap");
    assert.ok(boot.body.ci95[0] < boot.body.estimate && boot.body.ci95[1] > boot.body.estimate);
    const tooMany = await call(t.app, "POST", "/api/v1/stats/mse", analyst.headers, {
      lists: uk.lists,
      histories,
      interval: "bca",
      replicates: 1_000_000,
    });
    assert.equal(tooMany.status, 400);
  });
});
