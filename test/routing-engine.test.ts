import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ATOM_INDEX, atomize, NO, UNKNOWN, YES } from "../src/modules/routing/routing.atoms.ts";
import { FactsSchema } from "../src/modules/routing/routing.schema.ts";
import { evaluateFacts } from "../src/modules/routing/routing.service.ts";

const atom = (facts: object, name: string) => atomize(FactsSchema.parse(facts))[ATOM_INDEX.get(name)!];

describe("routing engine: facts and unknowns", () => {
  test("the facts schema takes the issue's JSON and rejects unknown keys and bad values", () => {
    const issueExample = {
      victim: { age: 16, citizenship: "us_citizen", nonimmigrantVisa: "none" },
      exploitation: ["sex_trafficking"],
      labor: {
        agricultureOrMigrantWork: true,
        wageOrHourViolations: true,
        internationalChildOrForcedLabor: true,
      },
      location: { inUnitedStates: true, abroad: false, state: "TX" },
      online: true,
      nationalSecurity: false,
      requester: "law_enforcement",
      needs: ["report_tip", "investigation"],
    };
    assert.ok(FactsSchema.safeParse(issueExample).success);
    assert.ok(
      !FactsSchema.safeParse({ victim: { age: 16, name: "x" } }).success,
      "no stray keys (and no names)",
    );
    assert.ok(!FactsSchema.safeParse({ victim: { age: -1 } }).success);
    assert.ok(!FactsSchema.safeParse({ location: { state: "Texas" } }).success);
  });

  test("absent, 'unknown' and empty lists are UNKNOWN, not NO", () => {
    assert.equal(atom({}, "victim.minor"), UNKNOWN);
    assert.equal(atom({ victim: { citizenship: "unknown" } }, "victim.foreignNational"), UNKNOWN);
    assert.equal(atom({ exploitation: [] }, "exploitation.sex_trafficking"), UNKNOWN);
    assert.equal(atom({ online: false }, "online"), NO);
    assert.equal(atom({ exploitation: ["labor_trafficking"] }, "exploitation.sex_trafficking"), NO);
    assert.equal(atom({ victim: { age: 17 } }, "victim.minor"), YES);
    assert.equal(atom({ victim: { age: 18 } }, "victim.minor"), NO);
  });

  test("a nonimmigrant work or travel visa implies a foreign national; citizens hold no such visa", () => {
    assert.equal(atom({ victim: { nonimmigrantVisa: "work" } }, "victim.foreignNational"), YES);
    assert.equal(
      atom({ victim: { citizenship: "us_citizen", nonimmigrantVisa: "work" } }, "victim.visa.work"),
      NO,
    );
  });

  test("with nothing known, nothing victim-specific is recommended and the decisive questions come first", () => {
    const answer = evaluateFacts({});
    assert.deepEqual(answer.recommendations, []);
    assert.deepEqual(answer.deadlines, []);
    const order = answer.questions.map((q) => q.fact);
    assert.deepEqual(order.slice(0, 4), [
      "exploitation",
      "victim.citizenship",
      "victim.age",
      "location.inUnitedStates",
    ]);
    assert.ok(answer.questions[1]?.affects.some((a) => a.priority === "required"));
  });

  test("an unknown citizenship does not rule out immigration relief: it asks", () => {
    const answer = evaluateFacts({ victim: { age: 30 }, exploitation: ["labor_trafficking"] });
    assert.ok(!answer.recommendations.some((r) => r.orgId === "uscis"));
    assert.ok(!answer.notApplicable.some((r) => r.orgId === "uscis"));
    assert.equal(answer.questions[0]?.fact, "victim.citizenship");
  });

  test("a child whose presence in the U.S. is unknown still triggers the HHS notice: 'may be' is enough", () => {
    const answer = evaluateFacts({ victim: { age: 10, citizenship: "foreign_national" } });
    assert.ok(answer.deadlines.some((d) => d.id === "notify-hhs-24h"));
    assert.ok(answer.questions.some((q) => q.fact === "location.inUnitedStates"));
  });

  test("two rules reaching the same entry and action merge into one recommendation with both reasons", () => {
    const answer = evaluateFacts({
      victim: { age: 30, citizenship: "foreign_national" },
      exploitation: ["sex_trafficking"],
    });
    const uscis = answer.recommendations.filter((r) => r.orgId === "uscis");
    assert.equal(uscis.length, 1);
    assert.deepEqual(uscis[0]?.rules, ["uscis-t-visa", "uscis-u-visa"]);
    assert.match(uscis[0]?.reason ?? "", /T visa.*U visa/s);
  });

  test("recommendations are ordered required, recommended, optional", () => {
    const answer = evaluateFacts({
      victim: { age: 12, citizenship: "foreign_national" },
      exploitation: ["sex_trafficking"],
      requester: "service_provider",
      needs: ["funding", "training"],
    });
    const ranks = answer.recommendations.map((r) =>
      ["required", "recommended", "optional"].indexOf(r.priority),
    );
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    assert.equal(answer.recommendations[0]?.priority, "required");
  });

  test("evaluation is pure: the same facts give the same answer, and the facts are not changed", () => {
    const facts = FactsSchema.parse({ victim: { age: 16 }, exploitation: ["sex_trafficking"] });
    const copy = structuredClone(facts);
    assert.deepEqual(evaluateFacts(facts), evaluateFacts(facts));
    assert.deepEqual(facts, copy);
  });
});
