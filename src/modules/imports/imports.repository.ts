import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import type { PlannedCharge } from "./imports.plan.ts";

type Db = Kysely<Database>;
type Case = { id: string; org_id: string };

/**
 * ALL SQL of the imports module: the case facts of a case the import has just opened in the caller's
 * organization (the policy: nothing is written outside it). Cases and persons are written by their
 * own services. MERGE: when case-facts has a service with in-transaction writers, call it instead.
 */
function own(auth: AuthContext, kase: Case) {
  if (kase.org_id !== auth.orgId) throw new Error("imports write only into the caller's organization");
}

export const importsRepository = {
  /** A charge with its adjudication and sentence when given; returns the charge's id. */
  async insertCharge(
    db: Db,
    auth: AuthContext,
    kase: Case,
    personId: string,
    c: PlannedCharge,
  ): Promise<string> {
    own(auth, kase);
    const common = { org_id: kase.org_id, case_id: kase.id, created_by: auth.userId };
    const id = randomUUID();
    await db
      .insertInto("charges")
      .values({
        ...common,
        id,
        person_id: personId,
        statute: c.statute,
        nibrs_code: c.nibrsCode as never,
        jurisdiction: c.jurisdiction as never,
        filed_on: c.filedOn,
      })
      .execute();
    if (!c.outcome) return id;
    const adjudication = randomUUID();
    await db
      .insertInto("adjudications")
      .values({
        ...common,
        id: adjudication,
        charge_id: id,
        outcome: c.outcome as never,
        decided_on: c.decidedOn,
      })
      .execute();
    if (c.prisonMonths !== null || c.probationMonths !== null || c.restitutionCents !== null)
      await db
        .insertInto("sentences")
        .values({
          ...common,
          id: randomUUID(),
          adjudication_id: adjudication,
          prison_months: c.prisonMonths,
          probation_months: c.probationMonths,
          restitution_cents: c.restitutionCents,
        })
        .execute();
    return id;
  },

  /** An exploitation event with only its country (no place: `place_enc` stays null under its own key). */
  async insertExploitationEvent(
    db: Db,
    auth: AuthContext,
    kase: Case,
    dataKeyId: string,
    id: string,
    country: string,
  ) {
    own(auth, kase);
    await db
      .insertInto("case_events")
      .values({
        org_id: kase.org_id,
        id,
        case_id: kase.id,
        created_by: auth.userId,
        kind: "exploitation",
        data_key_id: dataKeyId,
        place_enc: null,
        country,
      })
      .execute();
  },
};
