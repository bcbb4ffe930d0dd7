import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { fieldCryptoOf } from "../src/modules/crypto/crypto.service.ts";
import { type IndexTextInput, indexText, unindex } from "../src/modules/search/search.index.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv, seed } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("case search (encrypted token index)", (backend) => {
  let t: TestApp;
  let pd: TestUser;
  let pd2: TestUser;
  let ngo: TestUser;
  let other: TestUser;
  const ids = {} as Record<"farm" | "otherFarm" | "shared" | "ngoOwn", string>;

  const index = (input: Omit<IndexTextInput, "recordType" | "field"> & Partial<IndexTextInput>) =>
    t.store.db
      .transaction()
      .execute((trx) =>
        indexText(
          trx,
          { recordType: "case", field: "narrative", ...input } as IndexTextInput,
          fieldCryptoOf(t.store),
        ),
      );
  const search = async (as: TestUser, query: string) => {
    const r = await call(t.app, "GET", `/api/v1/cases/search?${query}`, as.headers);
    assert.equal(r.status, 200, r.raw);
    return r.body as { cases: { id: string; relation: string }[]; hasMore: boolean };
  };
  const found = async (as: TestUser, query: string) =>
    (await search(as, query)).cases.map((c) => c.id).sort();

  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    pd = await createOrgWithUser(t.store, {
      orgId: "s-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    pd2 = await createOrgWithUser(t.store, { orgId: "s-pd", orgType: "law_enforcement", roles: ["analyst"] });
    ngo = await createOrgWithUser(t.store, {
      orgId: "s-ngo",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    other = await createOrgWithUser(t.store, {
      orgId: "s-other",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    // A case of s-pd whose words are spread over title, narrative and a note.
    ids.farm = await seed.case(t.store, "s-pd", "Farm case");
    await index({
      orgId: "s-pd",
      caseId: ids.farm,
      recordId: ids.farm,
      field: "title",
      text: "Harbor Warehouse raid",
    });
    await index({ orgId: "s-pd", caseId: ids.farm, recordId: ids.farm, text: "Workers at la Señora's farm" });
    await index({
      orgId: "s-pd",
      caseId: ids.farm,
      recordType: "note",
      recordId: randomUUID(),
      field: "body",
      text: "Called 555-0142 from HOUSTON.",
    });
    // The same words in another organization's case.
    ids.otherFarm = await seed.case(t.store, "s-other", "Other farm");
    await index({
      orgId: "s-other",
      caseId: ids.otherFarm,
      recordId: ids.otherFarm,
      text: "harbor warehouse houston",
    });
    // s-pd shares a second case with the NGO; the NGO has its own case too.
    ids.shared = await seed.case(t.store, "s-pd", "Shared");
    await index({
      orgId: "s-pd",
      caseId: ids.shared,
      recordId: ids.shared,
      text: "Restaurant kitchen in Houston",
    });
    await seed.share(t.store, ids.shared, "s-pd", "s-ngo", "read");
    ids.ngoOwn = await seed.case(t.store, "s-ngo", "NGO case");
    await index({ orgId: "s-ngo", caseId: ids.ngoOwn, recordId: ids.ngoOwn, text: "Houston shelter intake" });
  });
  after(() => t.close());

  test("every word must match, across a case's title, narrative and notes; accents and case folded", async () => {
    assert.deepEqual(await found(pd, "q=harbor+houston"), [ids.farm].sort());
    assert.deepEqual(await found(pd, "q=SENORA"), [ids.farm]);
    assert.deepEqual(await found(pd, `q=${encodeURIComponent("señora farm")}`), [ids.farm]);
    assert.deepEqual(await found(pd, "q=555-0142"), [ids.farm]);
    assert.deepEqual(await found(pd, "q=farm+kitchen"), [], "no case holds both");
    assert.deepEqual(await found(pd, "q=houston"), [ids.farm, ids.shared].sort());
  });

  test("a word of 3 to 6 letters also finds the words it begins", async () => {
    assert.deepEqual(await found(pd, "q=harb"), [ids.farm]);
    assert.deepEqual(await found(pd, "q=wareho+hous"), [ids.farm]);
    assert.deepEqual(await found(pd, "q=warehous"), [], "7+ letters: whole words only");
  });

  test("a word in another organization's case never matches; shared cases are found by the recipient", async () => {
    assert.deepEqual(await found(other, "q=harbor"), [ids.otherFarm]);
    assert.ok(!(await found(pd, "q=warehouse")).includes(ids.otherFarm));
    const ngoHits = await search(ngo, "q=houston");
    assert.deepEqual(ngoHits.cases.map((c) => c.id).sort(), [ids.shared, ids.ngoOwn].sort());
    assert.equal(ngoHits.cases.find((c) => c.id === ids.shared)?.relation, "shared_read");
    assert.deepEqual(await found(ngo, "q=harbor"), [], "the unshared case of s-pd stays out of reach");
    assert.deepEqual(await found(pd2, "q=houston"), [ids.farm, ids.shared].sort(), "any reader role");
  });

  test("re-indexing a field replaces its tokens; unindex removes the record", async () => {
    const id = await seed.case(t.store, "s-pd", "Reindexed");
    await index({ orgId: "s-pd", caseId: id, recordId: id, text: "orchard ladder" });
    assert.deepEqual(await found(pd, "q=orchard"), [id]);
    await index({ orgId: "s-pd", caseId: id, recordId: id, text: "vineyard" });
    assert.deepEqual(await found(pd, "q=orchard"), []);
    assert.deepEqual(await found(pd, "q=vineyard"), [id]);
    await t.store.db
      .transaction()
      .execute((trx) => unindex(trx, { orgId: "s-pd", recordType: "case", recordId: id }));
    assert.deepEqual(await found(pd, "q=vineyard"), []);
  });

  test("filters, newest first, pagination", async () => {
    const all = await search(pd, "q=houston&status=open");
    assert.deepEqual(all.cases.map((c) => c.id).sort(), [ids.farm, ids.shared].sort());
    assert.deepEqual((await search(pd, "q=houston&status=closed")).cases, []);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await search(pd, `q=houston&from=${today}&to=${today}`)).cases.length, 2);
    assert.equal((await search(pd, "q=houston&to=2020-01-01")).cases.length, 0);
    const first = await search(pd, "q=houston&pageSize=1");
    const second = await search(pd, "q=houston&pageSize=1&page=2");
    assert.equal(first.hasMore, true);
    assert.equal(second.hasMore, false);
    assert.notEqual(first.cases[0]!.id, second.cases[0]!.id);
    const noWords = await search(pd, "pageSize=100");
    assert.ok(noWords.cases.length >= 3, "no q: every readable case, filtered");
  });

  test("Contract 1 filters", async () => {
    assert.equal((await search(pd, "q=houston&traffickingType=labor&state=TX")).cases.length, 0);
  });

  test("bad input answers 400 naming the field", async () => {
    for (const [query, field] of [
      [`q=${"a".repeat(201)}`, "q"],
      ["q=the+of+de", "q"],
      ["status=lost", "status"],
      ["page=0", "page"],
      ["pageSize=1000", "pageSize"],
      ["from=2024-13-01", "from"],
      ["from=2024-05-02&to=2024-05-01", "from"],
      ["state=ZZ", "state"],
      ["lead=me", "lead"],
      ["color=red", ""],
      ["traffickingType=lots", "traffickingType"],
    ] as const) {
      const r = await call(t.app, "GET", `/api/v1/cases/search?${query}`, pd.headers);
      assert.equal(r.status, 400, `${query}: ${r.raw}`);
      assert.match(r.body.error.message, new RegExp(field), query);
    }
    const anonymous = await call(t.app, "GET", "/api/v1/cases/search?q=harbor", {});
    assert.equal(anonymous.status, 401);
  });

  test("each search is audited with the cases returned, never the words", async () => {
    await search(pd, "q=warehouse");
    const rows = await t.store.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "case.search")
      .where("org_id", "=", "s-pd")
      .execute();
    assert.ok(rows.length > 0);
    const text = JSON.stringify(rows);
    assert.ok(text.includes(ids.farm));
    assert.ok(!/warehouse/i.test(text), "no search word in the audit trail");
  });
});

