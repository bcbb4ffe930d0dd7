import type { VisiblePerson } from "../persons/persons.service.ts";
import type { VictimFacts } from "./relief.eligibility.ts";

/**
 * MERGE: Contract 1 — reads the victim facts from the person and case rows. On this branch persons have
 * only `citizenship` (and the sealed date of birth); Contract 1 adds `age_at_exploitation`,
 * `visa_category`, and `cases.facts` (routing facts, Contract 5). Those are taken when present so the
 * merge needs no change here beyond passing the case facts in.
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

/** MERGE: Contract 1 — `cases.facts` does not exist on this branch; returns it once it does. */
export function caseFactsOf(kase: Record<string, unknown> | undefined): Record<string, unknown> | null {
  const facts = kase?.facts;
  return facts && typeof facts === "object" ? (facts as Record<string, unknown>) : null;
}
