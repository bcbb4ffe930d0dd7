import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import { caseScope, relationToCase } from "../policy/policy.sql.ts";

export type ServiceRow = Selectable<Database["case_plan_services"]>;
export type FollowUpRow = Selectable<Database["case_plan_followups"]>;
export type ServiceChanges = Omit<
  Updateable<Database["case_plan_services"]>,
  "org_id" | "id" | "case_id" | "version" | "created_at" | "created_by"
>;
export type FollowUpChanges = Omit<
  Updateable<Database["case_plan_followups"]>,
  "org_id" | "id" | "case_id" | "version" | "created_at" | "created_by"
>;
type Key = { org_id: string; id: string };
type CaseKey = { org_id: string; id: string };

/** Services and follow-ups are read through their case: the caller's case policy is in every read. */
const services = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom("case_plan_services as s")
    .innerJoin("cases", (j) => j.onRef("cases.org_id", "=", "s.org_id").onRef("cases.id", "=", "s.case_id"))
    .selectAll("s")
    .where(caseScope(actor, "read"));

const followUps = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom("case_plan_followups as f")
    .innerJoin("cases", (j) => j.onRef("cases.org_id", "=", "f.org_id").onRef("cases.id", "=", "f.case_id"))
    .selectAll("f")
    .where(caseScope(actor, "read"));

/** All SQL over case_plan_services and case_plan_followups. */
export const plansRepository = {
  async insertService(db: Kysely<Database>, row: Insertable<Database["case_plan_services"]>) {
    await db.insertInto("case_plan_services").values(row).execute();
  },

  async insertFollowUp(db: Kysely<Database>, row: Insertable<Database["case_plan_followups"]>) {
    await db.insertInto("case_plan_followups").values(row).execute();
  },

  /** A service the caller may read, with the caller's relation to its case (for the write check). */
  async service(db: Kysely<Database>, actor: Actor, id: string) {
    return services(db, actor)
      .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
      .where(await ownerOrgsScope(db, actor, "s.org_id"))
      .where("s.id", "=", id)
      .executeTakeFirst();
  },

  async followUp(db: Kysely<Database>, actor: Actor, id: string) {
    return followUps(db, actor)
      .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
      .where(await ownerOrgsScope(db, actor, "f.org_id"))
      .where("f.id", "=", id)
      .executeTakeFirst();
  },

  servicesOfCase(db: Kysely<Database>, actor: Actor, kase: CaseKey): Promise<ServiceRow[]> {
    return services(db, actor)
      .where("s.org_id", "=", kase.org_id)
      .where("s.case_id", "=", kase.id)
      .orderBy("s.created_at")
      .orderBy("s.id")
      .limit(500)
      .execute();
  },

  followUpsOfCase(db: Kysely<Database>, actor: Actor, kase: CaseKey): Promise<FollowUpRow[]> {
    return followUps(db, actor)
      .where("f.org_id", "=", kase.org_id)
      .where("f.case_id", "=", kase.id)
      .orderBy(sql`f.done_at is not null`)
      .orderBy("f.due_on")
      .orderBy("f.created_at")
      .limit(500)
      .execute();
  },

  /** Is `serviceId` a service of this case (a follow-up may be about one)? */
  async isServiceOfCase(db: Kysely<Database>, kase: CaseKey, serviceId: string): Promise<boolean> {
    const row = await db
      .selectFrom("case_plan_services")
      .select("id")
      .where("org_id", "=", kase.org_id)
      .where("case_id", "=", kase.id)
      .where("id", "=", serviceId)
      .executeTakeFirst();
    return row !== undefined;
  },

  /**
   * Open follow-ups due by `until` (overdue ones included) for the user: assigned to them, or
   * unassigned in a case they lead; only in open cases they may read.
   */
  async dueFor(db: Kysely<Database>, actor: Actor & { kind: "user" }, until: string) {
    return followUps(db, actor)
      .where(await ownerOrgsScope(db, actor, "f.org_id"))
      .where("cases.status", "=", "open")
      .where("f.done_at", "is", null)
      .where("f.due_on", "<=", until)
      .where((eb) =>
        eb.or([
          eb("f.assignee_user_id", "=", actor.userId),
          eb.and([eb("f.assignee_user_id", "is", null), eb("cases.lead_user_id", "=", actor.userId)]),
        ]),
      )
      .orderBy("f.due_on")
      .limit(100)
      .execute();
  },

  /** Compare-and-set on the version: of concurrent updates from one version exactly one matches. */
  updateServiceIfVersion(db: Kysely<Database>, key: Key, expected: number, set: ServiceChanges) {
    return db
      .updateTable("case_plan_services")
      .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
      .where("org_id", "=", key.org_id)
      .where("id", "=", key.id)
      .where("version", "=", expected)
      .returningAll()
      .executeTakeFirst();
  },

  updateFollowUpIfVersion(db: Kysely<Database>, key: Key, expected: number, set: FollowUpChanges) {
    return db
      .updateTable("case_plan_followups")
      .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
      .where("org_id", "=", key.org_id)
      .where("id", "=", key.id)
      .where("version", "=", expected)
      .returningAll()
      .executeTakeFirst();
  },

  async currentVersion(db: Kysely<Database>, table: "case_plan_services" | "case_plan_followups", key: Key) {
    const row = await db
      .selectFrom(table)
      .select("version")
      .where("org_id", "=", key.org_id)
      .where("id", "=", key.id)
      .executeTakeFirst();
    return row?.version;
  },
};
