import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { ConsentPurpose } from "../policy/policy.rules.ts";
import type { DeclineReason, ReferralStatus } from "./referrals.rules.ts";

export type ReferralRow = Selectable<Database["referrals"]> & {
  sender_org_name: string;
  recipient_org_name: string | null;
};
type Db = Kysely<Database>;

function withNames(db: Db) {
  return db
    .selectFrom("referrals")
    .innerJoin("orgs as so", "so.id", "referrals.org_id")
    .leftJoin("orgs as ro", "ro.id", "referrals.recipient_org_id")
    .selectAll("referrals")
    .select(["so.name as sender_org_name", "ro.name as recipient_org_name"]);
}

/**
 * All SQL over referrals and the recipient's copy. The access decisions (which side the caller is
 * on, its roles) are the service's; every query here is keyed by the organization that owns the
 * row, so on Citus each runs on one node (docs/scale-out.md).
 */
export const referralsRepository = {
  async insert(db: Db, row: Insertable<Database["referrals"]>) {
    await db.insertInto("referrals").values(row).execute();
    if (row.recipient_org_id) {
      await db
        .insertInto("referrals_received")
        .values({
          org_id: row.recipient_org_id,
          sender_org_id: row.org_id,
          referral_id: row.id,
          purpose: row.purpose,
          status: row.status ?? "sent",
          version: row.version ?? 1,
          respond_by: row.respond_by,
          sent_at: row.sent_at,
        })
        .execute();
    }
  },

  /** The referral by its owner (sender) and id; `lock` takes the row lock for a transition. */
  async get(db: Db, senderOrgId: string, id: string, lock = false): Promise<ReferralRow | undefined> {
    if (lock) {
      // Lock the plain row first (FOR UPDATE cannot apply to the nullable side of the outer join).
      const locked = await db
        .selectFrom("referrals")
        .select("id")
        .where("org_id", "=", senderOrgId)
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!locked) return undefined;
    }
    return withNames(db)
      .where("referrals.org_id", "=", senderOrgId)
      .where("referrals.id", "=", id)
      .executeTakeFirst();
  },

  /** Several referrals of one sender by id. */
  getMany(db: Db, senderOrgId: string, ids: string[]): Promise<ReferralRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return withNames(db)
      .where("referrals.org_id", "=", senderOrgId)
      .where("referrals.id", "in", ids)
      .execute();
  },

  /** Who sent the referral `id` to the recipient organization (from the recipient's own copy). */
  async senderOf(db: Db, recipientOrgId: string, id: string): Promise<string | undefined> {
    const row = await db
      .selectFrom("referrals_received")
      .select("sender_org_id")
      .where("org_id", "=", recipientOrgId)
      .where("referral_id", "=", id)
      .executeTakeFirst();
    return row?.sender_org_id;
  },

  /** Applies a transition to both copies, from the version the caller read. */
  async update(
    db: Db,
    row: ReferralRow,
    set: Partial<{
      status: ReferralStatus;
      decline_reason: DeclineReason;
      identified: boolean;
      answered_by: string;
      answered_at: Date;
      completed_at: Date;
      revoked_by: string;
      revoked_at: Date;
      share_created: boolean;
    }>,
  ): Promise<void> {
    const version = row.version + 1;
    await db
      .updateTable("referrals")
      .set({ ...set, version })
      .where("org_id", "=", row.org_id)
      .where("id", "=", row.id)
      .where("version", "=", row.version)
      .execute();
    if (row.recipient_org_id) {
      await db
        .updateTable("referrals_received")
        .set({ ...(set.status ? { status: set.status } : {}), version })
        .where("org_id", "=", row.recipient_org_id)
        .where("sender_org_id", "=", row.org_id)
        .where("referral_id", "=", row.id)
        .execute();
    }
  },

  listOutgoing(
    db: Db,
    orgId: string,
    q: { status?: ReferralStatus; caseId?: string; limit: number; offset: number },
  ) {
    let query = withNames(db).where("referrals.org_id", "=", orgId);
    if (q.status) query = query.where("referrals.status", "=", q.status);
    if (q.caseId) query = query.where("referrals.case_id", "=", q.caseId);
    return query
      .orderBy("referrals.sent_at", "desc")
      .orderBy("referrals.id")
      .limit(q.limit)
      .offset(q.offset)
      .execute();
  },

  /** The recipient's list, from its own copies alone (one node), with the senders' names. */
  listIncoming(db: Db, orgId: string, q: { status?: ReferralStatus; limit: number; offset: number }) {
    let query = db
      .selectFrom("referrals_received as rr")
      .innerJoin("orgs as so", "so.id", "rr.sender_org_id")
      .selectAll("rr")
      .select("so.name as sender_org_name")
      .where("rr.org_id", "=", orgId);
    if (q.status) query = query.where("rr.status", "=", q.status);
    return query
      .orderBy("rr.sent_at", "desc")
      .orderBy("rr.referral_id")
      .limit(q.limit)
      .offset(q.offset)
      .execute();
  },

  /** Incoming referrals waiting for an answer (the home page). */
  pendingIncoming(db: Db, orgId: string, limit: number) {
    return db
      .selectFrom("referrals_received")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("status", "=", "sent")
      .orderBy("respond_by")
      .limit(limit)
      .execute();
  },

  /** Outgoing referrals past their respond-by time and still unanswered (the home page). */
  overdueOutgoing(db: Db, orgId: string, now: Date, limit: number) {
    return db
      .selectFrom("referrals")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("status", "=", "sent")
      .where("respond_by", "<", now)
      .orderBy("respond_by")
      .limit(limit)
      .execute();
  },

  /**
   * The case's victims and, for each, whether an unrevoked, unexpired consent names the recipient
   * for every one of the purposes. Read with the case's owner (the consent lives with the person):
   * this is the referral's own consent gate, not a read of the consents for the caller, so it is not
   * limited by the caller's consent-reading grant (an investigator cannot list consents, but its
   * referral must still honour them). Ids and booleans only leave this query.
   */
  async victimConsents(
    db: Db,
    kase: { orgId: string; id: string },
    recipientOrgId: string,
    purposes: ConsentPurpose[],
    now: Date,
  ): Promise<{ id: string; covered: boolean; expires_at: Date | null }[]> {
    const victims = await db
      .selectFrom("persons")
      .select("id")
      .where("org_id", "=", kase.orgId)
      .where("case_id", "=", kase.id)
      .where("role", "=", "victim")
      .orderBy("id")
      .execute();
    if (!victims.length) return [];
    const consents = await db
      .selectFrom("consents")
      .select(["person_id", "purpose", sql<Date>`max(expires_at)`.as("until")])
      .where("org_id", "=", kase.orgId)
      .where("case_id", "=", kase.id)
      .where("recipient_org_id", "=", recipientOrgId)
      .where("purpose", "in", purposes)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .groupBy(["person_id", "purpose"])
      .execute();
    return victims.map((v) => {
      const mine = consents.filter((c) => c.person_id === v.id);
      const covered = purposes.every((p) => mine.some((c) => c.purpose === p));
      const until = covered ? Math.min(...mine.map((c) => new Date(c.until).getTime())) : null;
      return { id: v.id, covered, expires_at: until === null ? null : new Date(until) };
    });
  },

  /**
   * Referrals whose share is in force (identified, share created), oldest first, of every
   * organization: for the consent sweep (batch work; on Citus it asks every node).
   */
  sharedReferrals(db: Db, limit: number, after?: { org_id: string; id: string }) {
    let q = withNames(db)
      .where("referrals.share_created", "=", true)
      .where("referrals.identified", "=", true);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb("referrals.org_id", ">", after.org_id),
          eb.and([eb("referrals.org_id", "=", after.org_id), eb("referrals.id", ">", after.id)]),
        ]),
      );
    return q.orderBy("referrals.org_id").orderBy("referrals.id").limit(limit).execute();
  },

  // MERGE: cases (case-record) should export shareCaseInTransaction / unshareCaseInTransaction; until
  // then the referral writes the share and the recipient's copy itself, exactly as casesRepository does.
  /** Adds a read share unless one exists (an existing share is left as it is); true when added. */
  async addReadShare(db: Db, s: { caseId: string; ownerOrgId: string; recipientOrgId: string; by: string }) {
    const added = await db
      .insertInto("case_shares")
      .values({
        case_id: s.caseId,
        org_id: s.ownerOrgId,
        recipient_org_id: s.recipientOrgId,
        access: "read",
        created_by: s.by,
      })
      .onConflict((oc) => oc.columns(["org_id", "case_id", "recipient_org_id"]).doNothing())
      .returning("case_id")
      .executeTakeFirst();
    if (!added) return false;
    await db
      .insertInto("case_shares_received")
      .values({ org_id: s.recipientOrgId, owner_org_id: s.ownerOrgId, case_id: s.caseId, access: "read" })
      .onConflict((oc) => oc.columns(["org_id", "owner_org_id", "case_id"]).doNothing())
      .execute();
    return true;
  },

  /** Removes the share a referral created (both copies). */
  async removeShare(db: Db, s: { caseId: string; ownerOrgId: string; recipientOrgId: string }) {
    await db
      .deleteFrom("case_shares")
      .where("org_id", "=", s.ownerOrgId)
      .where("case_id", "=", s.caseId)
      .where("recipient_org_id", "=", s.recipientOrgId)
      .execute();
    await db
      .deleteFrom("case_shares_received")
      .where("org_id", "=", s.recipientOrgId)
      .where("owner_org_id", "=", s.ownerOrgId)
      .where("case_id", "=", s.caseId)
      .execute();
  },
};
