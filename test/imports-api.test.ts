import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { HTCDS_TABLES } from "../src/stats/exports/htcds.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { IMPORT_GOOD, IMPORT_ONE_BAD_ROW } from "./support/import-files.ts";
import { multipartForm, PNG_1X1 } from "./support/multipart.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

/*
 * POST /api/v1/imports and GET /api/v1/imports/template: the CLI's import over HTTP, as the signed-in
 * user. What a user cares about: a dry run creates nothing, an import creates cases they can then list
 * and search, a bad row is named by line and column and nothing is written, a mapping renames
 * columns, someone who may not open cases is refused, and a retried upload creates nothing twice.
 */

type Form = { fields: Record<string, string>; files: { filename: string; data: Buffer | string }[] };

describeEachStore("imports API", (backend) => {
  let t: TestApp;
  let intake: TestUser;
  let analyst: TestUser;

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    intake = await createOrgWithUser(t.store, { orgId: "imp-a", orgType: "government", roles: ["intake"] });
    analyst = await createOrgWithUser(t.store, { orgId: "imp-a", orgType: "government", roles: ["analyst"] });
  });
  after(() => t.close());

  const send = (user: TestUser | undefined, form: Form, headers: Record<string, string> = {}) => {
    const body = multipartForm(form.fields, form.files);
    return t.app.inject({
      method: "POST",
      url: "/api/v1/imports",
      headers: { ...(user?.headers ?? {}), ...body.headers, ...headers },
      payload: body.payload,
    });
  };
  const csv = (data: string, fields: Record<string, string> = {}): Form => ({
    fields: { kind: "csv", ...fields },
    files: [{ filename: "cases.csv", data }],
  });
  const casesOf = async (orgId: string) =>
    Number(
      (
        await t.store.db
          .selectFrom("cases")
          .where("org_id", "=", orgId)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const personsOf = async (orgId: string) =>
    Number(
      (
        await t.store.db
          .selectFrom("persons")
          .where("org_id", "=", orgId)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newUser = (orgId: string, roles: TestUser["roles"] = ["intake"]) =>
    createOrgWithUser(t.store, { orgId, orgType: "government", roles });

  test("the mapping template of each kind, as the CLI prints it", async () => {
    const c = await call(t.app, "GET", "/api/v1/imports/template?kind=csv", intake.headers);
    assert.equal(c.status, 200, c.raw);
    assert.equal(c.body.kind, "csv");
    assert.equal(c.body.columns.caseRef, "caseRef");
    const nibrs = c.body.fields.find((f: { field: string }) => f.field === "chargeNibrsCode");
    assert.ok(nibrs.codes.includes("64A"));
    const h = await call(t.app, "GET", "/api/v1/imports/template?kind=htcds", intake.headers);
    assert.equal(h.status, 200, h.raw);
    assert.equal(h.body.columns["case.cas_ID"], "cas_ID");
    const bad = await call(t.app, "GET", "/api/v1/imports/template?kind=xlsx", intake.headers);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^querystring\.kind/);
    assert.equal((await call(t.app, "GET", "/api/v1/imports/template?kind=csv", {})).status, 401);
  });

  test("a dry run says what would be created and creates nothing; the import creates the caller's cases", async () => {
    const user = await newUser("imp-dry");
    const dry = await send(user, csv(IMPORT_GOOD, { dryRun: "true" }));
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(dry.json().wouldCreate, {
      cases: 2,
      persons: 5,
      personsByRole: { victim: 3, suspect: 2 },
      charges: 3,
      events: 0,
    });
    assert.equal(dry.json().dryRun, true);
    assert.equal(await casesOf("imp-dry"), 0);
    assert.equal(await personsOf("imp-dry"), 0);
    assert.equal((await call(t.app, "GET", "/api/v1/cases", user.headers)).body.cases.length, 0);

    const done = await send(user, csv(IMPORT_GOOD, { dryRun: "false" }));
    assert.equal(done.statusCode, 201, done.body);
    assert.equal(done.json().created.cases, 2);
    assert.equal(done.json().created.persons, 5);
    assert.equal(await casesOf("imp-dry"), 2);
    const listed = await call(t.app, "GET", "/api/v1/cases", user.headers);
    assert.deepEqual(listed.body.cases.map((c: { title: string }) => c.title).sort(), [
      "Harborview labor case",
      "Motel case",
    ]);
    const found = await call(t.app, "GET", "/api/v1/cases/search?q=Zephyrine", user.headers);
    assert.equal(found.status, 200, found.raw);
    assert.equal(found.body.cases.length, 1);
    const audits = await t.store.db
      .selectFrom("audit_events")
      .select(["action", "outcome"])
      .where("actor_user_id", "=", user.userId)
      .where("action", "=", "import.run")
      .execute();
    assert.deepEqual(audits, [{ action: "import.run", outcome: "success" }], "the dry run is not audited");
  });

  test("a file with one bad row answers 422 naming that row and column, and creates nothing", async () => {
    const user = await newUser("imp-bad");
    for (const dryRun of ["true", "false"]) {
      const res = await send(user, csv(IMPORT_ONE_BAD_ROW, { dryRun }));
      assert.equal(res.statusCode, 422, res.body);
      const { error } = res.json();
      assert.equal(error.code, "import_invalid");
      assert.match(error.message, /1 problem in the file; nothing was imported/);
      assert.equal(error.rows.length, 1);
      assert.equal(error.rows[0].row, 3);
      assert.equal(error.rows[0].column, "traffickingType");
      assert.match(error.rows[0].message, /"labour" is not one of the allowed codes/);
    }
    assert.equal(await casesOf("imp-bad"), 0);
    assert.equal(await personsOf("imp-bad"), 0);
  });

  test("a mapping names the file's own columns; a mapping that is not JSON is a 400", async () => {
    const user = await newUser("imp-map");
    const renamed = IMPORT_GOOD.replace("caseRef,title", "Case No,Case title");
    const without = await send(user, csv(renamed, { dryRun: "true" }));
    assert.equal(without.statusCode, 422, without.body);
    assert.ok(without.json().error.rows.some((r: { column: string }) => r.column === "caseRef"));
    const mapping = JSON.stringify({ columns: { caseRef: "Case No", title: "Case title" } });
    const mapped = await send(user, csv(renamed, { mapping }));
    assert.equal(mapped.statusCode, 201, mapped.body);
    assert.equal(mapped.json().created.cases, 2);
    assert.equal(await casesOf("imp-map"), 2);
    const notJson = await send(user, csv(renamed, { mapping: "{columns:" }));
    assert.equal(notJson.statusCode, 400);
    assert.match(notJson.json().error.message, /^body\.mapping: is not valid JSON/);
    const noColumns = await send(user, csv(renamed, { mapping: '{"caseRef":"Case No"}' }));
    assert.equal(noColumns.statusCode, 400);
    assert.match(noColumns.json().error.message, /^body\.mapping: needs "columns"/);
    assert.equal(await casesOf("imp-map"), 2);
  });

  test("someone who may not open cases is refused (403, the denial audited) and nothing is written", async () => {
    const before = await casesOf("imp-a");
    for (const file of [IMPORT_GOOD, IMPORT_ONE_BAD_ROW]) {
      const res = await send(analyst, csv(file));
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error.code, "forbidden");
    }
    assert.equal(await casesOf("imp-a"), before);
    const denials = await t.store.db
      .selectFrom("audit_events")
      .select(["action", "outcome"])
      .where("actor_user_id", "=", analyst.userId)
      .where("action", "like", "import.%")
      .execute();
    assert.deepEqual(denials, [
      { action: "import.run", outcome: "denied" },
      { action: "import.run", outcome: "denied" },
    ]);
    assert.equal((await send(undefined, csv(IMPORT_GOOD))).statusCode, 401);
  });

  test("a retry with the same Idempotency-Key replays the answer and creates nothing twice", async () => {
    const user = await newUser("imp-idem");
    const key = { "idempotency-key": "import-0001-abcdef" };
    const first = await send(user, csv(IMPORT_GOOD), key);
    assert.equal(first.statusCode, 201, first.body);
    const again = await send(user, csv(IMPORT_GOOD), key);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers["idempotent-replayed"], "true");
    assert.equal(again.body, first.body);
    assert.equal(await casesOf("imp-idem"), 2);
    const other = await send(user, csv(IMPORT_GOOD.replace("Motel case", "Hotel case")), key);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, "idempotency_key_reused");
    assert.equal(await casesOf("imp-idem"), 2);
  });

  test("wrong content, an unknown kind, several CSV files, no file, not multipart: 4xx naming the field", async () => {
    const user = await newUser("imp-wrong");
    const png = await send(user, { fields: { kind: "csv" }, files: [{ filename: "a.csv", data: PNG_1X1 }] });
    assert.equal(png.statusCode, 400, png.body);
    assert.match(png.json().error.message, /^body\.file: is not a text file in UTF-8/);
    const nul = await send(user, csv(`${IMPORT_GOOD}\u0000`));
    assert.equal(nul.statusCode, 400, nul.body);
    assert.match(nul.json().error.message, /^body\.file: is not a CSV or JSON text file/);
    const kind = await send(user, csv(IMPORT_GOOD, { kind: "xlsx" }));
    assert.equal(kind.statusCode, 400, kind.body);
    assert.match(kind.json().error.message, /^body\.kind/);
    const dry = await send(user, csv(IMPORT_GOOD, { dryRun: "maybe" }));
    assert.equal(dry.statusCode, 400, dry.body);
    assert.match(dry.json().error.message, /^body\.dryRun/);
    const two = await send(user, {
      fields: { kind: "csv" },
      files: [
        { filename: "a.csv", data: IMPORT_GOOD },
        { filename: "b.csv", data: IMPORT_GOOD },
      ],
    });
    assert.equal(two.statusCode, 400, two.body);
    assert.match(two.json().error.message, /^body\.file: a CSV import takes one file/);
    const none = await send(user, { fields: { kind: "csv" }, files: [] });
    assert.equal(none.statusCode, 400, none.body);
    assert.match(none.json().error.message, /^body\.file/);
    const json = await call(t.app, "POST", "/api/v1/imports", user.headers, { kind: "csv" });
    assert.equal(json.status, 415, json.raw);
    assert.equal(await casesOf("imp-wrong"), 0);
  });

  test("an upload over the 32 MiB limit is refused (413) and nothing is written", async () => {
    const user = await newUser("imp-big");
    const big = `${IMPORT_GOOD}\r\n${"x".repeat(32 * 1024 * 1024)}`;
    const res = await send(user, csv(big));
    assert.equal(res.statusCode, 413, res.body.slice(0, 300));
    assert.equal(res.json().error.code, "file_too_large");
    assert.match(res.json().error.message, /^body\.file: .*32 MiB/);
    assert.equal(await casesOf("imp-big"), 0);
  });

  test("HTCDS: one JSON file, or one CSV file a table, as `harbor export htcds` writes them", async () => {
    const source = await newUser("imp-src");
    const sourceAnalyst = await newUser("imp-src", ["analyst"]);
    assert.equal((await send(source, csv(IMPORT_GOOD))).statusCode, 201);
    const exported = await call(t.app, "GET", "/api/v1/stats/exports/htcds", sourceAnalyst.headers);
    assert.equal(exported.status, 200, exported.raw);

    const viaJson = await newUser("imp-json");
    const json = await send(viaJson, {
      fields: { kind: "htcds" },
      files: [{ filename: "htcds.json", data: JSON.stringify(exported.body) }],
    });
    assert.equal(json.statusCode, 201, json.body);
    assert.equal(json.json().created.cases, 2);
    assert.equal(json.json().created.persons, 5);
    assert.equal(json.json().created.charges, 3);

    const tables = [];
    for (const name of Object.keys(HTCDS_TABLES)) {
      const one = await t.app.inject({
        method: "GET",
        url: `/api/v1/stats/exports/htcds?format=csv&table=${name}`,
        headers: sourceAnalyst.headers,
      });
      assert.equal(one.statusCode, 200, one.body);
      tables.push({ filename: `${name}.csv`, data: one.body });
    }
    const viaCsv = await newUser("imp-csv");
    const dry = await send(viaCsv, { fields: { kind: "htcds", dryRun: "true" }, files: tables });
    assert.equal(dry.statusCode, 200, dry.body);
    assert.equal(dry.json().wouldCreate.cases, 2);
    assert.equal(await casesOf("imp-csv"), 0);
    const badName = await send(viaCsv, {
      fields: { kind: "htcds" },
      files: [...tables.slice(0, 2), { filename: "notes.txt", data: "a,b\r\n1,2" }],
    });
    assert.equal(badName.statusCode, 422, badName.body);
    assert.match(badName.json().error.rows[0].message, /named <table>\.csv/);
    assert.equal(await casesOf("imp-csv"), 0);
  });
});
