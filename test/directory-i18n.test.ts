import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { defaultCatalog } from "../src/modules/directory/directory.catalog.ts";
import {
  checkDirectoryTranslation,
  DIRECTORY_ES_FILE,
  DirectoryTranslationSchema,
  parseDirectoryTranslation,
  translatableRefs,
} from "../src/modules/directory/directory.i18n.ts";
import { negotiateLang } from "../src/modules/directory/directory.lang.ts";
import { presentEntry } from "../src/modules/directory/directory.presenter.ts";
import { lostTokens } from "./directory-i18n-helpers.ts";

const catalog = defaultCatalog();
const raw = JSON.parse(readFileSync(DIRECTORY_ES_FILE, "utf8"));
// Parsed by the schema only, so a missing text shows up below as a named key, not as a load error.
const es = DirectoryTranslationSchema.parse(raw);
const refs = translatableRefs(catalog);
const missing = (field: string) =>
  refs.filter((r) => r.ref.includes(`#${field}/`) && !es.texts[r.ref]).map((r) => r.ref);

describe("directory in Spanish: every text has a reviewed translation", () => {
  test("every function detail", () => {
    assert.deepEqual(missing("functions"), [], "function details without Spanish text");
  });
  test("every note", () => {
    assert.deepEqual(missing("notes"), [], "notes without Spanish text");
  });
  test("every contact label", () => {
    assert.deepEqual(missing("contacts"), [], "contact labels without Spanish text");
  });
  test("no translation is stale, and every Spanish name belongs to an entry", () => {
    assert.deepEqual(checkDirectoryTranslation(catalog, es).unknown, []);
  });
  test("a translation is a translation: no text is a copy of the English", () => {
    assert.deepEqual(
      refs.filter((r) => es.texts[r.ref] === r.english).map((r) => r.ref),
      [],
    );
  });
  test("numbers, phone numbers, citations and acronyms are kept", () => {
    const lost = refs
      .map((r) => ({ ref: r.ref, lost: lostTokens(r.english, es.texts[r.ref] ?? "") }))
      .filter((x) => x.lost.length);
    assert.deepEqual(lost, []);
  });
  test("a missing text is rejected at load, naming its fact", () => {
    const copy = structuredClone(raw);
    delete copy.texts["hhs-otip#notes/notify-24h"];
    assert.throws(() => parseDirectoryTranslation(copy, catalog), /no text for: hhs-otip#notes\/notify-24h/);
  });
  test("a stale text or name is rejected at load", () => {
    const copy = structuredClone(raw);
    copy.texts["hhs-otip#notes/gone"] = "Ya no existe.";
    copy.names.nope = "Nada";
    assert.throws(() => parseDirectoryTranslation(copy, catalog), /hhs-otip#notes\/gone, names\.nope/);
  });
  test("a schema error names the field", () => {
    assert.throws(
      () =>
        parseDirectoryTranslation({ ...raw, texts: { ...raw.texts, "nhth#contacts/phone": "" } }, catalog),
      /field texts\.nhth#contacts\/phone/,
    );
  });
});

describe("directory entries presented in Spanish", () => {
  test("prose is Spanish; names, ids, values, phone numbers and source quotes are unchanged", () => {
    for (const entry of catalog.entries) {
      const en = presentEntry(entry, undefined, "en");
      const sp = presentEntry(entry, undefined, "es");
      assert.equal(sp.name, en.name);
      assert.deepEqual(sp.nameSources, en.nameSources);
      for (const [i, f] of sp.functions.entries()) {
        assert.equal(f.value, en.functions[i]!.value);
        assert.deepEqual(f.sources, en.functions[i]!.sources, "source quotes stay verbatim English");
        assert.equal(f.detail, es.texts[`${entry.id}#functions/${f.value}`]);
      }
      for (const [i, n] of sp.notes.entries())
        assert.equal(n.text, es.texts[`${entry.id}#notes/${n.id}`], en.notes[i]!.id);
      for (const [i, c] of sp.contacts.entries()) {
        assert.equal(c.value, en.contacts[i]!.value);
        assert.equal(c.label, es.texts[`${entry.id}#contacts/${c.id}`]);
      }
    }
  });
  test("the Spanish rendering of an official name is added, never substituted", () => {
    const hhs = presentEntry(catalog.byId.get("hhs")!, undefined, "es");
    assert.equal(hhs.name, "Department of Health and Human Services");
    assert.equal(hhs.localName, "Departamento de Salud y Servicios Humanos");
    assert.equal(presentEntry(catalog.byId.get("hhs")!).localName, undefined, "no local name in English");
  });
});

describe("choosing the language", () => {
  test("lang wins; else Accept-Language by quality; else English", () => {
    assert.equal(negotiateLang("en", "es"), "en");
    assert.equal(negotiateLang("es", undefined), "es");
    assert.equal(negotiateLang(undefined, undefined), "en");
    assert.equal(negotiateLang(undefined, "es"), "es");
    assert.equal(negotiateLang(undefined, "es-US,es;q=0.9,en;q=0.8"), "es");
    assert.equal(negotiateLang(undefined, "en-US,en;q=0.9,es;q=0.8"), "en");
    assert.equal(negotiateLang(undefined, "fr-FR, es;q=0.5"), "es");
    assert.equal(negotiateLang(undefined, "fr-FR, de"), "en");
    assert.equal(negotiateLang(undefined, "es;q=0, en;q=0.1"), "en");
    assert.equal(negotiateLang(undefined, "*"), "en");
  });
});
