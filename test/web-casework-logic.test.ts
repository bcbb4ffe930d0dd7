import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { afterSignIn } from "../web/src/pages/auth/afterSignIn.ts";
import { personDraftOf, personEditOf } from "../web/src/pages/records/personDraft.ts";
import { ageOn, routingFacts } from "../web/src/pages/records/routingFacts.ts";

// The web's pure casework logic: where sign-in returns to, what a person edit sends, the facts routing reads.

describe("after sign-in", () => {
  test("home (/work) unless sent from a page of this app; never elsewhere", () => {
    assert.equal(afterSignIn(undefined), "/work");
    assert.equal(afterSignIn({ signedOut: true }), "/work");
    assert.equal(afterSignIn({ from: "/cases/7?tab=x" }), "/cases/7?tab=x");
    for (const from of ["//evil.test/x", "/\\evil.test", "https://evil.test", "/sign-in", "/sign-in?x=1", 42])
      assert.equal(afterSignIn({ from }), "/work", String(from));
    fc.assert(
      fc.property(fc.string(), (from) => {
        const to = afterSignIn({ from });
        assert.ok(to === "/work" || (to === from && to.startsWith("/") && !to.startsWith("//")));
        assert.ok(!/^\/[\\/]/.test(to), "no protocol-relative address");
      }),
    );
  });
});

const person = {
  id: "p1",
  caseId: "c1",
  orgId: "o1",
  role: "victim",
  version: 3,
  sex: null,
  ageAtExploitation: null,
  raceEthnicity: null,
  citizenshipCountry: "MX",
  visaCategory: null,
  meansOfControl: ["threats"],
  exploitationTypes: [],
  industry: null,
  recruitment: null,
  citizenship: "foreign_national",
  createdAt: "2026-12-01T00:00:00Z",
  identityWithheld: false,
  givenName: "Lupe",
  familyName: null,
  dateOfBirth: "2010-05-01",
  phone: null,
  email: null,
  address: null,
  immigrationStatus: null,
  protected1367: false,
} as const satisfies Parameters<typeof personDraftOf>[0];

describe("person edit", () => {
  test("sends only what the user changed, empty text as null; identity only when shown", () => {
    const loaded = personDraftOf(person);
    const draft = {
      ...loaded,
      sex: "female",
      familyName: "Example",
      givenName: "",
      meansOfControl: ["threats", "debt_bondage"],
    };
    assert.deepEqual(personEditOf(draft, loaded, true), {
      givenName: null,
      familyName: "Example",
      sex: "female",
      meansOfControl: ["threats", "debt_bondage"],
    });
    assert.deepEqual(personEditOf(draft, loaded, false), {
      sex: "female",
      meansOfControl: ["threats", "debt_bondage"],
    });
    assert.deepEqual(personEditOf(loaded, loaded, true), {}, "nothing changed, nothing sent");
  });
});

describe("routing facts", () => {
  test("age in whole years on the birthday's eve and day", () => {
    assert.equal(ageOn("2010-05-01", new Date("2026-04-30T12:00:00Z")), 15);
    assert.equal(ageOn("2010-05-01", new Date("2026-05-01T12:00:00Z")), 16);
  });
  test("the victim's age and citizenship fill what the case's facts leave unknown, never override them", () => {
    const kase = { facts: { location: { state: "CA" } }, persons: [person] } as unknown as Parameters<
      typeof routingFacts
    >[0];
    const facts = routingFacts(kase, new Date("2026-12-02T00:00:00Z"));
    assert.deepEqual(facts, {
      location: { state: "CA" },
      victim: { age: 16, citizenship: "foreign_national" },
    });
    const known = { ...kase, facts: { victim: { age: 17, citizenship: "us_citizen" } } } as typeof kase;
    assert.deepEqual(routingFacts(known).victim, { age: 17, citizenship: "us_citizen" });
  });
});
