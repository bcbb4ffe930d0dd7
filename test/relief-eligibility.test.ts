import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { addDays, addMonths, ageOn, daysBetween, turns18On } from "../src/modules/relief/relief.dates.ts";
import {
  eligibility,
  interimLetterExpiry,
  type PathId,
  requestForAssistanceBy,
  type VictimFacts,
} from "../src/modules/relief/relief.eligibility.ts";

const TODAY = "2026-12-02";
const at = (f: VictimFacts, p: PathId, today = TODAY) =>
  eligibility(f, today).paths.find((x) => x.path === p)!;
const isoDate = fc
  .date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("relief eligibility", () => {
  test("citizens and LPRs need no letter, and the view says so", () => {
    for (const citizenship of ["us_citizen", "lawful_permanent_resident"] as const) {
      const v = eligibility({ citizenship, age: 15, severeFormTrafficking: "yes" }, TODAY);
      assert.equal(v.paths[0]!.path, "no_letter_needed");
      assert.equal(v.paths[0]!.status, "eligible");
      assert.ok(v.paths.slice(1).every((p) => p.status === "not_applicable"));
    }
  });

  test("a foreign national minor: interim letter path with the before-18 deadline", () => {
    const p = at(
      { citizenship: "foreign_national", dateOfBirth: "2010-03-15", severeFormTrafficking: "yes" },
      "hhs_interim_letter",
    );
    assert.equal(p.status, "eligible");
    assert.deepEqual(p.deadlines, [
      { id: "request_before_18", date: "2028-03-14", daysRemaining: daysBetween(TODAY, "2028-03-14") },
    ]);
    assert.ok(p.reasons.includes("no_law_enforcement_cooperation_needed"));
    assert.equal(
      at({ citizenship: "foreign_national", dateOfBirth: "2010-03-15" }, "hhs_certification").status,
      "not_applicable",
    );
  });

  test("a granted interim letter shows its 90-day end, 120 with the extension", () => {
    const base: VictimFacts = {
      citizenship: "foreign_national",
      dateOfBirth: "2010-03-15",
      severeFormTrafficking: "yes",
    };
    const rec = {
      type: "hhs_interim_letter" as const,
      status: "granted" as const,
      filedOn: "2026-11-01",
      decidedOn: "2026-11-05",
    };
    assert.equal(at({ ...base, records: [rec] }, "hhs_interim_letter").deadlines.at(-1)!.date, "2027-02-03");
    assert.equal(
      at({ ...base, records: [{ ...rec, extended: true }] }, "hhs_interim_letter").deadlines.at(-1)!.date,
      "2027-03-05",
    );
  });

  test("foreign national adult: certification needs CP, a bona fide T application or a T visa", () => {
    const base: VictimFacts = {
      citizenship: "foreign_national",
      age: 30,
      severeFormTrafficking: "yes",
      cooperatesWithLawEnforcement: "yes",
    };
    const none = at(base, "hhs_certification");
    assert.equal(none.status, "possibly_eligible");
    assert.ok(none.missing.includes("continuedPresenceOrTApplication"));
    const withT = at(
      { ...base, records: [{ type: "t_visa", status: "pending", filedOn: "2026-10-01" }] },
      "hhs_certification",
    );
    assert.equal(withT.status, "eligible");
    assert.ok(withT.reasons.includes("t_application_bona_fide"));
    const deniedT = at(
      { ...base, records: [{ type: "t_visa", status: "denied", filedOn: "2026-10-01" }] },
      "hhs_certification",
    );
    assert.notEqual(deniedT.status, "eligible");
  });

  test("no U visa without a U.S. nexus; Supplement B is required", () => {
    const base: VictimFacts = {
      citizenship: "foreign_national",
      age: 30,
      severeFormTrafficking: "yes",
      cooperatesWithLawEnforcement: "yes",
      uVisaQualifyingCrimes: ["peonage"],
    };
    assert.equal(at({ ...base, usNexus: "no" }, "u_visa").status, "not_applicable");
    const u = at({ ...base, usNexus: "yes" }, "u_visa");
    assert.equal(u.status, "possibly_eligible");
    assert.ok(u.missing.includes("supplementBCertification"));
    const signed = at(
      {
        ...base,
        usNexus: "yes",
        records: [{ type: "u_supplement_b", status: "granted", decidedOn: "2026-08-31" }],
      },
      "u_visa",
    );
    assert.equal(signed.deadlines[0]!.date, "2027-02-28");
  });

  test("T visa: presence on account of trafficking; minors and trauma exempt from cooperation", () => {
    const base: VictimFacts = {
      citizenship: "foreign_national",
      age: 30,
      severeFormTrafficking: "yes",
      presentOnAccountOfTrafficking: "yes",
      cooperatesWithLawEnforcement: "no",
    };
    assert.equal(at(base, "t_visa").status, "not_applicable");
    assert.equal(at({ ...base, ageWhenExploited: 16 }, "t_visa").status, "possibly_eligible");
    assert.equal(at({ ...base, traumaException: true }, "t_visa").status, "possibly_eligible");
    assert.equal(
      at(
        { ...base, ageWhenExploited: 20, presentOnAccountOfTrafficking: "no", traumaException: true },
        "t_visa",
      ).status,
      "not_applicable",
    );
  });

  test("Continued Presence: only federal law enforcement requests it; the expiry is shown", () => {
    const p = at(
      {
        citizenship: "foreign_national",
        age: 40,
        severeFormTrafficking: "yes",
        records: [
          { type: "continued_presence", status: "granted", decidedOn: "2026-01-10", expiresOn: "2028-01-10" },
        ],
      },
      "continued_presence",
    );
    assert.equal(p.status, "eligible");
    assert.ok(p.reasons.includes("requested_by_federal_law_enforcement_only"));
    assert.equal(p.deadlines[0]!.id, "continued_presence_expires");
  });

  test("unknown citizenship or age: needs facts, listing them", () => {
    const p = at({ severeFormTrafficking: "yes" }, "hhs_interim_letter");
    assert.equal(p.status, "needs_facts");
    assert.ok(p.missing.includes("citizenship") && p.missing.includes("dateOfBirth"));
  });
});

