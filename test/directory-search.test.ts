import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { defaultCatalog, filterEntries } from "../src/modules/directory/directory.catalog.ts";
import { inLanguage } from "../src/modules/directory/directory.i18n.ts";
import type { Lang } from "../src/modules/directory/directory.lang.ts";
import { parseSearchTerms } from "../src/modules/directory/directory.search.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { describeEachStore } from "./support/stores.ts";

// The same meaning finds comparable entries in English and Spanish, in the CLI (the data file) and the
// API (the store), which find exactly the same entries. "Comparable": of the entries either language
// finds, at least 60% are found by both (Jaccard similarity ≥ 0.6), and neither finds nothing.

const PAIRS: Array<[string, string]> = [
  ["children", "niños"],
  ["child", "niño"],
  ["minors", "menores"],
  ["labor", "trabajo"],
  ["forced labor", "trabajo forzoso"],
  ["workers", "trabajadores"],
  ["visa", "visa"],
  ["victims", "víctimas"],
  ["trafficking", "trata"],
  ["sexual exploitation", "explotación sexual"],
  ["tip", "denuncia"],
  ["funding", "financiamiento"],
  ["investigates", "investiga"],
  ["prosecution", "enjuiciamiento"],
  ["victim services", "servicios a víctimas"],
  ["immigration", "inmigración"],
];
const MIN_JACCARD = 0.6;

const catalog = defaultCatalog();
const cli = (q: string, lang: Lang) => filterEntries(catalog, { q }, inLanguage(lang)).map((e) => e.id);
const jaccard = (a: string[], b: string[]) =>
  a.filter((x) => b.includes(x)).length / new Set([...a, ...b]).size;

function assertComparable(en: string, es: string, found: { en: string[]; es: string[] }) {
  assert.ok(
    found.en.length > 0 && found.es.length > 0,
    `${en}: ${found.en.length}, ${es}: ${found.es.length}`,
  );
  const j = jaccard(found.en, found.es);
  assert.ok(
    j >= MIN_JACCARD,
    `${en} (${found.en.length}) and ${es} (${found.es.length}) overlap ${j.toFixed(2)}: ` +
      `only English ${found.en.filter((x) => !found.es.includes(x))}, only Spanish ${found.es.filter((x) => !found.en.includes(x))}`,
  );
}

describe("directory search in the CLI: the same meaning, comparable results in English and Spanish", () => {
  for (const [en, es] of PAIRS) {
    test(`${en} / ${es}`, () => assertComparable(en, es, { en: cli(en, "en"), es: cli(es, "es") }));
  }

  test("a word matches at a word start: 'visa' does not find 'supervisa', 'trabajo' not 'grupos de trabajo'", () => {
    const departments = ["hhs", "dhs", "doj", "dol"]; // "supervisa los componentes…"
    assert.ok(!cli("visa", "es").some((id) => departments.includes(id)));
    assert.ok(!cli("trabajo", "es").includes("ht-task-forces"), "task forces are not labor");
    assert.ok(cli("grupos de trabajo", "es").includes("ht-task-forces"), "the phrase finds them");
    assert.ok(cli("task forces", "en").includes("ht-task-forces"));
  });

  test("typos still find the entry in both languages; vocabulary words are not taken for typos", () => {
    assert.ok(cli("inocence", "en").includes("fbi-innocence-lost"));
    assert.ok(cli("explotasion", "es").includes("doj-ceos"));
    assert.deepEqual(cli("trata", "en"), [], "English searches English texts only");
  });

  test("the vocabulary rejects a word listed in two concepts of one language, and phrases as words", () => {
    const file = (concepts: object[]) => ({ about: "", concepts, phrases: { en: [], es: [] } });
    assert.throws(
      () =>
        parseSearchTerms(
          file([
            { en: ["Child"], es: ["niño"] },
            { en: ["child"], es: ["menor"] },
          ]),
        ),
      /'child' is in two en concepts/,
    );
    assert.throws(() => parseSearchTerms(file([{ en: ["task force"], es: ["x"] }])), /not one word/);
  });
});

describeEachStore("directory search in the API: what the CLI finds, in both languages", (backend) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(backend);
  });
  after(() => t.close());

  const api = async (q: string, lang: Lang) => {
    const r = await t.app.inject({ url: `/api/v1/directory?q=${encodeURIComponent(q)}&lang=${lang}` });
    assert.equal(r.statusCode, 200, r.body);
    return (r.json().entries as Array<{ id: string }>).map((e) => e.id);
  };

  for (const [en, es] of PAIRS) {
    test(`${en} / ${es}: comparable, and exactly what the CLI finds`, async () => {
      const found = { en: await api(en, "en"), es: await api(es, "es") };
      assertComparable(en, es, found);
      assert.deepEqual([...found.en].sort(), cli(en, "en").sort(), `${en} (en)`);
      assert.deepEqual([...found.es].sort(), cli(es, "es").sort(), `${es} (es)`);
    });
  }

  test("typos and phrases behave as in the CLI", async () => {
    for (const [q, lang] of [
      ["inocence", "en"],
      ["explotasion", "es"],
      ["trabajo", "es"],
      ["grupos de trabajo", "es"],
      ["100%", "en"],
    ] as const) {
      assert.deepEqual((await api(q, lang)).sort(), cli(q, lang).sort(), `${q} (${lang})`);
    }
  });
});