describeEachStore("harbor search reindex", (backend) => {
  let t: TestApp;
  let pd: TestUser;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    pd = await createOrgWithUser(t.store, {
      orgId: "ri-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(() => t.close());

  test("rebuilds the tokens of every case's text from the records, and is audited", async () => {
    const id = await seed.case(t.store, "ri-pd", "Lighthouse inquiry");
    const before = await call(t.app, "GET", "/api/v1/cases/search?q=lighthouse", pd.headers);
    assert.deepEqual(before.body.cases, [], "seeded below the index: not found yet");
    const { reindexCases } = await import("../src/modules/search/search.cli.ts");
    assert.ok((await reindexCases(t.store, fieldCryptoOf(t.store), 2)) >= 1);
    const after = await call(t.app, "GET", "/api/v1/cases/search?q=lighthouse", pd.headers);
    assert.deepEqual(
      after.body.cases.map((c: { id: string }) => c.id),
      [id],
    );
    const audited = await t.store.db
      .selectFrom("audit_events")
      .select("seq")
      .where("action", "=", "search.reindex")
      .execute();
    assert.equal(audited.length, 1);
  });
});

describeEachStore("case search finds a converted tip's words", (backend) => {
  let t: TestApp;
  let intake: TestUser;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    intake = await createOrgWithUser(t.store, { orgId: "ct-hot", orgType: "hotline", roles: ["intake"] });
  });
  after(() => t.close());

  const post = async (url: string, body: unknown, version?: number) => {
    const headers = { ...intake.headers, ...(version ? { "if-match": `W/"${version}"` } : {}) };
    const r = await call(t.app, "POST", url, headers, body);
    assert.ok(r.status < 300, `${url}: ${r.raw}`);
    return r.body;
  };
  const found = async (q: string) =>
    (await call(t.app, "GET", `/api/v1/cases/search?q=${q}`, intake.headers)).body.cases.map(
      (c: { id: string }) => c.id,
    );

  test("the tip's narrative and its merged duplicates' are text of the case, found from the convert on", async () => {
    const tip = await post("/api/v1/tips", { narrative: "Workers sleep in the quarry bunkhouse" });
    const dup = await post("/api/v1/tips", { narrative: "Same quarry, a caller from Lubbock" });
    await post(`/api/v1/tips/${dup.id}/merge`, { into: tip.id }, 1);
    assert.deepEqual(await found("bunkhouse"), [], "a tip on no case is found by no case search");
    const current = (await call(t.app, "GET", `/api/v1/tips/${tip.id}`, intake.headers)).body;
    const { caseId } = await post(`/api/v1/tips/${tip.id}/convert`, { title: "Quarry" }, current.version);
    assert.deepEqual(await found("bunkhouse"), [caseId]);
    assert.deepEqual(await found("lubbock+quarry"), [caseId], "the duplicate's words too");
  });
});
