import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { OrgType } from "../auth/auth.context.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An organization row. */
export interface OrgRow {
  id: string;
  name: string;
  type: OrgType;
  created_at: Date;
}

/** Inserts an organization; returns false when the id is taken. */
export async function insertOrg(db: Db, org: OrgRow): Promise<boolean> {
  const result = await db
    .insertInto("orgs")
    .values(org)
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** One organization by id. */
export async function getOrg(db: Db, id: string): Promise<OrgRow | undefined> {
  return db
    .selectFrom("orgs")
    .select(["id", "name", "type", "created_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Organizations by id, all of them or only `onlyId`. */
export async function listOrgs(db: Db, onlyId?: string): Promise<OrgRow[]> {
  let q = db.selectFrom("orgs").select(["id", "name", "type", "created_at"]);
  if (onlyId !== undefined) q = q.where("id", "=", onlyId);
  return q.orderBy("id").execute();
}
