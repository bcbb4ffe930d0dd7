import { type Kysely, type OperationNodeSource, sql } from "kysely";
import { PREPARE } from "./prepared.ts";
import type { Database } from "./schema.ts";

/**
 * Several writes (insert, update, delete builders, each made by the repository that owns its table)
 * sent as ONE statement: every write but the last becomes a data-modifying CTE of the last. One round
 * trip instead of one per write, which is what a write costs most on the embedded store (one backend,
 * a fixed cost per message exchange). PostgreSQL runs the parts in one snapshot, in no set order, and
 * none sees another's rows, so only writes that do not read each other's effects may go together
 * (constraints are checked at the end of the statement, as for separate statements in a transaction).
 * Returns the rows the last write returns. The statement is prepared (store/prepared.ts): callers send
 * a fixed set of shapes, so its text repeats.
 */
export async function executeTogether<R = unknown>(
  db: Kysely<Database>,
  writes: OperationNodeSource[],
): Promise<R[]> {
  if (!writes.length) return [];
  const last = writes[writes.length - 1]!;
  const ctes = writes.slice(0, -1).map((write, i) => sql`${sql.ref(`w${i}`)} as (${write})`);
  const statement = ctes.length
    ? sql<R>`${sql.raw(PREPARE)}with ${sql.join(ctes)} ${last}`
    : sql<R>`${sql.raw(PREPARE)}${last}`;
  return (await statement.execute(db)).rows;
}
