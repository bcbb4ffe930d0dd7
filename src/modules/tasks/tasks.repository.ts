import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import { caseScope, relationToCase } from "../policy/policy.sql.ts";
import type { TaskStatus } from "./tasks.tables.ts";

/** A task row as read for the caller: the title's data key comes along (wrapped). */
export interface TaskRow {
  org_id: string;
  id: string;
  case_id: string;
  title_code: string | null;
  title_enc: string | null;
  data_key_id: string | null;
  assignee_user_id: string | null;
  due_at: Date | null;
  status: TaskStatus;
  source_key: string | null;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  wrapped: string | null;
}

export type NewTaskRow = Omit<TaskRow, "version" | "wrapped" | "status" | "completed_at" | "completed_by"> & {
  status?: TaskStatus;
};

function readable(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom("case_tasks as t")
    .innerJoin("cases", (j) => j.onRef("cases.org_id", "=", "t.org_id").onRef("cases.id", "=", "t.case_id"))
    .leftJoin("data_keys as dk", (j) =>
      j.onRef("dk.org_id", "=", "t.org_id").onRef("dk.id", "=", "t.data_key_id"),
    )
    .selectAll("t")
    .select("dk.wrapped")
    .where(caseScope(actor, "read"));
}

/** All SQL over case_tasks; reads carry the caller's case policy. */
export const tasksRepository = {
  async insert(db: Kysely<Database>, row: NewTaskRow): Promise<void> {
    await db.insertInto("case_tasks").values(row).execute();
  },

  /**
   * Inserts a task made from a source (a routing deadline) unless the case already has one from it:
   * the unique (org, case, source) key makes this safe against concurrent runs too.
   */
  async insertOnce(
    db: Kysely<Database>,
    row: NewTaskRow & { source_key: string },
  ): Promise<{ id: string; created: boolean }> {
    const inserted = await db
      .insertInto("case_tasks")
      .values(row)
      .onConflict((oc) => oc.columns(["org_id", "case_id", "source_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await db
      .selectFrom("case_tasks")
      .select("id")
      .where("org_id", "=", row.org_id)
      .where("case_id", "=", row.case_id)
      .where("source_key", "=", row.source_key)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  },

  async getReadable(db: Kysely<Database>, actor: Actor, id: string) {
    return readable(db, actor)
      .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
      .where(await ownerOrgsScope(db, actor, "t.org_id"))
      .where("t.id", "=", id)
      .executeTakeFirst();
  },

  listOfCase(db: Kysely<Database>, actor: Actor, kase: { org_id: string; id: string }): Promise<TaskRow[]> {
    return readable(db, actor)
      .where("t.org_id", "=", kase.org_id)
      .where("t.case_id", "=", kase.id)
      .orderBy(sql`t.due_at asc nulls last`)
      .orderBy("t.created_at")
      .limit(500)
      .execute();
  },

  /** Tasks assigned to the user, in cases the user may read; soonest due first. */
  async assignedTo(
    db: Kysely<Database>,
    actor: Actor & { kind: "user" },
    status: TaskStatus | "all",
    limit: number,
  ): Promise<TaskRow[]> {
    let q = readable(db, actor)
      .where(await ownerOrgsScope(db, actor, "t.org_id"))
      .where("t.assignee_user_id", "=", actor.userId);
    if (status !== "all") q = q.where("t.status", "=", status);
    return q.orderBy(sql`t.due_at asc nulls last`).orderBy("t.created_at").limit(limit).execute();
  },

  /** Open tasks with a due time in these cases (the deadlines of the user's queue). */
  openDueInCases(
    db: Kysely<Database>,
    actor: Actor,
    cases: { org_id: string; id: string }[],
  ): Promise<TaskRow[]> {
    if (!cases.length) return Promise.resolve([]);
    return readable(db, actor)
      .where("t.status", "=", "open")
      .where("t.due_at", "is not", null)
      .where((eb) =>
        eb.or(cases.map((c) => eb.and([eb("t.org_id", "=", c.org_id), eb("t.case_id", "=", c.id)]))),
      )
      .orderBy("t.due_at")
      .limit(200)
      .execute();
  },

  /** Compare-and-set on the version: of concurrent updates from one version exactly one matches. */
  async updateIfVersion(
    db: Kysely<Database>,
    key: { org_id: string; id: string },
    expected: number,
    set: Partial<
      Omit<TaskRow, "org_id" | "id" | "case_id" | "version" | "wrapped" | "created_at" | "created_by">
    >,
  ): Promise<{ version: number } | undefined> {
    return db
      .updateTable("case_tasks")
      .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
      .where("org_id", "=", key.org_id)
      .where("id", "=", key.id)
      .where("version", "=", expected)
      .returning("version")
      .executeTakeFirst();
  },

  /** Is this an active user of one of these organizations (an assignee must be)? */
  async isActiveUserOf(db: Kysely<Database>, userId: string, orgIds: string[]): Promise<boolean> {
    const row = await db
      .selectFrom("users")
      .select("id")
      .where("org_id", "in", orgIds)
      .where("id", "=", userId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    return row !== undefined;
  },
};
