import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { personsInCase } from "../persons/persons.service.ts";
import { type Facts, FactsSchema } from "../routing/routing.schema.ts";

type VictimFacts = NonNullable<Facts["victim"]>;

/**
 * The facts a routing run on a case reads: the case's stored facts (`cases.facts`, saved by the case
 * edit), overlaid by any facts sent with the run (a what-if), with what both leave unknown about the
 * victim filled in from the first victim recorded on the case (citizenship, age when exploited, visa).
 * Undefined when nothing at all is known, so the caller can ask for facts.
 */
export async function caseRoutingFacts(
  trx: Kysely<Database>,
  auth: AuthContext,
  kase: { id: string; org_id: string; facts?: unknown },
  sent: Facts | undefined,
): Promise<Facts | undefined> {
  const parsed = FactsSchema.safeParse(kase.facts ?? {});
  const stored: Facts = parsed.success ? parsed.data : {};
  const merged: Facts = { ...stored, ...sent, victim: { ...stored.victim, ...sent?.victim } };
  const persons = await personsInCase(trx, auth, { orgId: kase.org_id, id: kase.id }, clock.now());
  const person = persons.find((p) => p.role === "victim");
  const victim: VictimFacts = { ...merged.victim };
  if (person) {
    if ((victim.citizenship ?? "unknown") === "unknown" && person.citizenship !== "unknown")
      victim.citizenship = person.citizenship;
    if (victim.ageWhenExploited === undefined && person.age_at_exploitation != null)
      victim.ageWhenExploited = person.age_at_exploitation;
    if (victim.visaCategory === undefined && person.visa_category) victim.visaCategory = person.visa_category;
  }
  const facts: Facts = { ...merged, victim };
  if (Object.keys(victim).length === 0) delete facts.victim;
  return Object.keys(facts).length === 0 ? undefined : facts;
}
