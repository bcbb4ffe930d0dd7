import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import { ORG_TABLES } from "../../store/tenancy.ts";

/**
 * The audit chains stay: they are append-only by design (a trigger refuses deletes), and a signed
 * checkpoint may pin a demo chain's head, so deleting it would make verification fail. The organization
 * rows stay with them (the chains point at them); a later `demo load` reuses them.
 */
const KEPT = new Set<string>(["audit_events", "audit_chain_heads"]);

export const demoRepository = {
  /** How many users the demo organizations have (0: no demo is loaded). */
  async userCount(db: Kysely<Database>, orgIds: readonly string[]): Promise<number> {
    const row = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("org_id", "in", orgIds)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  existingOrgIds(db: Kysely<Database>, orgIds: readonly string[]): Promise<string[]> {
    return db
      .selectFrom("orgs")
      .select("id")
      .where("id", "in", orgIds)
      .execute()
      .then((rows) => rows.map((r) => r.id));
  },

  /**
   * Deletes every row of the demo organizations from every organization-scoped table except the audit
   * chains, children before parents (ORG_TABLES lists parents first), and their sign-in e-mails. A table
   * a module adds to ORG_TABLES is covered without a change here. Returns rows deleted per table.
   */
  async deleteOrgRows(trx: Kysely<Database>, orgIds: readonly string[]): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    const count = async (table: string) => {
      const result = await sql`delete from ${sql.table(table)} where org_id in (${sql.join(orgIds)})`.execute(
        trx,
      );
      deleted[table] = Number(result.numAffectedRows ?? 0);
    };
    await count("login_emails");
    for (const table of [...ORG_TABLES].reverse()) if (!KEPT.has(table)) await count(table);
    return deleted;
  },
};
