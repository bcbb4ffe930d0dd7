import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";

/**
 * All SQL over notifications and the e-mail outbox. A user's notifications are theirs alone: every
 * read and update is filtered by the caller's own organization and user id.
 */
export const notificationsRepository = {
  async insert(
    db: Kysely<Database>,
    row: {
      orgId: string;
      userId: string;
      kind: string;
      refType: string;
      refId: string;
      caseId: string | null;
      dueAt: Date | null;
      at: Date;
      email: boolean;
    },
  ): Promise<string> {
    const id = randomUUID();
    await db
      .insertInto("notifications")
      .values({
        org_id: row.orgId,
        id,
        user_id: row.userId,
        kind: row.kind,
        ref_type: row.refType,
        ref_id: row.refId,
        case_id: row.caseId,
        due_at: row.dueAt,
        created_at: row.at,
      })
      .execute();
    if (row.email) {
      await db
        .insertInto("notification_emails")
        .values({
          org_id: row.orgId,
          id: randomUUID(),
          user_id: row.userId,
          notification_id: id,
          created_at: row.at,
        })
        .execute();
    }
    return id;
  },

  listForUser(
    db: Kysely<Database>,
    user: { orgId: string; userId: string },
    q: { unread: boolean; limit: number },
  ) {
    let query = db
      .selectFrom("notifications")
      .selectAll()
      .where("org_id", "=", user.orgId)
      .where("user_id", "=", user.userId);
    if (q.unread) query = query.where("read_at", "is", null);
    return query.orderBy("created_at", "desc").orderBy("id").limit(q.limit).execute();
  },

  async unreadCount(db: Kysely<Database>, user: { orgId: string; userId: string }): Promise<number> {
    const row = await db
      .selectFrom("notifications")
      .select(sql<string>`count(*)`.as("n"))
      .where("org_id", "=", user.orgId)
      .where("user_id", "=", user.userId)
      .where("read_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Marks the user's own notifications read (the given ones, or all); returns how many changed. */
  async markRead(
    db: Kysely<Database>,
    user: { orgId: string; userId: string },
    ids: string[] | "all",
    at: Date,
  ): Promise<number> {
    let q = db
      .updateTable("notifications")
      .set({ read_at: at })
      .where("org_id", "=", user.orgId)
      .where("user_id", "=", user.userId)
      .where("read_at", "is", null);
    if (ids !== "all") q = q.where("id", "in", ids.length ? ids : [""]);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /**
   * Claims up to `limit` unsent e-mails for `holdMs` (rows another drainer holds are skipped), so a
   * send happens outside any transaction and two drainers never send the same one.
   */
  async claimPending(db: Kysely<Database>, now: Date, holdMs: number, limit: number) {
    return db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom("notification_emails")
        .select(["org_id", "id", "user_id", "attempts"])
        .where("sent_at", "is", null)
        .where("attempts", "<", 5)
        .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
        .orderBy("created_at")
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        await trx
          .updateTable("notification_emails")
          .set({ claimed_until: new Date(now.getTime() + holdMs) })
          .where("org_id", "=", r.org_id)
          .where("id", "=", r.id)
          .execute();
      }
      return rows;
    });
  },

  async markSent(db: Kysely<Database>, row: { org_id: string; id: string }, at: Date) {
    await db
      .updateTable("notification_emails")
      .set({ sent_at: at, claimed_until: null })
      .where("org_id", "=", row.org_id)
      .where("id", "=", row.id)
      .execute();
  },

  /** Counts a failed attempt; the row waits until `retryAt` before another drainer may try it. */
  async markFailed(db: Kysely<Database>, row: { org_id: string; id: string }, code: string, retryAt: Date) {
    await db
      .updateTable("notification_emails")
      .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: code, claimed_until: retryAt }))
      .where("org_id", "=", row.org_id)
      .where("id", "=", row.id)
      .execute();
  },
};
