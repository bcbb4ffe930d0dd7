import { type Kysely, type OperationNodeSource, sql } from "kysely";
import { PREPARE } from "../../store/prepared.ts";
import type { Database } from "../../store/schema.ts";
import type { ListTipsQ } from "./tips.schema.ts";
import type { TipsTables } from "./tips.tables.ts";

export type TipRow = TipsTables["tips"] extends infer T
  ? { [K in keyof T]: T[K] extends import("kysely").ColumnType<infer S, unknown, unknown> ? S : T[K] }
  : never;
export type TipWithKey = TipRow & { wrapped: string | null };

type NewTip = Omit<
  TipRow,
  | "status"
  | "version"
  | "assignee_user_id"
  | "merged_into"
  | "case_id"
  | "close_reason"
  | "closed_at"
  | "hhs_notified_at"
  | "hhs_notified_by"
  | "hhs_notified_method"
>;

/**
 * All SQL over tips. Tips never leave their organization, so the access scope is the caller's own
 * organization (`orgId` below is always the caller's, set by the service after the policy check).
 */
export const tipsRepository = {
  async insert(db: Kysely<Database>, row: NewTip) {
    await tipsRepository.insertQuery(db, row).execute();
  },

  /** The insert of a new tip, unexecuted (to go in one statement with its key, tokens and audit). */
  insertQuery(db: Kysely<Database>, row: NewTip) {
    return db.insertInto("tips").values({
      ...row,
      facts: JSON.stringify(row.facts),
      screening: JSON.stringify(row.screening),
      screening_drivers: JSON.stringify(row.screening_drivers),
      recommendations: JSON.stringify(row.recommendations),
    });
  },

  /** The organization that receives anonymous tips: the configured one if it exists, else the host. */
  publicTipOrgQuery(db: Kysely<Database>, configured: string | undefined) {
    const q = db.selectFrom("orgs").select("id");
    return configured ? q.where("id", "=", configured) : q.where("host", "=", true);
  },

  /**
   * The reads a tip's intake needs, in one statement at the start of its transaction: the receiving
   * organization's audit chain head, locked (`head`, from the audit service), its wrapped search key
   * (`key`, from the search index; null when it has none yet) and, for an anonymous tip sent to the
   * configured organization, that the organization exists (`org`). No row when the head or the
   * organization is missing: the caller then takes the general path, which creates or refuses.
   */
  async intakeReads(
    db: Kysely<Database>,
    reads: { head: OperationNodeSource; key: OperationNodeSource; org?: OperationNodeSource },
  ): Promise<{ org_id: string; seq: number; row_hash: string; search_key: string | null } | undefined> {
    const org = reads.org ? sql`cross join ${reads.org} as o` : sql``;
    const { rows } = await sql<{
      org_id: string;
      seq: number;
      row_hash: string;
      search_key: string | null;
    }>`${sql.raw(PREPARE)}
      select h.org_id, h.seq, h.row_hash, k.wrapped as search_key
      from ${reads.head} as h ${org} left join ${reads.key} as k on true`.execute(db);
    return rows[0];
  },

  /** The status of the tip with this receipt hash, in any organization (the receipt is the bearer). */
  async statusByReceipt(db: Kysely<Database>, receiptHash: string) {
    return db
      .selectFrom("tips")
      .select(["status"])
      .where("receipt_hash", "=", receiptHash)
      .executeTakeFirst();
  },

  /** One tip of the organization with its wrapped data key; `forUpdate` locks it for a triage action. */
  async get(
    db: Kysely<Database>,
    orgId: string,
    id: string,
    forUpdate = false,
  ): Promise<TipWithKey | undefined> {
    let q = db
      .selectFrom("tips as t")
      .leftJoin("data_keys as dk", (j) =>
        j.onRef("dk.org_id", "=", "t.org_id").onRef("dk.id", "=", "t.data_key_id"),
      )
      .selectAll("t")
      .select("dk.wrapped")
      .where("t.org_id", "=", orgId)
      .where("t.id", "=", id);
    if (forUpdate) q = q.forUpdate("t");
    return (await q.executeTakeFirst()) as TipWithKey | undefined;
  },

  /** Duplicates merged into a tip, with their keys (their narratives stay attached to it). */
  async mergedInto(db: Kysely<Database>, orgId: string, id: string): Promise<TipWithKey[]> {
    return (await db
      .selectFrom("tips as t")
      .leftJoin("data_keys as dk", (j) =>
        j.onRef("dk.org_id", "=", "t.org_id").onRef("dk.id", "=", "t.data_key_id"),
      )
      .selectAll("t")
      .select("dk.wrapped")
      .where("t.org_id", "=", orgId)
      .where("t.merged_into", "=", id)
      .orderBy("t.received_at")
      .execute()) as TipWithKey[];
  },

  /** The queue: codes and dates only (no sealed columns selected). */
  async list(db: Kysely<Database>, orgId: string, userId: string, q: ListTipsQ, now: Date) {
    let query = db
      .selectFrom("tips")
      .select([
        "id",
        "org_id",
        "channel",
        "status",
        "received_at",
        "state",
        "country",
        "screening_level",
        "screening_drivers",
        "priority",
        "assignee_user_id",
        "merged_into",
        "case_id",
        "close_reason",
        "hhs_due_at",
        "hhs_notified_at",
        "hhs_notified_by",
        "hhs_notified_method",
        "version",
      ])
      .where("org_id", "=", orgId);
    if (q.status) query = query.where("status", "=", q.status);
    if (q.level) query = query.where("screening_level", "=", q.level);
    if (q.assignee === "me") query = query.where("assignee_user_id", "=", userId);
    else if (q.assignee === "none") query = query.where("assignee_user_id", "is", null);
    else if (q.assignee) query = query.where("assignee_user_id", "=", q.assignee);
    if (q.clock) {
      query = query.where("hhs_due_at", "is not", null).where("hhs_notified_at", "is", null);
      if (q.clock === "overdue") query = query.where("hhs_due_at", "<", now);
    }
    // Unmet clocks first whatever the sort: a running 24-hour clock must stay on screen.
    query = query.orderBy(sql`(hhs_due_at is not null and hhs_notified_at is null)`, "desc");
    query =
      q.sort === "newest"
        ? query.orderBy("received_at", "desc")
        : query.orderBy("priority", "desc").orderBy("received_at", "desc");
    return query.orderBy("id").limit(q.limit).offset(q.offset).execute();
  },

  /** Unmet HHS clocks of the organization, soonest first (the home page's `clocks`). */
  async unmetClocks(db: Kysely<Database>, orgId: string, limit = 50) {
    return db
      .selectFrom("tips")
      .select(["id", "hhs_due_at"])
      .where("org_id", "=", orgId)
      .where("hhs_due_at", "is not", null)
      .where("hhs_notified_at", "is", null)
      .orderBy("hhs_due_at")
      .limit(limit)
      .execute();
  },

  /** Applies a triage change when the version still matches; the new version, or undefined when stale. */
  async update(
    db: Kysely<Database>,
    orgId: string,
    id: string,
    version: number,
    set: Partial<
      Pick<
        TipRow,
        | "status"
        | "assignee_user_id"
        | "merged_into"
        | "case_id"
        | "close_reason"
        | "closed_at"
        | "hhs_due_at"
        | "hhs_notified_at"
        | "hhs_notified_by"
        | "hhs_notified_method"
      >
    >,
  ): Promise<number | undefined> {
    const row = await db
      .updateTable("tips")
      .set({ ...set, version: version + 1 } as never)
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .where("version", "=", version)
      .returning("version")
      .executeTakeFirst();
    return row?.version;
  },

  async userInOrg(db: Kysely<Database>, orgId: string, userId: string) {
    return db
      .selectFrom("users")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", userId)
      .executeTakeFirst();
  },
  /** Merge bookkeeping: the duplicate's own duplicates move to the survivor, and so does an unmet clock. */
  async adoptDuplicates(
    db: Kysely<Database>,
    orgId: string,
    duplicateId: string,
    survivorId: string,
    duplicate: Pick<TipRow, "hhs_due_at" | "hhs_notified_at" | "priority">,
  ) {
    await db
      .updateTable("tips")
      .set({ merged_into: survivorId })
      .where("org_id", "=", orgId)
      .where("merged_into", "=", duplicateId)
      .execute();
    if (duplicate.hhs_due_at && !duplicate.hhs_notified_at) {
      await db
        .updateTable("tips")
        .set({
          hhs_due_at: sql`least(coalesce(hhs_due_at, ${duplicate.hhs_due_at}), ${duplicate.hhs_due_at})`,
          priority: sql`greatest(priority, ${duplicate.priority})`,
          version: sql`version + 1`,
        } as never)
        .where("org_id", "=", orgId)
        .where("id", "=", survivorId)
        .where("hhs_notified_at", "is", null)
        .execute();
    }
  },
};
