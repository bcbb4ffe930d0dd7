import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { defaultCatalog } from "../src/modules/directory/directory.catalog.ts";
import { compileRouter } from "../src/modules/routing/routing.engine.ts";
import {
  checkRulesTranslation,
  parseRulesTranslation,
  RULES_ES_FILE,
  RulesTranslationSchema,
  translatableKeys,
  translatedText,
} from "../src/modules/routing/routing.i18n.ts";
import { loadRules } from "../src/modules/routing/routing.rules.ts";
import { FactsSchema } from "../src/modules/routing/routing.schema.ts";
import { defaultRouter, evaluateFacts } from "../src/modules/routing/routing.service.ts";
import { spanishWording } from "../src/modules/routing/routing.wording.ts";
import { lostTokens } from "./directory-i18n-helpers.ts";
import { SITUATIONS } from "./routing-situations.ts";

const rules = loadRules();
const raw = JSON.parse(readFileSync(RULES_ES_FILE, "utf8"));
// Parsed by the schema only, so a missing text shows up below as a named key, not as a load error.
const es = RulesTranslationSchema.parse(raw);
const keys = translatableKeys(rules);
const missing = (prefix: RegExp) =>
  keys.filter((k) => prefix.test(k.key) && !translatedText(es, k.key)).map((k) => k.key);

describe("routing in Spanish: every text has a reviewed translation", () => {
  test("every rule's reason", () => {
    assert.deepEqual(missing(/^rules\.[^.]+\.reason$/), [], "rules without a Spanish reason");
  });
  test("every near miss", () => {
    assert.deepEqual(missing(/\.nearMisses\./), [], "near misses without a Spanish reason");
  });
  test("every deadline's text and start", () => {
    assert.deepEqual(missing(/\.deadlines\./), [], "deadlines without Spanish text");
  });
  test("every question and every display option (API values such as us_citizen stay as they are)", () => {
    assert.deepEqual(missing(/^questions\./), [], "questions without Spanish text");
  });
  test("no translation is stale (every key names a rule, near miss, deadline or question)", () => {
    assert.deepEqual(checkRulesTranslation(rules, es).unknown, []);
  });
  test("a translation is a translation: no text is a copy of the English", () => {
    const copies = keys.filter(
      (k) => !k.key.includes(".options.") && translatedText(es, k.key) === k.english,
    );
    assert.deepEqual(
      copies.map((k) => k.key),
      [],
    );
  });
  test("numbers, phone numbers, citations, form numbers and acronyms are kept", () => {
    const lost = keys
      .map((k) => ({ key: k.key, lost: lostTokens(k.english, translatedText(es, k.key) ?? "") }))
      .filter((x) => x.lost.length);
    assert.deepEqual(lost, []);
  });
});

describe("routing translations are validated at load", () => {
  test("a missing text is rejected, naming its key", () => {
    const copy = structuredClone(raw);
    delete copy.rules["uscis-t-visa"].nearMisses["not-in-us"];
    delete copy.questions.online.options.yes;
    assert.throws(
      () => parseRulesTranslation(copy, rules),
      /no text for: rules\.uscis-t-visa\.nearMisses\.not-in-us, questions\.online\.options\.yes/,
    );
  });
  test("a text for something the rules do not have is rejected as stale", () => {
    const copy = structuredClone(raw);
    copy.rules["uscis-t-visa"].nearMisses.gone = "Ya no existe.";
    assert.throws(() => parseRulesTranslation(copy, rules), /rules\.uscis-t-visa\.nearMisses\.gone/);
  });
  test("a schema error names the field", () => {
    const copy = structuredClone(raw);
    delete copy.vocabulary.functions.prosecute;
    assert.throws(() => parseRulesTranslation(copy, rules), /field vocabulary\.functions\.prosecute/);
    assert.throws(() => parseRulesTranslation({ ...raw, lang: "fr" }, rules), /field lang/);
  });
});

