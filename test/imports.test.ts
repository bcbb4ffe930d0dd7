import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { sql } from "kysely";
import { verifyChain } from "../src/modules/audit/audit.service.ts";
import type { AuthContext } from "../src/modules/auth/auth.context.ts";
import { planCsv } from "../src/modules/imports/imports.csv.ts";
import { planHtcds } from "../src/modules/imports/imports.htcds.ts";
import { readHtcds } from "../src/modules/imports/imports.htcds-read.ts";
import { ImportInvalid } from "../src/modules/imports/imports.plan.ts";
import { runImport } from "../src/modules/imports/imports.service.ts";
import type { Caller } from "../src/modules/policy/access.ts";
import { statsExport } from "../src/modules/stats/stats.service.ts";
import { toCsv } from "../src/stats/exports/csv.ts";
import { HTCDS_TABLES, type HtcdsExport } from "../src/stats/exports/htcds.ts";
import type { Store } from "../src/store/store.ts";
import { ORG_TABLES } from "../src/store/tenancy.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { runHarborCli } from "./support/harbor-process.ts";
import { IMPORT_GOOD, IMPORT_HEADER } from "./support/import-files.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const HEADER = IMPORT_HEADER;
const GOOD = IMPORT_GOOD;

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

async function countAll(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ORG_TABLES)
    out[table] = Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]!.n,
    );
  return out;
}

/** The HTCDS tables without the ids (which differ in another organization), sorted: what must survive a round trip. */
function content(out: HtcdsExport) {
  const ids = /^(cas_ID|prs_ID|prs_CaseID|vic_PersonID|per_PersonID|hte_PersonID|chg_ID|chg_PersonID)$/;
  return Object.fromEntries(
    Object.entries(out).map(([t, rows]) => [
      t,
      rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !ids.test(k)))).sort(),
    ]),
  );
}

