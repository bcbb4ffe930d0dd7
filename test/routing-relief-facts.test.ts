import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { type Facts, FactsSchema } from "../src/modules/routing/routing.schema.ts";
import { evaluateFacts } from "../src/modules/routing/routing.service.ts";
import { factsArb } from "./routing-facts.ts";

/** The routing facts that grow with a case (Contract 5): age when exploited, visa, cooperation, U.S. nexus. */
const rulesOf = (f: Facts) => evaluateFacts(FactsSchema.parse(f)).recommendations.flatMap((r) => r.rules);
const notApplicable = (f: Facts) =>
  evaluateFacts(FactsSchema.parse(f)).notApplicable.map((n) => `${n.rule}: ${n.reason}`);
const FN = { age: 30, citizenship: "foreign_national" } as const;
const TRAFFICKED: Facts = {
  victim: FN,
  exploitation: ["labor_trafficking"],
  location: { inUnitedStates: true },
};

describe("routing: relief facts", () => {
  test("no U visa without a U.S. nexus, and the answer says why", () => {
    const f: Facts = { ...TRAFFICKED, location: { abroad: true }, usNexus: false };
    assert.ok(!rulesOf(f).includes("uscis-u-visa"));
    assert.ok(
      notApplicable(f).some((r) => /^uscis-u-visa: .*U\.S\. law/.test(r)),
      JSON.stringify(notApplicable(f)),
    );
    assert.ok(rulesOf({ ...f, usNexus: true }).includes("uscis-u-visa"));
  });

  test("a T visa needs presence on account of trafficking", () => {
    const f: Facts = { ...TRAFFICKED, victim: { ...FN, presentOnAccountOfTrafficking: false } };
    assert.ok(!rulesOf(f).includes("uscis-t-visa"));
    assert.ok(
      rulesOf({ ...TRAFFICKED, victim: { ...FN, presentOnAccountOfTrafficking: true } }).includes(
        "uscis-t-visa",
      ),
    );
  });

  test("declining to cooperate closes the T visa unless a minor then or traumatized", () => {
    const declines = {
      ...FN,
      cooperatesWithLawEnforcement: "no" as const,
      ageWhenExploited: 25,
      traumaException: false,
    };
    assert.ok(!rulesOf({ ...TRAFFICKED, victim: declines }).includes("uscis-t-visa"));
    assert.ok(
      rulesOf({ ...TRAFFICKED, victim: { ...declines, ageWhenExploited: 16 } }).includes("uscis-t-visa"),
    );
    assert.ok(
      rulesOf({ ...TRAFFICKED, victim: { ...declines, traumaException: true } }).includes("uscis-t-visa"),
    );
    // "unknown" is not "no": it asks instead of ruling out.
    assert.ok(
      rulesOf({ ...TRAFFICKED, victim: { ...FN, cooperatesWithLawEnforcement: "unknown" } }).includes(
        "uscis-t-visa",
      ),
    );
  });

  test("a U visa for a victim under 16 does not need the victim's own cooperation", () => {
    const f: Facts = {
      ...TRAFFICKED,
      victim: { ...FN, age: 15, ageWhenExploited: 14, cooperatesWithLawEnforcement: "no" },
    };
    assert.ok(rulesOf(f).includes("uscis-u-visa"));
    assert.ok(
      !rulesOf({
        ...f,
        victim: { ...FN, ageWhenExploited: 30, cooperatesWithLawEnforcement: "no" },
      }).includes("uscis-u-visa"),
    );
  });

  test("an A-3 or G-5 domestic worker is routed to the State Department; an H-2A worker is a foreign national", () => {
    for (const visaCategory of ["A-3", "G-5"] as const)
      assert.ok(
        rulesOf({ ...TRAFFICKED, victim: { visaCategory } }).includes("dos-diplomatic-domestic-worker"),
      );
    const h2a = rulesOf({
      victim: { age: 30, visaCategory: "H-2A" },
      exploitation: ["labor_trafficking"],
      location: { inUnitedStates: true },
    });
    assert.ok(!h2a.includes("dos-diplomatic-domestic-worker"));
    assert.ok(h2a.includes("uscis-t-visa") && h2a.includes("dos-visa-resources"));
  });

  test("unknown fields and codes outside the lists are rejected", () => {
    assert.equal(FactsSchema.safeParse({ victim: { visaCategory: "H-1B" } }).success, false);
    assert.equal(FactsSchema.safeParse({ uVisaQualifyingCrimes: ["jaywalking"] }).success, false);
    assert.equal(FactsSchema.safeParse({ victim: { ageWhenExploited: 121 } }).success, false);
  });

  test("property: usNexus false never yields a U visa; a stated non-presence never yields a T visa", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const rules = rulesOf(facts);
        if (facts.usNexus === false) assert.ok(!rules.includes("uscis-u-visa"));
        if (facts.victim?.presentOnAccountOfTrafficking === false) assert.ok(!rules.includes("uscis-t-visa"));
      }),
      { numRuns: 2000 },
    );
  });
});