describe("routing answers in Spanish", () => {
  for (const s of SITUATIONS) {
    test(`${s.name}: same answer, Spanish words`, () => {
      const facts = FactsSchema.parse(s.facts);
      const en = evaluateFacts(facts, "en");
      const sp = evaluateFacts(facts, "es");
      const shape = (a: typeof en) => ({
        recommendations: a.recommendations.map(({ orgId, orgName, action, priority, rules, sources }) => ({
          orgId,
          orgName,
          action,
          priority,
          rules,
          sources,
        })),
        notApplicable: a.notApplicable.map(({ orgId, action, rule, sources }) => ({
          orgId,
          action,
          rule,
          sources,
        })),
        deadlines: a.deadlines.map(({ id, orgId, clock, priority, sources }) => ({
          id,
          orgId,
          clock,
          priority,
          sources,
        })),
        questions: a.questions.map(({ fact, affects }) => ({ fact, affects })),
      });
      assert.deepEqual(shape(sp), shape(en), "only the words change; sources stay the English seed");
      for (const r of sp.recommendations) {
        const expected = r.rules.map((id) => es.rules[id]!.reason);
        for (const text of expected) assert.ok(r.reason.includes(text), `${r.rules}: ${r.reason}`);
      }
      for (const m of sp.notApplicable) {
        const nm = rules.rules
          .find((r) => r.id === m.rule)
          ?.nearMisses?.find((n) => es.rules[m.rule]?.nearMisses?.[n.id] === m.reason);
        assert.ok(nm, `near miss of ${m.rule} not in Spanish: ${m.reason}`);
      }
      for (const d of sp.deadlines) {
        const rule = rules.rules.find((r) => r.deadlines?.some((x) => x.id === d.id))!;
        assert.deepEqual({ text: d.text, startsWhen: d.startsWhen }, es.rules[rule.id]!.deadlines![d.id]);
      }
      for (const q of sp.questions) assert.equal(q.question, es.questions[q.fact]!.question);
      const english = new Set([
        ...en.recommendations.map((r) => r.reason),
        ...en.notApplicable.map((m) => m.reason),
        ...en.deadlines.map((d) => d.text),
      ]);
      for (const t of [...sp.recommendations.map((r) => r.reason), ...sp.deadlines.map((d) => d.text)]) {
        assert.ok(!english.has(t), `English text in the Spanish answer: ${t}`);
      }
    });
  }

  test("official names stay English; the Spanish rendering is added where one is in common use", () => {
    const sp = evaluateFacts(FactsSchema.parse({ requester: "victim" }), "es");
    const hotline = sp.recommendations.find((r) => r.orgId === "nhth")!;
    assert.equal(hotline.orgName, "National Human Trafficking Hotline");
    assert.equal(hotline.orgLocalName, "Línea Nacional contra la Trata de Personas");
    assert.match(hotline.reason, /1-888-373-7888/);
    const en = evaluateFacts(FactsSchema.parse({ requester: "victim" }), "en");
    assert.ok(
      en.recommendations.every((r) => r.orgLocalName === undefined),
      "no local name in English",
    );
  });

  test("question options: display words are translated, API values are not", () => {
    const sp = evaluateFacts(FactsSchema.parse({}), "es");
    const options = Object.fromEntries(sp.questions.map((q) => [q.fact, q.options]));
    assert.deepEqual(options["victim.age"], ["menor de 18", "18 o más"]);
    assert.deepEqual(options["victim.citizenship"], [
      "us_citizen",
      "lawful_permanent_resident",
      "foreign_national",
    ]);
    assert.deepEqual(options.online, ["sí", "no"]);
  });

  test("the scope guard explains itself in Spanish too", () => {
    // A deliberately wrong rule (an eligibility letter for adults) makes the guard fire.
    const wrong = {
      ...rules,
      rules: [{ ...rules.rules[0]!, when: "victim.adult", nearMisses: [], deadlines: [] }],
    };
    const facts = FactsSchema.parse({ victim: { age: 30, citizenship: "foreign_national" } });
    const catalog = defaultCatalog();
    const en = compileRouter(wrong, catalog).evaluate(facts);
    assert.equal(
      en.notApplicable[0]?.reason,
      "Not Office on Trafficking in Persons (eligibility letter): it serves foreign nationals, minors only, and the victim is an adult.",
    );
    const sp = compileRouter(wrong, catalog, { wording: spanishWording(es.vocabulary) }).evaluate(facts);
    assert.equal(
      sp.notApplicable[0]?.reason,
      "Office on Trafficking in Persons (cartas de elegibilidad) no corresponde: solo atiende a personas extranjeras, menores de 18 años, y la víctima es adulta.",
    );
  });

  test("the Spanish router is built once, with the English one", () => {
    assert.equal(defaultRouter("es"), defaultRouter("es"));
    assert.notEqual(defaultRouter("es"), defaultRouter("en"));
  });
});
