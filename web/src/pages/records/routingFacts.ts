import { oneOf, VISA } from "../../vocabulary.ts";
import type { CaseDetail } from "./api.ts";
import { factsOf } from "./caseDraft.ts";
import type { CaseFacts } from "./casework.api.ts";

/** Whole years between a date of birth (YYYY-MM-DD) and today. */
export function ageOn(dateOfBirth: string, today = new Date()): number | undefined {
  const [y, m, d] = dateOfBirth.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return undefined;
  const before = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  return today.getUTCFullYear() - y - (before ? 1 : 0);
}

const WORK_VISAS = new Set(["A-3", "G-5", "H-2A", "H-2B", "J-1"]);

/**
 * The facts a routing run reads: the case's own facts, with what they leave unknown about the victim
 * filled in from the first victim recorded on the case (age from the date of birth, citizenship, visa).
 */
export function routingFacts(kase: CaseDetail, today = new Date()): CaseFacts {
  const facts = factsOf(kase);
  const person = kase.persons.find((p) => p.role === "victim");
  if (!person) return facts;
  const victim = { ...facts.victim };
  const age = person.dateOfBirth ? ageOn(person.dateOfBirth, today) : undefined;
  if (victim.age === undefined && age !== undefined && age >= 0) victim.age = age;
  if (victim.ageWhenExploited === undefined && person.ageAtExploitation !== null)
    victim.ageWhenExploited = person.ageAtExploitation;
  if ((victim.citizenship ?? "unknown") === "unknown") victim.citizenship = person.citizenship;
  const visa = person.visaCategory;
  if (victim.visaCategory === undefined && visa) victim.visaCategory = visa;
  if ((victim.nonimmigrantVisa ?? "unknown") === "unknown" && visa && visa !== "unknown")
    victim.nonimmigrantVisa =
      oneOf(VISA, visa === "none" ? "none" : WORK_VISAS.has(visa) ? "work" : "travel") ?? "unknown";
  return { ...facts, victim };
}
