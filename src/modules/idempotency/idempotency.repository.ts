import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";

type Key = { orgId: string; key: string };

/** All SQL over idempotency_keys. */
export const idempotencyRepository = {
  /** Claims a key for a request; false when someone holds it already (then read it). */
  async claim(db: Kysely<Database>, k: Key, requestHash: string, at: Date): Promise<boolean> {
    const r = await db
      .insertInto("idempotency_keys")
      .values({ org_id: k.orgId, key: k.key, request_hash: requestHash, state: "processing", created_at: at })
      .onConflict((oc) => oc.columns(["org_id", "key"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  get(db: Kysely<Database>, k: Key) {
    return db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("org_id", "=", k.orgId)
      .where("key", "=", k.key)
      .executeTakeFirst();
  },

  /** Stores the first response for replay. */
  async complete(
    db: Kysely<Database>,
    k: Key,
    response: { statusCode: number; body: string; contentType: string | null },
    at: Date,
  ): Promise<void> {
    await db
      .updateTable("idempotency_keys")
      .set({
        state: "completed",
        status_code: response.statusCode,
        response_body: response.body,
        response_type: response.contentType,
        completed_at: at,
      })
      .where("org_id", "=", k.orgId)
      .where("key", "=", k.key)
      .execute();
  },

  /** Gives a key back (the request failed before it changed anything, so a retry may run again). */
  async release(db: Kysely<Database>, k: Key): Promise<void> {
    await db
      .deleteFrom("idempotency_keys")
      .where("org_id", "=", k.orgId)
      .where("key", "=", k.key)
      .where("state", "=", "processing")
      .execute();
  },

  /** Forgets keys older than `before`. */
  async prune(db: Kysely<Database>, before: Date): Promise<void> {
    await db.deleteFrom("idempotency_keys").where("created_at", "<", before).execute();
  },
};