describeEachStore("harbor import", (backend) => {
  let t: TestApp;
  let intakeA: TestUser;
  let analystA: TestUser;
  let intakeB: TestUser;
  let analystB: TestUser;
  let intakeC: TestUser;
  let analystC: TestUser;
  let lawEnf: TestUser;
  const folder = mkdtempSync(path.join(tmpdir(), "harbor-import-"));
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    intakeA = await createOrgWithUser(t.store, {
      orgId: "im-ngo-a",
      orgType: "government",
      roles: ["intake"],
    });
    analystA = await createOrgWithUser(t.store, {
      orgId: "im-ngo-a",
      orgType: "government",
      roles: ["analyst"],
    });
    intakeB = await createOrgWithUser(t.store, {
      orgId: "im-ngo-b",
      orgType: "government",
      roles: ["intake"],
    });
    analystB = await createOrgWithUser(t.store, {
      orgId: "im-ngo-b",
      orgType: "government",
      roles: ["analyst"],
    });
    intakeC = await createOrgWithUser(t.store, {
      orgId: "im-ngo-c",
      orgType: "government",
      roles: ["intake"],
    });
    analystC = await createOrgWithUser(t.store, {
      orgId: "im-ngo-c",
      orgType: "government",
      roles: ["analyst"],
    });
    lawEnf = await createOrgWithUser(t.store, {
      orgId: "im-pd",
      orgType: "law_enforcement",
      roles: ["intake"],
    });
  });
  after(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test("a good CSV imports its cases, persons and charges, sealed, searchable and audited", async () => {
    const { plan, errors } = planCsv(GOOD);
    assert.deepEqual(errors, []);
    const before = await countAll(t.store);
    const progress: number[] = [];
    const out = await runImport(t.store, callerOf(intakeA, "government", ["intake"]), plan, {
      kind: "csv",
      dryRun: false,
      onProgress: (done) => progress.push(done),
    });
    assert.deepEqual(out.created, {
      cases: 2,
      persons: 5,
      personsByRole: { victim: 3, suspect: 2 },
      charges: 3,
      events: 0,
    });
    assert.deepEqual(progress, [4, 7]);
    const afterCounts = await countAll(t.store);
    assert.equal(afterCounts.cases! - before.cases!, 2);
    assert.equal(afterCounts.persons! - before.persons!, 5);
    assert.equal(afterCounts.charges! - before.charges!, 3);
    assert.equal(afterCounts.adjudications! - before.adjudications!, 1);
    // Sealed: the names are nowhere in plain text; readable through the API; the title is searchable.
    const plain = await sql<{
      n: string;
    }>`select count(*) as n from persons where given_name_enc like '%Ana%'`.execute(t.store.db);
    assert.equal(Number(plain.rows[0]!.n), 0);
    const found = await call(t.app, "GET", "/api/v1/cases/search?q=Zephyrine", intakeA.headers);
    assert.equal(found.status, 200, found.raw);
    assert.equal(found.body.cases.length, 1);
    const kase = await call(t.app, "GET", `/api/v1/cases/${found.body.cases[0].id}`, intakeA.headers);
    assert.equal(kase.body.title, "Harborview labor case");
    assert.equal(kase.body.confirmation, "confirmed");
    assert.deepEqual(kase.body.persons.map((p: { givenName?: string }) => p.givenName ?? null).sort(), [
      "Ana",
      "Juan",
      null,
    ]);
    const audits = await t.store.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("actor_user_id", "=", intakeA.userId)
      .execute();
    const actions = audits.map((a) => a.action);
    assert.equal(actions.filter((a) => a === "import.run").length, 1);
    assert.equal(actions.filter((a) => a === "case.create").length, 2);
    assert.equal(actions.filter((a) => a === "person.create").length, 5);
    assert.equal((await verifyChain(t.store.db)).ok, true);
  });

  test("a file with bad rows changes nothing and reports every bad row by line and column", async () => {
    const bad = [
      HEADER,
      GOOD.split("\r\n")[1],
      "C3,Bad case,,labour,confirmed,TX,2025-03-01,v1,victim,Al,Ng,1990-13-02,female,25,MX,,,,,,,",
      "C3,Bad case,,labor,confirmed,TX,2025-03-01,v2,boss,,,,,,,,,,,,,",
      ",No case ref,,labor,confirmed,TX,2025-03-01,v3,victim,,,,,,,,,,,,,",
      "C4,Case,,labor,confirmed,TX,2025-03-01,s1,suspect,,,,,,,,,,18 U.S.C. 1589,99X,,",
    ].join("\n");
    const { errors } = planCsv(bad);
    const where = errors.map((e) => `${e.row}:${e.column}`);
    assert.deepEqual(where, [
      "3:traffickingType",
      "3:dateOfBirth",
      "4:role",
      "5:caseRef",
      "6:chargeNibrsCode",
      "6:chargeJurisdiction",
    ]);
    assert.match(errors[0]!.message, /"labour" is not one of the allowed codes/);
    assert.match(errors[1]!.message, /is not a date written YYYY-MM-DD/);
    assert.doesNotMatch(errors[1]!.message, /1990/, "a date of birth is not echoed back");
    // A refusal only the service sees (a police department may not record a visa category) rolls
    // back the cases and persons already written in the same import.
    const before = await countAll(t.store);
    const visa = planCsv(
      `${HEADER},visaCategory\r\n${GOOD.split("\r\n")[1]},\r\nC9,T,,labor,open,TX,2025-01-01,v1,victim,,,,,,,,,,,,,,T-visa`.replace(
        ",T-visa",
        ",H-2A",
      ),
    );
    assert.deepEqual(visa.errors, []);
    await assert.rejects(
      runImport(t.store, callerOf(lawEnf, "law_enforcement", ["intake"]), visa.plan, {
        kind: "csv",
        dryRun: false,
      }),
      (e: unknown) =>
        e instanceof ImportInvalid && e.errors[0]!.row === 3 && /refused/.test(e.errors[0]!.message),
    );
    assert.deepEqual(await countAll(t.store), before);
  });

  test("a dry run says what would be created and changes nothing", async () => {
    const before = await countAll(t.store);
    const out = await runImport(t.store, callerOf(intakeA, "government", ["intake"]), planCsv(GOOD).plan, {
      kind: "csv",
      dryRun: true,
    });
    assert.equal(out.dryRun, true);
    assert.equal(out.wouldCreate?.cases, 2);
    assert.equal(out.wouldCreate?.persons, 5);
    assert.deepEqual(await countAll(t.store), before);
  });

  test("export htcds → import into another organization → export gives the same tables (JSON and CSV)", async () => {
    const exported = await statsExport(t.store, callerOf(analystA, "government", ["analyst"]), "htcds", {});
    const a = exported.htcds!;
    assert.equal(a.case.length, 2);
    assert.equal(a.charges.length, 3);
    // JSON into B.
    const json = path.join(folder, "a.json");
    writeFileSync(json, JSON.stringify(a, null, 2));
    const readJson = readHtcds(json);
    const planB = planHtcds(readJson.tables);
    assert.deepEqual([...readJson.errors, ...planB.errors], []);
    await runImport(t.store, callerOf(intakeB, "government", ["intake"]), planB.plan, {
      kind: "htcds",
      dryRun: false,
    });
    const b = (await statsExport(t.store, callerOf(analystB, "government", ["analyst"]), "htcds", {})).htcds!;
    // The sectioned CSV (what `harbor export htcds` prints) into C.
    const csv = path.join(folder, "a.csv");
    writeFileSync(
      csv,
      (Object.keys(HTCDS_TABLES) as (keyof typeof HTCDS_TABLES)[])
        .map((name) => `# ${name}\r\n${toCsv(HTCDS_TABLES[name], a[name])}\r\n`)
        .join(""),
    );
    const readCsvFile = readHtcds(csv);
    const planC = planHtcds(readCsvFile.tables);
    assert.deepEqual([...readCsvFile.errors, ...planC.errors], []);
    await runImport(t.store, callerOf(intakeC, "government", ["intake"]), planC.plan, {
      kind: "htcds",
      dryRun: false,
    });
    const c = (await statsExport(t.store, callerOf(analystC, "government", ["analyst"]), "htcds", {})).htcds!;
    for (const name of Object.keys(HTCDS_TABLES) as (keyof typeof HTCDS_TABLES)[]) {
      assert.equal(b[name].length, a[name].length, `${name} count (JSON)`);
      assert.equal(c[name].length, a[name].length, `${name} count (CSV)`);
    }
    // Start dates are the import's (the source's start date is kept as investigation_started_on).
    assert.deepEqual(content(b), content(a));
    assert.deepEqual(content(c), content(a));
  });

  test("bad HTCDS rows are reported by table, row and column", async () => {
    const { errors } = planHtcds({
      case: [{ row: 1, values: { cas_ID: "k1", cas_Confirmation: "maybe" } }],
      person: [
        { row: 1, values: { prs_ID: "p1", prs_CaseID: "k9", prs_Role: "Victim" } },
        { row: 2, values: { prs_ID: "p2", prs_CaseID: "k1", prs_Role: "Perpetrator" } },
      ],
      charges: [
        {
          row: 1,
          values: {
            chg_ID: "c1",
            chg_PersonID: "p2",
            chg_Statute: "18 USC 1591",
            chg_Jurisdiction: "federal",
          },
        },
      ],
    });
    assert.deepEqual(
      errors.map((e) => `${e.table}:${e.row}:${e.column}`),
      ["case:1:cas_Confirmation", "person:1:prs_CaseID", "charges:1:chg_NIBRSCode"],
    );
  });
});

