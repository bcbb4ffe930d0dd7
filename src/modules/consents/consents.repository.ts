import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import type { ConsentAction } from "../policy/policy.rules.ts";
import { consentScope } from "../policy/policy.sql.ts";

const COLUMNS = [
  "consents.id",
  "consents.org_id",
  "consents.case_id",
  "consents.person_id",
  "consents.recipient_org_id",
  "consents.purpose",
  "consents.signed_by",
  "consents.expires_at",
  "consents.revoked_at",
  "consents.created_at",
] as const;

/** All SQL over consents. Reads are filtered by the caller's compiled consent policy. */
export const consentsRepository = {
  /** Records a consent (the service checked the caller may record consents for the person). */
  async insert(
    db: Kysely<Database>,
    row: {
      id: string;
      orgId: string;
      caseId: string;
      personId: string;
      recipientOrgId: string;
      purpose: "services_referral" | "law_enforcement_sharing" | "statistics";
      signedBy: string[];
      expiresAt: Date;
      createdBy: string | null;
    },
  ) {
    await db
      .insertInto("consents")
      .values({
        id: row.id,
        org_id: row.orgId,
        case_id: row.caseId,
        person_id: row.personId,
        recipient_org_id: row.recipientOrgId,
        purpose: row.purpose,
        signed_by: row.signedBy,
        expires_at: row.expiresAt,
        created_by: row.createdBy,
      })
      .execute();
  },

  /** One consent the caller may do `action` on, or undefined (missing and out of scope look the same). */
  async getForAction(db: Kysely<Database>, actor: Actor, id: string, action: ConsentAction) {
    return db
      .selectFrom("consents")
      .select(COLUMNS)
      .where(await ownerOrgsScope(db, actor, "consents.org_id"))
      .where("consents.id", "=", id)
      .where(consentScope(actor, action))
      .executeTakeFirst();
  },

  /** A person's consents the caller may read, newest first. */
  listForPerson(db: Kysely<Database>, actor: Actor, person: { orgId: string; id: string }) {
    return db
      .selectFrom("consents")
      .select(COLUMNS)
      .where("consents.org_id", "=", person.orgId)
      .where("consents.person_id", "=", person.id)
      .where(consentScope(actor, "read"))
      .orderBy("consents.created_at", "desc")
      .orderBy("consents.id")
      .execute();
  },

  /** Revokes a consent at `now` unless already revoked; true when this call revoked it. */
  async revoke(
    db: Kysely<Database>,
    consent: { orgId: string; id: string },
    by: string,
    now: Date,
  ): Promise<boolean> {
    const result = await db
      .updateTable("consents")
      .set({ revoked_at: now, revoked_by: by })
      .where("org_id", "=", consent.orgId)
      .where("id", "=", consent.id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};

export type ConsentRow = NonNullable<Awaited<ReturnType<typeof consentsRepository.getForAction>>>;
