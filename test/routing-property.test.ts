import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { defaultCatalog } from "../src/modules/directory/directory.catalog.ts";
import { REQUESTERS } from "../src/modules/directory/directory.schema.ts";
import { AnswerSchema, type Facts, FactsSchema } from "../src/modules/routing/routing.schema.ts";
import { evaluateFacts } from "../src/modules/routing/routing.service.ts";
import { bool, factsArb, opt } from "./routing-facts.ts";

const catalog = defaultCatalog();

/** The populations a recommended function is limited to, read straight from the directory data. */
function populationsOf(orgId: string, action: string): string[] {
  const e = catalog.byId.get(orgId)!;
  return e.functions.find((f) => f.value === action)?.populations ?? e.populations.map((p) => p.value);
}

/** Whether the directory's populations exclude this victim (unknown facts never exclude). */
function excludes(pops: string[], f: Facts): boolean {
  if (pops.includes("any")) return false;
  const v = f.victim ?? {};
  const visaHolder = v.nonimmigrantVisa === "work" || v.nonimmigrantVisa === "travel";
  const cit =
    v.citizenship === "us_citizen"
      ? "us_citizens"
      : v.citizenship === "lawful_permanent_resident"
        ? "lpr"
        : v.citizenship === "foreign_national" ||
            ((!v.citizenship || v.citizenship === "unknown") && visaHolder)
          ? "foreign_nationals"
          : undefined;
  const age = v.age === undefined ? undefined : v.age < 18 ? "minors" : "adults";
  const citAxis = pops.filter((p) => p === "foreign_nationals" || p === "us_citizens");
  const ageAxis = pops.filter((p) => p === "minors" || p === "adults");
  return Boolean(
    (cit && citAxis.length && !(citAxis as string[]).includes(cit)) ||
      (age && ageAxis.length && !ageAxis.includes(age)),
  );
}

describe("routing properties (fast-check)", () => {
  test("the engine never recommends an entry whose populations exclude the victim", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        for (const r of evaluateFacts(FactsSchema.parse(facts)).recommendations) {
          const pops = populationsOf(r.orgId, r.action);
          assert.ok(
            !excludes(pops, facts),
            `${r.orgId} ${r.action} serves ${pops} but facts ${JSON.stringify(facts)}`,
          );
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("a U.S. citizen or permanent resident never gets a T/U visa or an HHS letter; an adult never a minors-only program", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const recs = evaluateFacts(FactsSchema.parse(facts)).recommendations;
        const cit = facts.victim?.citizenship;
        if (cit === "us_citizen" || cit === "lawful_permanent_resident") {
          assert.ok(!recs.some((r) => r.orgId === "uscis" || r.orgId === "uscis-vawa-unit"));
          assert.ok(
            !recs.some((r) => r.orgId === "hhs-otip" && /certification|eligibility_letter/.test(r.action)),
          );
        }
        if (facts.victim?.age !== undefined && facts.victim.age >= 18) {
          const minorsOnly = [
            "fbi-innocence-lost",
            "ojjdp-icac",
            "doj-ceos",
            "ncmec",
            "dhs-operation-predator",
          ];
          assert.ok(!recs.some((r) => minorsOnly.includes(r.orgId)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("the rules agree with the directory: the engine's scope guard never has to step in", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const guarded = evaluateFacts(FactsSchema.parse(facts)).notApplicable.filter((m) =>
          m.reason.startsWith("Not "),
        );
        assert.deepEqual(guarded, [], JSON.stringify(facts));
      }),
      { numRuns: 3000 },
    );
  });

  test("every answer matches the API's response schema, and questions only ask about unknown facts", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const answer = evaluateFacts(FactsSchema.parse(facts));
        AnswerSchema.parse(answer);
        for (const q of answer.questions) {
          if (q.fact === "requester") assert.equal(facts.requester, undefined);
          if (q.fact === "victim.age") assert.equal(facts.victim?.age, undefined);
          if (q.fact === "online") assert.equal(facts.online, undefined);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("who the victim is, where, and who asks, raise no program by themselves: only a possible child victim's", () => {
    // Age, citizenship, visa, location and requester say nothing about trafficking or a need: a
    // recommendation for an adult (or someone of unknown age) must wait for a raised fact, and the
    // unknowns become questions. A child is the exception the law makes: a child who *may* be a victim
    // is owed the HHS notice and services (22 USC 7105(b)(1)(G)), and OVC serves U.S. citizen children.
    const CHILD_VICTIM = [
      "hhs-otip:eligibility_letter",
      "hhs-otip:victim_services",
      "doj-ovc:victim_services",
    ];
    const aboutWhoAndWhere = fc.record(
      {
        victim: factsArb.map((f) => f.victim ?? {}),
        location: fc.record({ inUnitedStates: bool, abroad: bool }, opt),
        requester: fc.constantFrom(...REQUESTERS),
      },
      opt,
    );
    fc.assert(
      fc.property(aboutWhoAndWhere, (facts) => {
        const answer = evaluateFacts(FactsSchema.parse(facts));
        const child = facts.victim?.age !== undefined && facts.victim.age < 18;
        for (const r of answer.recommendations) {
          const key = `${r.orgId}:${r.action}`;
          // The hotline answers whoever calls: a victim or a member of the public raises that by asking.
          if (key === "nhth:hotline" && (facts.requester === "victim" || facts.requester === "public"))
            continue;
          assert.ok(child && CHILD_VICTIM.includes(key), `${key} recommended on ${JSON.stringify(facts)}`);
        }
        if (!child) assert.ok(answer.questions.some((q) => q.fact === "exploitation"));
      }),
      { numRuns: 2000 },
    );
  });

  test('"unknown" is the same as not saying, never the same as "no"', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const v = facts.victim ?? {};
        const explicit = { ...facts, victim: { ...v, citizenship: v.citizenship ?? "unknown" } } as Facts;
        const absent = {
          ...facts,
          victim: { ...v, citizenship: v.citizenship === "unknown" ? undefined : v.citizenship },
        };
        assert.deepEqual(
          evaluateFacts(FactsSchema.parse(explicit)),
          evaluateFacts(FactsSchema.parse(absent)),
        );
      }),
      { numRuns: 500 },
    );
  });
});