test("`harbor import` from the command line: template, dry run, import, and a bad file refused", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-import-cli-"));
  const saved = { dir: process.env.HARBOR_DATA_DIR, url: process.env.DATABASE_URL };
  process.env.HARBOR_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  try {
    const template = await runHarborCli("import", "template", "csv");
    assert.equal(template.code, 0, template.stderr);
    const mapping = JSON.parse(template.stdout);
    assert.equal(mapping.columns.caseRef, "caseRef");
    assert.ok(
      mapping.fields.find((f: { field: string }) => f.field === "chargeNibrsCode").codes.includes("64A"),
    );
    assert.equal(
      (await runHarborCli("org", "create", "--id", "cli-ngo", "--name", "CLI NGO", "--type", "government"))
        .code,
      0,
    );
    const user = await runHarborCli(
      "user",
      "create",
      "--org",
      "cli-ngo",
      "--email",
      "in@cli-ngo.test",
      "--role",
      "intake",
    );
    assert.equal(user.code, 0, user.stderr);
    // The file's own column names, mapped to Harbor's fields.
    const file = path.join(dataDir, "cases.csv");
    writeFileSync(file, GOOD.replace("caseRef,title", "Case No,Case title"));
    const mapFile = path.join(dataDir, "mapping.json");
    writeFileSync(mapFile, JSON.stringify({ columns: { caseRef: "Case No", title: "Case title" } }));
    const dry = await runHarborCli(
      "import",
      "csv",
      file,
      "--mapping",
      mapFile,
      "--as",
      "in@cli-ngo.test",
      "--dry-run",
    );
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(JSON.parse(dry.stdout).wouldCreate.cases, 2);
    const done = await runHarborCli("import", "csv", file, "--mapping", mapFile, "--user", "in@cli-ngo.test");
    assert.equal(done.code, 0, done.stderr);
    assert.equal(JSON.parse(done.stdout).created.persons, 5);
    const badFile = path.join(dataDir, "bad.csv");
    writeFileSync(
      badFile,
      `${HEADER}\r\nC1,T,,labour,,,,,victim,,,,,,,,,,,,,\r\nC2,T,,,,,,,thief,,,,,,,,,,,,,`,
    );
    const bad = await runHarborCli("import", "csv", badFile, "--user", "in@cli-ngo.test");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /line 2, column traffickingType: "labour" is not one of the allowed codes/);
    assert.match(bad.stderr, /line 3, column role:/);
    assert.match(bad.stderr, /2 problems in the file; nothing was imported/);
  } finally {
    process.env.HARBOR_DATA_DIR = saved.dir;
    if (saved.dir === undefined) delete process.env.HARBOR_DATA_DIR;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("any one bad code in any row is reported at exactly that line and column, and nothing else", () => {
  const rows = GOOD.split("\r\n");
  const header = rows[0]!.split(",");
  const codeColumns = ["traffickingType", "confirmation", "incidentState", "role", "sex", "industry"];
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: rows.length - 1 }),
      fc.constantFrom(...codeColumns),
      fc.stringMatching(/^[a-z]{3,10}$/),
      (line, column, junk) => {
        const at = header.indexOf(column);
        const cells = rows[line]!.split(",");
        fc.pre(cells[at] !== "" || column === "role");
        cells[at] = `zz${junk}`;
        const text = rows.map((r, i) => (i === line ? cells.join(",") : r)).join("\r\n");
        const { errors } = planCsv(text);
        const mine = errors.filter((e) => e.row === line + 1 && e.column === column);
        assert.equal(mine.length, 1, JSON.stringify(errors));
        assert.match(mine[0]!.message, /is not one of the allowed codes/);
        // One bad cell is one problem: not echoed on the case's other rows.
        assert.ok(
          errors.every((e) => e.row === line + 1 && e.column === column),
          JSON.stringify(errors),
        );
      },
    ),
    { numRuns: 100 },
  );
});
