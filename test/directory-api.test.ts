import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { defaultCatalog } from "../src/modules/directory/directory.catalog.ts";
import { directoryTranslation } from "../src/modules/directory/directory.i18n.ts";
import { replaceDirectoryEntries } from "../src/modules/directory/directory.repository.ts";
import { syncDirectory } from "../src/modules/directory/directory.service.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("directory and routing API (public, no sign-in)", (backend) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(backend);
  });
  after(() => t.close());

  const get = async (url: string) => {
    const r = await t.app.inject({ method: "GET", url });
    return { status: r.statusCode, body: r.json() };
  };

  test("start-up loaded every entry; a second sync with unchanged data writes nothing", async () => {
    const rows = await t.store.db.selectFrom("directory_entries").select("id").execute();
    assert.equal(rows.length, defaultCatalog().entries.length);
    assert.equal(await syncDirectory(t.store.db), false);
  });

  test("changed data is upserted by id, and entries the data dropped are removed", async () => {
    const c = defaultCatalog();
    const renamed = c.entries.map((e) => (e.id === "nhth" ? { ...e, name: "Renamed hotline" } : e));
    await replaceDirectoryEntries(t.store.db, {
      ...c,
      hash: "other",
      entries: renamed.filter((e) => e.id !== "odni"),
    });
    assert.equal((await get("/api/v1/directory/nhth")).body.name, "Renamed hotline");
    assert.equal((await get("/api/v1/directory/odni")).status, 404);
    assert.equal(
      await syncDirectory(t.store.db),
      true,
      "the real data's hash differs again, so it is rewritten",
    );
    assert.equal((await get("/api/v1/directory/nhth")).body.name, "National Human Trafficking Hotline");
  });

  test("GET /api/v1/directory lists every entry with sources, and filters combine", async () => {
    const all = await get("/api/v1/directory");
    assert.equal(all.status, 200);
    assert.equal(all.body.count, defaultCatalog().entries.length);
    const otip = all.body.entries.find((e: { id: string }) => e.id === "hhs-otip");
    assert.equal(
      otip.functions.find((f: { value: string }) => f.value === "certification").sources[0].kind,
      "seed",
    );
    const filtered = await get(
      "/api/v1/directory?function=investigate&population=minors&crimeType=child_sex_tourism",
    );
    assert.deepEqual(filtered.body.entries.map((e: { id: string }) => e.id).sort(), [
      "dhs-hsi",
      "dhs-operation-predator",
    ]);
  });

  test("text search uses trigrams: a typo still finds the entry", async () => {
    const exact = await get("/api/v1/directory?q=vawa");
    assert.deepEqual(
      exact.body.entries.map((e: { id: string }) => e.id),
      ["uscis-vawa-unit"],
    );
    const typo = await get(`/api/v1/directory?q=${encodeURIComponent("inocence")}`);
    assert.ok(
      typo.body.entries.some((e: { id: string }) => e.id === "fbi-innocence-lost"),
      JSON.stringify(typo.body),
    );
    const pct = await get(`/api/v1/directory?q=${encodeURIComponent("100%")}`);
    assert.equal(pct.status, 200);
  });

  const search = async (q: string, lang?: string, headers: Record<string, string> = {}) => {
    const url = `/api/v1/directory?q=${encodeURIComponent(q)}${lang ? `&lang=${lang}` : ""}`;
    const r = await t.app.inject({ method: "GET", url, headers });
    assert.equal(r.statusCode, 200, r.body);
    return (r.json().entries as Array<{ id: string }>).map((e) => e.id);
  };

  test("Spanish text search: Spanish words find the entries, with or without accents", async () => {
    assert.ok((await search("trata", "es")).includes("nhth"));
    for (const q of ["línea", "linea", "LÍNEA nacional"]) {
      assert.ok((await search(q, "es")).includes("nhth"), q);
    }
    assert.ok((await search("visa T", "es")).includes("uscis"));
    for (const q of ["niños", "ninos"]) assert.ok((await search(q, "es")).includes("ncmec"), q);
    for (const q of ["trabajo agrícola", "trabajo agricola"]) {
      assert.deepEqual(await search(q, "es"), ["dol-whd"], q);
    }
    assert.ok((await search("trata", undefined, { "accept-language": "es-US" })).includes("nhth"));
    assert.ok((await search("FBI", "es")).includes("fbi"), "official names and abbreviations too");
  });

  test("English text search is unchanged: English texts only", async () => {
    assert.deepEqual(await search("trata", "en"), []);
    assert.deepEqual(await search("trata"), []);
    assert.deepEqual(await search("vawa", "en"), ["uscis-vawa-unit"]);
    assert.ok((await search("hotline")).includes("nhth"));
  });

  test("a changed Spanish text rewrites the store copy even when the data file did not change", async () => {
    const tr = directoryTranslation("es")!;
    const changed = { ...tr, names: { ...tr.names, nhth: "Línea Zafiro" } };
    assert.equal(await syncDirectory(t.store.db, defaultCatalog(), changed), true);
    assert.deepEqual(await search("zafiro", "es"), ["nhth"]);
    assert.equal(await syncDirectory(t.store.db), true, "the real texts differ again, so they are rewritten");
    assert.deepEqual(await search("zafiro", "es"), []);
  });

  test("a bad filter is a 400 naming the field; an unknown id is a 404 not_found", async () => {
    const bad = await get("/api/v1/directory?function=teleport");
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /function/);
    const missing = await get("/api/v1/directory/nope");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "not_found");
  });

  test("GET /api/v1/directory/{id} returns the entry, its parent and its children", async () => {
    const doj = await get("/api/v1/directory/doj");
    assert.ok(doj.body.children.includes("doj-ceos"));
    const ceos = await get("/api/v1/directory/doj-ceos");
    assert.equal(ceos.body.parent.id, "doj");
  });

  test("POST /api/v1/routing/evaluate answers without sign-in and stores nothing", async () => {
    const count = async () =>
      (
        await t.store.db
          .selectFrom("audit_events")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const r = await t.app.inject({
      method: "POST",
      url: "/api/v1/routing/evaluate",
      payload: { victim: { age: 15, citizenship: "foreign_national" }, location: { inUnitedStates: true } },
    });
    assert.equal(r.statusCode, 200, r.body);
    const answer = r.json();
    assert.equal(answer.recommendations[0].orgId, "hhs-otip");
    assert.equal(answer.deadlines[0].id, "notify-hhs-24h");
    assert.deepEqual(Object.keys(answer).sort(), [
      "deadlines",
      "notApplicable",
      "questions",
      "recommendations",
    ]);
    assert.equal(await count(), before, "no audit record, no stored data");
  });

  test("routing rejects unknown fact keys with a 400 naming the field", async () => {
    const r = await t.app.inject({
      method: "POST",
      url: "/api/v1/routing/evaluate",
      payload: { victim: { name: "Ana" } },
    });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, "invalid_request");
  });

  test("the OpenAPI document lists the directory and routing routes", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    for (const path of ["/api/v1/directory", "/api/v1/directory/{id}", "/api/v1/routing/evaluate"]) {
      assert.ok(doc.paths[path], path);
    }
  });
});
