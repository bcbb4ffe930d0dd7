import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import type { CaseAction } from "../policy/policy.rules.ts";
import { caseScope, relationToCase } from "../policy/policy.sql.ts";

/** A case row as the caller may see it, with the caller's relation to it. */
export interface VisibleCase {
  id: string;
  org_id: string;
  title: string;
  status: "open" | "closed";
  created_at: Date;
  relation: "owner" | "shared_write" | "shared_read" | null;
}

function visibleCases(db: Kysely<Database>, actor: Actor, action: CaseAction) {
  return db
    .selectFrom("cases")
    .select(["cases.id", "cases.org_id", "cases.title", "cases.status", "cases.created_at"])
    .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
    .where(caseScope(actor, action));
}

/** All SQL over cases and case_shares. Every read is filtered by the caller's compiled policy. */
export const casesRepository = {
  /** Inserts a case (the service checked the caller may create cases). */
  async insert(
    db: Kysely<Database>,
    row: { id: string; orgId: string; title: string; createdBy: string | null },
  ) {
    await db
      .insertInto("cases")
      .values({ id: row.id, org_id: row.orgId, title: row.title, created_by: row.createdBy })
      .execute();
  },

  /** The case if it exists and the caller may do `action` on it; undefined otherwise (same either way). */
  async getForAction(
    db: Kysely<Database>,
    actor: Actor,
    id: string,
    action: CaseAction,
  ): Promise<VisibleCase | undefined> {
    return visibleCases(db, actor, action)
      .where(await ownerOrgsScope(db, actor, "cases.org_id", id))
      .where("cases.id", "=", id)
      .executeTakeFirst();
  },

  /** The cases the caller may read, newest first. */
  async listReadable(
    db: Kysely<Database>,
    actor: Actor,
    page: { limit: number; offset: number },
  ): Promise<VisibleCase[]> {
    return visibleCases(db, actor, "read")
      .where(await ownerOrgsScope(db, actor, "cases.org_id"))
      .orderBy("cases.created_at", "desc")
      .orderBy("cases.id")
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  },

  /**
   * Shares a case with an organization, or changes the access of an existing share: the share row
   * with the case, and the recipient's copy with the recipient, in one transaction.
   */
  async upsertShare(
    db: Kysely<Database>,
    row: {
      caseId: string;
      ownerOrgId: string;
      recipientOrgId: string;
      access: "read" | "write";
      createdBy: string | null;
    },
  ) {
    await db
      .insertInto("case_shares")
      .values({
        case_id: row.caseId,
        org_id: row.ownerOrgId,
        recipient_org_id: row.recipientOrgId,
        access: row.access,
        created_by: row.createdBy,
      })
      .onConflict((oc) =>
        oc
          .columns(["org_id", "case_id", "recipient_org_id"])
          .doUpdateSet({ access: row.access, created_at: sql`now()` }),
      )
      .execute();
    await db
      .insertInto("case_shares_received")
      .values({
        org_id: row.recipientOrgId,
        owner_org_id: row.ownerOrgId,
        case_id: row.caseId,
        access: row.access,
      })
      .onConflict((oc) =>
        oc
          .columns(["org_id", "owner_org_id", "case_id"])
          .doUpdateSet({ access: row.access, created_at: sql`now()` }),
      )
      .execute();
  },

  /** The organizations a case is shared with (the caller already passed the share check). */
  listShares(db: Kysely<Database>, ownerOrgId: string, caseId: string) {
    return db
      .selectFrom("case_shares")
      .innerJoin("orgs", "orgs.id", "case_shares.recipient_org_id")
      .select([
        "case_shares.recipient_org_id",
        "orgs.name",
        "orgs.type",
        "case_shares.access",
        "case_shares.created_at",
      ])
      .where("case_shares.org_id", "=", ownerOrgId)
      .where("case_shares.case_id", "=", caseId)
      .orderBy("orgs.name")
      .execute();
  },

  /** Adds one entry to a case's timeline. */
  async insertActivity(
    db: Kysely<Database>,
    row: {
      orgId: string;
      caseId: string;
      at: Date;
      actorUserId: string | null;
      actorOrgId: string | null;
      kind: string;
      ref?: { type: string; id: string } | undefined;
      details: Record<string, string | number | boolean>;
    },
  ) {
    await db
      .insertInto("case_activity")
      .values({
        org_id: row.orgId,
        id: randomUUID(),
        case_id: row.caseId,
        at: row.at,
        actor_user_id: row.actorUserId,
        actor_org_id: row.actorOrgId,
        kind: row.kind,
        ref_type: row.ref?.type ?? null,
        ref_id: row.ref?.id ?? null,
        details: JSON.stringify(row.details),
      })
      .execute();
  },

  /** A case's timeline, newest first (the caller already passed the read check on the case). */
  listActivity(
    db: Kysely<Database>,
    kase: { orgId: string; id: string },
    page: { limit: number; before?: Date },
  ) {
    let q = db
      .selectFrom("case_activity")
      .selectAll()
      .where("org_id", "=", kase.orgId)
      .where("case_id", "=", kase.id);
    if (page.before) q = q.where("at", "<", page.before);
    return q.orderBy("at", "desc").orderBy("id").limit(page.limit).execute();
  },
};
