import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  buildCatalog,
  DIRECTORY_FILE,
  DirectoryDataError,
  defaultCatalog,
  factRef,
  filterEntries,
} from "../src/modules/directory/directory.catalog.ts";
import { inLanguage } from "../src/modules/directory/directory.i18n.ts";
import type { Lang } from "../src/modules/directory/directory.lang.ts";
import { foldText, searchWords } from "../src/modules/directory/directory.search.ts";

const raw = () => JSON.parse(readFileSync(DIRECTORY_FILE, "utf8"));
const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

describe("directory catalog: loading and validation", () => {
  test("the repository's directory loads, with a version and a content hash", () => {
    const c = defaultCatalog();
    assert.ok(c.entries.length >= 34);
    assert.match(c.hash, /^[0-9a-f]{64}$/);
    assert.ok(c.version.length > 0);
  });

  test("a bad value is reported with the entry id and the field path", () => {
    const data = raw();
    data.entries[2].functions[0].value = "teleport";
    assert.throws(
      () => buildCatalog(data),
      (e: Error) => {
        assert.ok(e instanceof DirectoryDataError);
        assert.match(e.message, /entry 'hhs-otip' \(entries\[2\]\) field functions\[0\]\.value/);
        return true;
      },
    );
  });

  test("a fact without a source is rejected", () => {
    const data = raw();
    data.entries[2].populations[0].sources = [];
    assert.throws(
      () => buildCatalog(data),
      /entry 'hhs-otip'.*populations\[0\]\.sources.*at least one source/,
    );
  });

  test("a duplicate id, a missing parent and a fact stated twice are rejected", () => {
    const dup = raw();
    dup.entries[3].id = "hhs-otip";
    assert.throws(() => buildCatalog(dup), /entry 'hhs-otip' appears twice/);
    const orphan = raw();
    orphan.entries[2].parent.id = "nowhere";
    assert.throws(() => buildCatalog(orphan), /entry 'hhs-otip' field parent\.id: no entry 'nowhere'/);
    const twice = raw();
    twice.entries[2].functions.push(twice.entries[2].functions[0]);
    assert.throws(() => buildCatalog(twice), /hhs-otip#functions\/funding is stated twice/);
  });

  test("facts are addressable by ref", () => {
    const c = defaultCatalog();
    const f = c.facts.get(factRef("hhs-otip", "functions", "certification"));
    assert.equal(f?.entryId, "hhs-otip");
    assert.ok(
      f?.sources.some((s) => "quote" in s && s.quote?.startsWith("OTIP also provides certification")),
    );
  });
});

describe("directory catalog: filters", () => {
  const c = defaultCatalog();
  test("by function", () => {
    const prosecutors = ids(filterEntries(c, { function: "prosecute" }));
    assert.deepEqual(prosecutors.sort(), ["doj-ceos", "doj-htpu"]);
  });
  test("by population: minors-only entries and any-population entries serve minors; minors-only do not serve adults", () => {
    const minors = ids(filterEntries(c, { population: "minors" }));
    assert.ok(minors.includes("fbi-innocence-lost") && minors.includes("nhth"));
    const adults = ids(filterEntries(c, { population: "adults" }));
    assert.ok(!adults.includes("fbi-innocence-lost") && !adults.includes("ojjdp-icac"));
  });
  test("by crime type", () => {
    const abduction = ids(filterEntries(c, { crimeType: "parental_child_abduction" }));
    assert.deepEqual(abduction.sort(), ["doj-ceos", "ncmec"]);
  });
  test("by text: words, abbreviations, any case and accents", () => {
    assert.deepEqual(ids(filterEntries(c, { q: "vawa" })), ["uscis-vawa-unit"]);
    assert.ok(ids(filterEntries(c, { q: "Innocence LOST" })).includes("fbi-innocence-lost"));
    assert.ok(ids(filterEntries(c, { q: "wage hour" })).includes("dol-whd"));
    assert.deepEqual(filterEntries(c, { q: "zzzz" }), []);
  });
  test("filters combine", () => {
    const r = ids(
      filterEntries(c, { function: "investigate", population: "minors", crimeType: "child_sex_tourism" }),
    );
    assert.deepEqual(r.sort(), ["dhs-hsi", "dhs-operation-predator"]);
  });
});

describe("directory catalog: text search in English and Spanish (what the CLI's --lang does)", () => {
  const c = defaultCatalog();
  const search = (q: string, lang: Lang) => ids(filterEntries(c, { q }, inLanguage(lang)));
  test("folding: case and accents go, the same for the text and the query", () => {
    assert.equal(foldText("Línea NIÑOS Agrícola"), "linea ninos agricola");
    assert.deepEqual(searchWords("  Línea   T "), ["linea", "t"]);
    assert.deepEqual(searchWords("a b c", 2), ["a", "b"]);
  });
  test("Spanish words find the entries, with or without accents", () => {
    assert.ok(search("trata", "es").includes("nhth"));
    for (const q of ["línea", "linea", "Línea Nacional"]) assert.ok(search(q, "es").includes("nhth"), q);
    assert.ok(search("visa T", "es").includes("uscis"));
    for (const q of ["niños", "ninos"]) assert.ok(search(q, "es").includes("ncmec"), q);
    for (const q of ["trabajo agrícola", "trabajo agricola"])
      assert.deepEqual(search(q, "es"), ["dol-whd"], q);
    assert.ok(search("uscis", "es").includes("uscis"), "official abbreviations in any language");
  });
  test("English search is unchanged: the default text is the English one", () => {
    assert.deepEqual(search("trata", "en"), []);
    assert.deepEqual(search("vawa", "en"), ids(filterEntries(c, { q: "vawa" })));
    assert.deepEqual(search("Innocence LOST", "en"), ids(filterEntries(c, { q: "Innocence LOST" })));
  });
});
