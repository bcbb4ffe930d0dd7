import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { evaluateFacts } from "../src/modules/routing/routing.service.ts";
import { SITUATIONS } from "./routing-situations.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("directory and routing API in Spanish", (backend) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(backend);
  });
  after(() => t.close());

  const evaluate = (facts: object, url = "/api/v1/routing/evaluate", headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url, payload: facts, headers });

  for (const s of SITUATIONS) {
    test(`${s.name}: ?lang=es answers in Spanish`, async () => {
      const r = await evaluate(s.facts, "/api/v1/routing/evaluate?lang=es");
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers["content-language"], "es");
      const sp = r.json();
      const en = evaluateFacts(s.facts, "en");
      assert.deepEqual(sp, JSON.parse(JSON.stringify(evaluateFacts(s.facts, "es"))));
      assert.equal(sp.recommendations.length, en.recommendations.length);
      const english = new Set([
        ...en.recommendations.map((x) => x.reason),
        ...en.notApplicable.map((x) => x.reason),
        ...en.deadlines.flatMap((x) => [x.text, x.startsWhen]),
        ...en.questions.map((x) => x.question),
      ]);
      const texts: string[] = [
        ...sp.recommendations.map((x: { reason: string }) => x.reason),
        ...sp.notApplicable.map((x: { reason: string }) => x.reason),
        ...sp.deadlines.flatMap((x: { text: string; startsWhen: string }) => [x.text, x.startsWhen]),
        ...sp.questions.map((x: { question: string }) => x.question),
      ];
      assert.deepEqual(
        texts.filter((x) => english.has(x)),
        [],
        "English text in a Spanish answer",
      );
      for (const m of s.mentions ?? []) {
        assert.ok(
          sp.recommendations.some((x: { reason: string }) => x.reason.includes(m)),
          `Spanish reasons keep ${m}`,
        );
      }
    });
  }

  test("Accept-Language chooses when lang is absent; lang wins; English is the default", async () => {
    const facts = { requester: "victim" };
    const hotline = (body: { recommendations: Array<{ orgId: string; reason: string }> }) =>
      body.recommendations.find((x) => x.orgId === "nhth")!.reason;
    const byHeader = await evaluate(facts, undefined, { "accept-language": "es-US,es;q=0.9,en;q=0.8" });
    assert.equal(byHeader.headers["content-language"], "es");
    assert.match(hotline(byHeader.json()), /Línea Nacional contra la Trata de Personas/);
    const override = await evaluate(facts, "/api/v1/routing/evaluate?lang=en", { "accept-language": "es" });
    assert.match(hotline(override.json()), /^The National Human Trafficking Hotline/);
    const plain = await evaluate(facts);
    assert.equal(plain.headers["content-language"], "en");
    assert.match(hotline(plain.json()), /^The National Human Trafficking Hotline/);
    assert.match(String(plain.headers.vary), /accept-language/i);
  });

  test("an unsupported lang is a 400", async () => {
    const r = await evaluate({}, "/api/v1/routing/evaluate?lang=fr");
    assert.equal(r.statusCode, 400);
    const d = await t.app.inject({ method: "GET", url: "/api/v1/directory?lang=fr" });
    assert.equal(d.statusCode, 400);
  });

  test("GET /api/v1/directory and /{id} answer in Spanish; source quotes stay English", async () => {
    const list = (
      await t.app.inject({ method: "GET", url: "/api/v1/directory?lang=es&function=case_status" })
    ).json();
    const vawa = list.entries.find((e: { id: string }) => e.id === "uscis-vawa-unit");
    assert.equal(
      vawa.functions[0].detail,
      "Los abogados y defensores pueden consultar el estado de un caso ya presentado.",
    );
    assert.equal(vawa.contacts[0].value, "802-527-4888");
    const one = await t.app.inject({
      method: "GET",
      url: "/api/v1/directory/hhs-otip",
      headers: { "accept-language": "es" },
    });
    assert.equal(one.headers["content-language"], "es");
    const otip = one.json();
    assert.equal(otip.name, "Office on Trafficking in Persons");
    assert.equal(otip.localName, "Oficina de Trata de Personas");
    assert.match(otip.notes.find((n: { id: string }) => n.id === "notify-24h").text, /24 horas/);
    const cert = otip.functions.find((f: { value: string }) => f.value === "certification");
    assert.equal(cert.sources[0].kind, "seed");
    assert.match(cert.sources[0].quote, /foreign national victims/);
    const english = (await t.app.inject({ method: "GET", url: "/api/v1/directory/hhs-otip" })).json();
    assert.equal(english.localName, undefined);
    assert.match(english.notes.find((n: { id: string }) => n.id === "notify-24h").text, /24 hours/);
  });

  test("the OpenAPI document lists the lang parameter on all three routes", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    for (const [path, method] of [
      ["/api/v1/directory", "get"],
      ["/api/v1/directory/{id}", "get"],
      ["/api/v1/routing/evaluate", "post"],
    ] as const) {
      const lang = doc.paths[path][method].parameters.find((p: { name: string }) => p.name === "lang");
      assert.ok(lang, `${path} documents lang`);
      assert.equal(lang.in, "query");
      assert.deepEqual(lang.schema.enum, ["en", "es"]);
    }
  });
});
