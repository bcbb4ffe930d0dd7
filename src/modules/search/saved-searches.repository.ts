import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";

/** The owner of saved searches: a user in an organization (the caller; no one else sees them). */
export interface SavedSearchOwner {
  orgId: string;
  userId: string;
}

/**
 * All SQL over saved searches. A saved search is personal: every statement is bound to the caller's
 * organization and user id, so another user's search is "not found" exactly like a missing one.
 */
export const savedSearchesRepository = {
  async insert(
    db: Kysely<Database>,
    owner: SavedSearchOwner,
    row: { id: string; dataKeyId: string; nameEnc: string; queryEnc: string },
  ) {
    await db
      .insertInto("saved_searches")
      .values({
        org_id: owner.orgId,
        id: row.id,
        user_id: owner.userId,
        data_key_id: row.dataKeyId,
        name_enc: row.nameEnc,
        query_enc: row.queryEnc,
      })
      .execute();
  },

  /** The caller's saved searches with their wrapped data keys, oldest first. */
  list(db: Kysely<Database>, owner: SavedSearchOwner) {
    return db
      .selectFrom("saved_searches as s")
      .innerJoin("data_keys as k", (j) =>
        j.onRef("k.org_id", "=", "s.org_id").onRef("k.id", "=", "s.data_key_id"),
      )
      .select([
        "s.id",
        "s.data_key_id",
        "s.name_enc",
        "s.query_enc",
        "s.version",
        "s.created_at",
        "s.updated_at",
      ])
      .select("k.wrapped")
      .where("s.org_id", "=", owner.orgId)
      .where("s.user_id", "=", owner.userId)
      .orderBy("s.created_at")
      .orderBy("s.id")
      .limit(200)
      .execute();
  },

  get(db: Kysely<Database>, owner: SavedSearchOwner, id: string) {
    return db
      .selectFrom("saved_searches as s")
      .innerJoin("data_keys as k", (j) =>
        j.onRef("k.org_id", "=", "s.org_id").onRef("k.id", "=", "s.data_key_id"),
      )
      .select([
        "s.id",
        "s.data_key_id",
        "s.name_enc",
        "s.query_enc",
        "s.version",
        "s.created_at",
        "s.updated_at",
      ])
      .select("k.wrapped")
      .where("s.org_id", "=", owner.orgId)
      .where("s.user_id", "=", owner.userId)
      .where("s.id", "=", id)
      .executeTakeFirst();
  },

  async count(db: Kysely<Database>, owner: SavedSearchOwner): Promise<number> {
    const row = await db
      .selectFrom("saved_searches")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("org_id", "=", owner.orgId)
      .where("user_id", "=", owner.userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Replaces name and query if the version is still `expected`; the new version, or undefined. */
  async update(
    db: Kysely<Database>,
    owner: SavedSearchOwner,
    id: string,
    expected: number,
    row: { dataKeyId: string; nameEnc: string; queryEnc: string },
  ): Promise<number | undefined> {
    const updated = await db
      .updateTable("saved_searches")
      .set({
        data_key_id: row.dataKeyId,
        name_enc: row.nameEnc,
        query_enc: row.queryEnc,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where("org_id", "=", owner.orgId)
      .where("user_id", "=", owner.userId)
      .where("id", "=", id)
      .where("version", "=", expected)
      .returning("version")
      .executeTakeFirst();
    return updated?.version;
  },

  /** Deletes the search if the version is still `expected`; whether it did. */
  async delete(db: Kysely<Database>, owner: SavedSearchOwner, id: string, expected: number) {
    const deleted = await db
      .deleteFrom("saved_searches")
      .where("org_id", "=", owner.orgId)
      .where("user_id", "=", owner.userId)
      .where("id", "=", id)
      .where("version", "=", expected)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1;
  },
};
