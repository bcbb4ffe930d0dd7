import { type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import type { ReliefTables } from "./relief.tables.ts";

export type ReliefRow = Selectable<ReliefTables["relief_applications"]> & { wrapped: string | null };
type Insert = Omit<Selectable<ReliefTables["relief_applications"]>, "version" | "created_at" | "updated_at">;

/**
 * All SQL over relief applications. Access is decided by the service on the person first (the policy's
 * person scope and its 1367 gate); every query here is also pinned to that person's organization.
 */
export const reliefRepository = {
  async insert(db: Kysely<Database>, row: Insert) {
    await db
      .insertInto("relief_applications")
      .values({ ...row, documents: JSON.stringify(row.documents) })
      .execute();
  },

  async listForPerson(db: Kysely<Database>, orgId: string, personId: string): Promise<ReliefRow[]> {
    return (await db
      .selectFrom("relief_applications as r")
      .leftJoin("data_keys as dk", (j) =>
        j.onRef("dk.org_id", "=", "r.org_id").onRef("dk.id", "=", "r.data_key_id"),
      )
      .selectAll("r")
      .select("dk.wrapped")
      .where("r.org_id", "=", orgId)
      .where("r.person_id", "=", personId)
      .orderBy("r.created_at")
      .orderBy("r.id")
      .execute()) as ReliefRow[];
  },

  /** One application with its row lock (the update that follows is decided on this version). */
  async getForUpdate(db: Kysely<Database>, id: string): Promise<ReliefRow | undefined> {
    return (await db
      .selectFrom("relief_applications as r")
      .leftJoin("data_keys as dk", (j) =>
        j.onRef("dk.org_id", "=", "r.org_id").onRef("dk.id", "=", "r.data_key_id"),
      )
      .selectAll("r")
      .select("dk.wrapped")
      .where("r.id", "=", id)
      .forUpdate("r")
      .executeTakeFirst()) as ReliefRow | undefined;
  },

  /** Compare-and-set on version: undefined when another update won. */
  async update(
    db: Kysely<Database>,
    key: { orgId: string; id: string; version: number },
    set: Partial<
      Pick<
        Insert,
        | "status"
        | "filed_on"
        | "decided_on"
        | "expires_on"
        | "extended"
        | "receipt_number_enc"
        | "data_key_id"
        | "documents"
      >
    >,
  ) {
    const values: Record<string, unknown> = { ...set, version: key.version + 1, updated_at: sql`now()` };
    if (set.documents) values.documents = JSON.stringify(set.documents);
    return db
      .updateTable("relief_applications")
      .set(values)
      .where("org_id", "=", key.orgId)
      .where("id", "=", key.id)
      .where("version", "=", key.version)
      .returning("version")
      .executeTakeFirst();
  },

  /** The organization's open applications with a date a deadline hangs on (for the deadline list). */
  async listOpenWithDates(db: Kysely<Database>, orgId: string): Promise<ReliefRow[]> {
    return (await db
      .selectFrom("relief_applications as r")
      .selectAll("r")
      .select(sql<null>`null`.as("wrapped"))
      .where("r.org_id", "=", orgId)
      .where("r.status", "not in", ["denied", "withdrawn", "expired"])
      .orderBy("r.expires_on")
      .limit(1000)
      .execute()) as ReliefRow[];
  },

  /** Every organization's open applications, for the reminder run only (a named system context). */
  async listOpenForSystem(db: Kysely<Database>, _system: SystemContext): Promise<ReliefRow[]> {
    return (await db
      .selectFrom("relief_applications as r")
      .selectAll("r")
      .select(sql<null>`null`.as("wrapped"))
      .where("r.status", "not in", ["denied", "withdrawn", "expired"])
      .execute()) as ReliefRow[];
  },
};
