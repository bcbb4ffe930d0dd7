import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database } from "../../store/schema.ts";

type CaseKey = { org_id: string; id: string };
export type AgencyRow = Selectable<Database["case_agencies"]>;

/**
 * All SQL over case_team and case_agencies. Every function takes a case the service has already
 * read through the caller's case policy (casesRepository.getForAction), and stays inside that case.
 */
export const teamRepository = {
  /** The team's members with their e-mail (the organization's users), in the order they were added. */
  members(db: Kysely<Database>, kase: CaseKey) {
    return db
      .selectFrom("case_team as t")
      .innerJoin("users as u", (j) => j.onRef("u.org_id", "=", "t.org_id").onRef("u.id", "=", "t.user_id"))
      .select(["t.user_id", "t.role", "t.added_at", "u.email"])
      .where("t.org_id", "=", kase.org_id)
      .where("t.case_id", "=", kase.id)
      .orderBy("t.added_at")
      .orderBy("u.email")
      .execute();
  },

  async emailOf(db: Kysely<Database>, orgId: string, userId: string): Promise<string | null> {
    const row = await db
      .selectFrom("users")
      .select("email")
      .where("org_id", "=", orgId)
      .where("id", "=", userId)
      .executeTakeFirst();
    return row?.email ?? null;
  },

  /** Adds a member; false when the user is already on the team (the primary key decides, concurrently too). */
  async addMember(db: Kysely<Database>, kase: CaseKey, userId: string, at: Date): Promise<boolean> {
    const row = await db
      .insertInto("case_team")
      .values({ org_id: kase.org_id, case_id: kase.id, user_id: userId, role: "member", added_at: at })
      .onConflict((oc) => oc.columns(["org_id", "case_id", "user_id"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    return row !== undefined;
  },

  async removeMember(db: Kysely<Database>, kase: CaseKey, userId: string): Promise<boolean> {
    const result = await db
      .deleteFrom("case_team")
      .where("org_id", "=", kase.org_id)
      .where("case_id", "=", kase.id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },

  agencies(db: Kysely<Database>, kase: CaseKey): Promise<AgencyRow[]> {
    return db
      .selectFrom("case_agencies")
      .selectAll()
      .where("org_id", "=", kase.org_id)
      .where("case_id", "=", kase.id)
      .orderBy("role", "desc")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  },

  /**
   * Adds an agency; false when the case already has a lead agency or names this agency (the unique
   * indexes decide, so two concurrent adds cannot both succeed).
   */
  async addAgency(db: Kysely<Database>, row: Insertable<Database["case_agencies"]>): Promise<boolean> {
    const inserted = await db
      .insertInto("case_agencies")
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    return inserted !== undefined;
  },

  async removeAgency(db: Kysely<Database>, kase: CaseKey, id: string): Promise<AgencyRow | undefined> {
    return db
      .deleteFrom("case_agencies")
      .where("org_id", "=", kase.org_id)
      .where("case_id", "=", kase.id)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  },
};