describe("relief date rules (fast-check)", () => {
  test("an interim letter ends exactly 90 days after its grant, 120 with the extension", () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        assert.equal(daysBetween(d, interimLetterExpiry(d, false)), 90);
        assert.equal(daysBetween(d, interimLetterExpiry(d, true)), 120);
        assert.equal(daysBetween(interimLetterExpiry(d, false), interimLetterExpiry(d, true)), 30);
      }),
      { numRuns: 2000 },
    );
  });

  test("the 18th birthday: age 17 the day before, 18 on it; the request deadline is the day before", () => {
    fc.assert(
      fc.property(isoDate, (dob) => {
        const t = turns18On(dob);
        assert.equal(ageOn(dob, t), 18);
        assert.equal(ageOn(dob, addDays(t, -1)), 17);
        assert.equal(requestForAssistanceBy(dob), addDays(t, -1));
      }),
      { numRuns: 2000 },
    );
  });

  test("nothing is offered on the minor letter path on or after the 18th birthday without a prior request", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 4000 }), (dob, after) => {
        const today = addDays(turns18On(dob), after);
        const f: VictimFacts = {
          citizenship: "foreign_national",
          dateOfBirth: dob,
          severeFormTrafficking: "yes",
          ageWhenExploited: 15,
        };
        for (const p of ["hhs_interim_letter", "hhs_eligibility_letter"] as const)
          assert.equal(at(f, p, today).status, "not_applicable");
      }),
      { numRuns: 1000 },
    );
  });

  test("before the 18th birthday the path is offered with a non-negative deadline; a request made in time keeps it open", () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 1, max: 6000 }),
        fc.integer({ min: 0, max: 2000 }),
        (dob, before, later) => {
          const t = turns18On(dob);
          const today = addDays(t, -before);
          if (today < dob) return;
          const f: VictimFacts = {
            citizenship: "foreign_national",
            dateOfBirth: dob,
            severeFormTrafficking: "yes",
          };
          const p = at(f, "hhs_interim_letter", today);
          assert.equal(p.status, "eligible");
          assert.equal(p.deadlines[0]!.daysRemaining, before - 1);
          const rec = { type: "hhs_interim_letter" as const, status: "pending" as const, filedOn: today };
          assert.equal(
            at({ ...f, records: [rec] }, "hhs_interim_letter", addDays(t, later)).status,
            "eligible",
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("addMonths never overflows into the next month", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 24 }), (d, m) => {
        const r = addMonths(d, m);
        const months =
          (Number(r.slice(0, 4)) - Number(d.slice(0, 4))) * 12 +
          Number(r.slice(5, 7)) -
          Number(d.slice(5, 7));
        assert.equal(months, m);
      }),
    );
  });
});

describe("relief input checks", async () => {
  const { applicationDateProblem, birthProblem, ApplicationInputSchema } = await import(
    "../src/modules/relief/relief.schema.ts"
  );
  test("decided before filed, future dates and an 18th birthday before the date of birth name the field", () => {
    const a = ApplicationInputSchema.parse({
      type: "t_visa",
      status: "granted",
      filedOn: "2026-05-01",
      decidedOn: "2026-04-01",
    });
    assert.equal(applicationDateProblem(a, TODAY)?.field, "decidedOn");
    assert.equal(
      applicationDateProblem({ ...a, filedOn: "2027-01-01", decidedOn: null }, TODAY)?.field,
      "filedOn",
    );
    assert.equal(birthProblem("2010-01-01", TODAY, "2009-01-01")?.field, "turns18On");
    assert.equal(birthProblem("2030-01-01", TODAY)?.field, "dateOfBirth");
    assert.equal(
      ApplicationInputSchema.safeParse({ type: "t_visa", status: "filed", bogus: 1 }).success,
      false,
    );
    assert.equal(
      ApplicationInputSchema.safeParse({ type: "t_visa", status: "filed", filedOn: "2026-02-30" }).success,
      false,
    );
  });
});

describe("relief reminders (fast-check)", async () => {
  const { remindersDue, deadlinesOf } = await import("../src/modules/relief/relief.reminders.ts");
  test("a reminder is due exactly 30, 7 and 1 days before a deadline, and on no other day", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5, max: 60 }), (expires, before) => {
        const app = {
          id: "a",
          personId: "p",
          caseId: "c",
          type: "continued_presence" as const,
          status: "granted" as const,
          decidedOn: null,
          expiresOn: expires,
          extended: false,
        };
        const due = remindersDue([app], addDays(expires, -before));
        assert.equal(due.length, [30, 7, 1].includes(before) ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });
  test("a granted interim letter's deadline is computed (90 or 120 days) when no expiry was stored", () => {
    const base = {
      id: "a",
      personId: "p",
      caseId: "c",
      type: "hhs_interim_letter" as const,
      status: "granted" as const,
      decidedOn: "2026-11-05",
      expiresOn: null,
    };
    assert.equal(deadlinesOf([{ ...base, extended: false }], TODAY)[0]!.date, "2027-02-03");
    assert.equal(deadlinesOf([{ ...base, extended: true }], TODAY)[0]!.date, "2027-03-05");
  });
});
