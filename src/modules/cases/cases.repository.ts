import { randomUUID } from "node:crypto";
import { type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import type { CaseAction } from "../policy/policy.rules.ts";
import { caseScope, relationToCase } from "../policy/policy.sql.ts";

/** A case row as the caller may see it, with the caller's relation to it and its wrapped data key. */
export interface VisibleCase {
  id: string;
  org_id: string;
  status: "open" | "closed";
  created_at: Date;
  data_key_id: string | null;
  wrapped: string | null;
  title_enc: string | null;
  narrative_enc: string | null;
  version: number;
  trafficking_type: CaseRow["trafficking_type"];
  confirmation: CaseRow["confirmation"];
  lead_agency_type: CaseRow["lead_agency_type"];
  investigation_started_on: string | null;
  incident_state: string | null;
  lead_user_id: string | null;
  closed_at: Date | null;
  close_reason: CaseRow["close_reason"];
  facts: Record<string, unknown>;
  relation: "owner" | "shared_write" | "shared_read" | null;
}
type CaseRow = Selectable<Database["cases"]>;

/** The editable columns of a case (its sealed text included). */
export type CaseChanges = Pick<
  Updateable<Database["cases"]>,
  | "title_enc"
  | "narrative_enc"
  | "trafficking_type"
  | "confirmation"
  | "lead_agency_type"
  | "investigation_started_on"
  | "incident_state"
  | "lead_user_id"
  | "status"
  | "closed_at"
  | "close_reason"
  | "facts"
>;

function visibleCases(db: Kysely<Database>, actor: Actor, action: CaseAction) {
  return db
    .selectFrom("cases")
    .leftJoin("data_keys as dk", (join) =>
      join.onRef("dk.org_id", "=", "cases.org_id").onRef("dk.id", "=", "cases.data_key_id"),
    )
    .select([
      "cases.id",
      "cases.org_id",
      "cases.status",
      "cases.created_at",
      "cases.data_key_id",
      "dk.wrapped",
      "cases.title_enc",
      "cases.narrative_enc",
      "cases.version",
      "cases.trafficking_type",
      "cases.confirmation",
      "cases.lead_agency_type",
      "cases.investigation_started_on",
      "cases.incident_state",
      "cases.lead_user_id",
      "cases.closed_at",
      "cases.close_reason",
      "cases.facts",
    ])
    .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
    .where(caseScope(actor, action));
}

/** All SQL over cases and case_shares. Every read is filtered by the caller's compiled policy. */
export const casesRepository = {
  /** Inserts a case with its sealed text (the service checked the caller may create cases). */
  async insert(
    db: Kysely<Database>,
    row: {
      id: string;
      orgId: string;
      dataKeyId: string;
      titleEnc: string | null;
      narrativeEnc: string | null;
      createdBy: string | null;
      traffickingType?: CaseRow["trafficking_type"] | undefined;
      incidentState?: string | null | undefined;
      facts?: Record<string, unknown> | undefined;
      confirmation?: CaseRow["confirmation"] | undefined;
      leadAgencyType?: CaseRow["lead_agency_type"] | undefined;
      investigationStartedOn?: string | undefined;
    },
  ) {
    await db
      .insertInto("cases")
      .values({
        id: row.id,
        org_id: row.orgId,
        data_key_id: row.dataKeyId,
        title_enc: row.titleEnc,
        narrative_enc: row.narrativeEnc,
        created_by: row.createdBy,
        trafficking_type: row.traffickingType ?? "unknown",
        incident_state: row.incidentState ?? null,
        facts: JSON.stringify(row.facts ?? {}),
        ...(row.confirmation ? { confirmation: row.confirmation } : {}),
        lead_agency_type: row.leadAgencyType ?? null,
        investigation_started_on: row.investigationStartedOn ?? null,
      })
      .execute();
  },

  /**
   * Applies changes only if the case is still at `expected`, bumping its version, in one statement:
   * of concurrent updates from one version exactly one matches (the others re-check the WHERE after
   * the winner commits and match nothing). Returns the new version, or undefined when stale.
   */
  async updateIfVersion(
    db: Kysely<Database>,
    kase: { org_id: string; id: string },
    expected: number,
    changes: CaseChanges,
  ): Promise<number | undefined> {
    const row = await db
      .updateTable("cases")
      .set({ ...changes, version: sql<number>`version + 1` })
      .where("org_id", "=", kase.org_id)
      .where("id", "=", kase.id)
      .where("version", "=", expected)
      .returning("version")
      .executeTakeFirst();
    return row?.version;
  },

  /** The committed version of a case (after a stale update, for the 412). */
  async currentVersion(db: Kysely<Database>, kase: { org_id: string; id: string }): Promise<number> {
    const row = await db
      .selectFrom("cases")
      .select("version")
      .where("org_id", "=", kase.org_id)
      .where("id", "=", kase.id)
      .executeTakeFirstOrThrow();
    return row.version;
  },

  /** Cases still holding a plaintext title from before titles were sealed; undefined once dropped. */
  async legacyTitles(db: Kysely<Database>, limit: number) {
    const has = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
      where table_name = 'cases' and column_name = 'legacy_title' and table_schema = current_schema()`.execute(
      db,
    );
    if (!has.rows[0]?.n) return undefined;
    const rows = await sql<{ org_id: string; id: string; legacy_title: string }>`select org_id, id,
      legacy_title from cases where legacy_title is not null limit ${limit}`.execute(db);
    return rows.rows;
  },

  /** Stores a sealed legacy title and clears the plaintext. */
  async sealLegacyTitle(
    db: Kysely<Database>,
    row: { org_id: string; id: string; dataKeyId: string; titleEnc: string | null },
  ) {
    await sql`update cases set data_key_id = ${row.dataKeyId}, title_enc = ${row.titleEnc},
      legacy_title = null where org_id = ${row.org_id} and id = ${row.id}`.execute(db);
  },

  /** Drops the emptied plaintext column once every title is sealed. */
  async dropLegacyTitleColumn(db: Kysely<Database>) {
    await sql`alter table cases drop column if exists legacy_title`.execute(db);
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
