import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { OrgType } from "../auth/auth.context.ts";
import { type Actor, administersAccounts } from "../policy/policy.engine.ts";
import { orgScope } from "../policy/policy.sql.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An organization row. */
export interface OrgRow {
  id: string;
  name: string;
  type: OrgType;
  host: boolean;
  created_at: Date;
}

const COLUMNS = ["orgs.id", "orgs.name", "orgs.type", "orgs.host", "orgs.created_at"] as const;

/** All SQL over `orgs`. Reads go through the policy's organization scope for the caller. */
export const orgsRepository = {
  /**
   * Inserts an organization (the service checked the actor may); the first one of an installation
   * becomes its host. False when the id is taken.
   */
  async insert(db: Transaction<Database>, org: Omit<OrgRow, "host">): Promise<boolean> {
    const insert = (host: boolean) =>
      db
        .insertInto("orgs")
        .values({ ...org, host: sql<boolean>`${host} and not exists (select 1 from orgs where host)` })
        .onConflict((oc) => oc.column("id").doNothing())
        .executeTakeFirst();
    // Two first organizations created at once: the unique index lets one be the host, not both.
    const result = await savepoint(db, () => insert(true)).catch((e: { constraint?: string }) => {
      if (e.constraint === "orgs_one_host") return insert(false);
      throw e;
    });
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  /** One organization the actor may see, by id. */
  get(db: Db, actor: Actor, id: string): Promise<OrgRow | undefined> {
    return db
      .selectFrom("orgs")
      .select(COLUMNS)
      .where("orgs.id", "=", id)
      .where(orgScope(actor))
      .executeTakeFirst();
  },

  /** The organizations the actor may see, by name. */
  list(db: Db, actor: Actor): Promise<OrgRow[]> {
    return db
      .selectFrom("orgs")
      .select(COLUMNS)
      .where(orgScope(actor))
      .orderBy("orgs.name")
      .orderBy("orgs.id")
      .execute();
  },

  /** True for the system, and for an account admin of the host organization. */
  async isHostAdmin(db: Db, actor: Actor): Promise<boolean> {
    if (actor.kind === "system") return true;
    if (!administersAccounts(actor)) return false;
    const row = await db.selectFrom("orgs").select("host").where("id", "=", actor.orgId).executeTakeFirst();
    return row?.host === true;
  },

  /** Makes `id` the host organization (and no other); false when there is no such organization. */
  async setHost(db: Transaction<Database>, id: string): Promise<boolean> {
    if (!(await db.selectFrom("orgs").select("id").where("id", "=", id).executeTakeFirst())) return false;
    await db.updateTable("orgs").set({ host: false }).where("host", "=", true).execute();
    await db.updateTable("orgs").set({ host: true }).where("id", "=", id).execute();
    return true;
  },
};

/** Runs `work` in a savepoint, so a failed statement does not abort the whole transaction. */
async function savepoint<T>(trx: Transaction<Database>, work: () => Promise<T>): Promise<T> {
  await sql`savepoint org_insert`.execute(trx);
  try {
    const result = await work();
    await sql`release savepoint org_insert`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint org_insert`.execute(trx);
    throw error;
  }
}
