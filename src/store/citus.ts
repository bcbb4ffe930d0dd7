import { type Kysely, sql } from "kysely";
import { GLOBAL_TABLES, ORG_TABLES, TABLES_WITH_TRIGGERS } from "./tenancy.ts";

// biome-ignore lint/suspicious/noExplicitAny: runs between migrations, before the typed schema exists.
type AnyDb = Kysely<any>;

/** True when the database has the citus extension (a Citus coordinator). */
export async function isCitus(db: AnyDb): Promise<boolean> {
  const found = await sql<{ one: number }>`select 1 as one from pg_extension where extname = 'citus'`.execute(
    db,
  );
  return found.rows.length > 0;
}

async function placedTables(db: AnyDb): Promise<Set<string>> {
  const rows = await sql<{
    name: string;
  }>`select logicalrelid::regclass::text as name from pg_dist_partition`.execute(db);
  return new Set(rows.rows.map((r) => r.name));
}

async function place(db: AnyDb, table: string, colocateWith: string): Promise<void> {
  if (table in GLOBAL_TABLES) {
    await sql`select create_reference_table(${table})`.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    // The append-only trigger refuses statements and reads no other row, so it is safe on shards.
    if (table in TABLES_WITH_TRIGGERS) await sql`set local citus.enable_unsafe_triggers to on`.execute(trx);
    await sql`select create_distributed_table(${table}, 'org_id', colocate_with => ${colocateWith})`.execute(
      trx,
    );
  });
}

/**
 * For a migration that creates a table: on Citus, places it at once (before the migration adds
 * foreign keys to distributed tables, which Citus refuses from a table still local). Elsewhere, and
 * when it is placed already, does nothing.
 */
export async function placeTable(db: AnyDb, table: string): Promise<void> {
  if (!(await isCitus(db)) || (await placedTables(db)).has(table)) return;
  const anchor = ORG_TABLES[0];
  await place(db, table, table === anchor ? "default" : anchor);
}

/**
 * On a Citus coordinator, places every table that exists and is not placed yet, as tenancy.ts
 * declares: global tables become reference tables first (organization tables point at them), then
 * organization tables are distributed by org_id, all colocated with the first, so one organization's
 * rows of every table share a node and joins on org_id stay on it. Tables already placed are left
 * alone, so running it again changes nothing. Returns what it placed.
 */
export async function distributeTables(db: AnyDb): Promise<string[]> {
  const placed = await placedTables(db);
  const existing = new Set(
    (
      await sql<{
        name: string;
      }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')`.execute(db)
    ).rows.map((r) => r.name),
  );
  const done: string[] = [];
  const anchor = ORG_TABLES[0];
  for (const table of [...Object.keys(GLOBAL_TABLES), ...ORG_TABLES]) {
    if (!existing.has(table) || placed.has(table)) continue;
    // The first organization table (users) starts the colocation group; every other one joins it.
    await place(db, table, table === anchor ? "default" : anchor);
    placed.add(table);
    done.push(table);
  }
  return done;
}
