import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";

/** A wrapped data key as the services see it. */
interface DataKeyRow {
  orgId: string;
  id: string;
  ownerTable: string;
  ownerId: string;
  kekId: string;
  wrapped: string;
}

const toColumns = (row: DataKeyRow) => ({
  org_id: row.orgId,
  id: row.id,
  owner_table: row.ownerTable,
  owner_id: row.ownerId,
  kek_id: row.kekId,
  wrapped: row.wrapped,
});

/** All SQL over `data_keys`. Takes a Kysely or a transaction, so writes join the caller's transaction. */
export const dataKeysRepository = {
  /** Stores a wrapped data key. */
  async insert(db: Kysely<Database>, row: DataKeyRow) {
    await dataKeysRepository.insertQuery(db, row).execute();
  },

  /** The insert of a wrapped data key, unexecuted (to go in one statement with its record's insert). */
  insertQuery(db: Kysely<Database>, row: DataKeyRow) {
    return db.insertInto("data_keys").values(toColumns(row));
  },

  /** Stores a wrapped data key unless one with this id exists (start-up races). */
  async insertIfAbsent(db: Kysely<Database>, row: DataKeyRow) {
    await db
      .insertInto("data_keys")
      .values(toColumns(row))
      .onConflict((oc) => oc.columns(["org_id", "id"]).doNothing())
      .execute();
  },

  /** The wrapped value of one data key, unexecuted (to be read in a statement with others). */
  wrappedQuery(db: Kysely<Database>, orgId: string, id: string) {
    return db.selectFrom("data_keys").select("wrapped").where("org_id", "=", orgId).where("id", "=", id);
  },

  /** One wrapped data key by organization and id. */
  getById(db: Kysely<Database>, orgId: string, id: string) {
    return db
      .selectFrom("data_keys")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .executeTakeFirst();
  },

  /** The data keys with this id in each of several organizations (per-organization index keys). */
  getByIdInOrgs(db: Kysely<Database>, orgIds: string[], id: string) {
    return db
      .selectFrom("data_keys")
      .select(["org_id", "wrapped"])
      .where("org_id", "in", orgIds)
      .where("id", "=", id)
      .execute();
  },

  /** A batch of data keys not wrapped by the given master key, for rotation. */
  listNotWrappedBy(db: Kysely<Database>, kekId: string, limit: number) {
    return db
      .selectFrom("data_keys")
      .select(["org_id", "id", "owner_table", "owner_id", "kek_id", "wrapped"])
      .where("kek_id", "<>", kekId)
      .orderBy("org_id")
      .orderBy("id")
      .limit(limit)
      .execute();
  },

  /** Replaces a wrap only if nobody re-wrapped it meanwhile (optimistic on the old key id). */
  async rewrap(
    db: Kysely<Database>,
    orgId: string,
    id: string,
    fromKekId: string,
    toKekId: string,
    wrapped: string,
  ): Promise<boolean> {
    const result = await db
      .updateTable("data_keys")
      .set({ kek_id: toKekId, wrapped, rewrapped_at: new Date() })
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .where("kek_id", "=", fromKekId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** How many data keys each master key wraps. */
  countByKek(db: Kysely<Database>) {
    return db
      .selectFrom("data_keys")
      .select((eb) => ["kek_id", eb.fn.countAll<number>().as("count")])
      .groupBy("kek_id")
      .orderBy("kek_id")
      .execute();
  },
};
