import type { VisiblePerson } from "../persons/persons.service.ts";
import type { VictimFacts } from "./relief.eligibility.ts";

/**
 * The victim facts eligibility needs, from the person row (citizenship, age when exploited, visa
 * category), the opened date of birth, and the case's routing facts (Contract 5).
 */
export function victimFactsOf(
  person: VisiblePerson & Record<string, unknown>,
  dateOfBirth: string | null,
  caseFacts: Record<string, unknown> | null,
): VictimFacts {
  const v = (caseFacts?.victim ?? {}) as Record<string, unknown>;
  const exploitation = (caseFacts?.exploitation ?? []) as string[];
  const ageEx =
    (person.age_at_exploitation as number | null | undefined) ?? (v.ageWhenExploited as number | undefined);
  const visa =
    (person.visa_category as VictimFacts["visaCategory"]) ?? (v.visaCategory as VictimFacts["visaCategory"]);
  const tri = (b: unknown) =>
    (b === true ? "yes" : b === false ? "no" : "unknown") as "yes" | "no" | "unknown";
  const trafficking = exploitation.some((e) => e === "sex_trafficking" || e === "labor_trafficking");
  return {
    citizenship: person.citizenship,
    dateOfBirth,
    ...(ageEx != null ? { ageWhenExploited: ageEx } : {}),
    ...(visa ? { visaCategory: visa } : {}),
    severeFormTrafficking: trafficking ? "yes" : "unknown",
    presentOnAccountOfTrafficking: tri(v.presentOnAccountOfTrafficking),
    usNexus: tri(caseFacts?.usNexus),
    cooperatesWithLawEnforcement:
      (v.cooperatesWithLawEnforcement as VictimFacts["cooperatesWithLawEnforcement"]) ?? "unknown",
    ...(v.traumaException === true ? { traumaException: true } : {}),
    ...(Array.isArray(caseFacts?.uVisaQualifyingCrimes)
      ? { uVisaQualifyingCrimes: caseFacts.uVisaQualifyingCrimes as VictimFacts["uVisaQualifyingCrimes"] }
      : {}),
  };
}

/** The case's routing facts (`cases.facts`), when it has any. */
export function caseFactsOf(kase: Record<string, unknown> | undefined): Record<string, unknown> | null {
  const facts = kase?.facts;
  return facts && typeof facts === "object" ? (facts as Record<string, unknown>) : null;
}
