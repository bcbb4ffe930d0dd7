import { type Kysely, type MigrationResultSet, Migrator } from "kysely";
import { distributeTables, isCitus } from "./citus.ts";
import { migrations } from "./migrations/index.ts";

export interface MigrationState {
  name: string;
  executedAt: Date | undefined;
}

// Migrations describe the schema before it exists, so they work on an untyped database.
// biome-ignore lint/suspicious/noExplicitAny: Kysely's own Migrator takes Kysely<any>.
type AnyDb = Kysely<any>;

function migrator(db: AnyDb) {
  // Modules number their migrations in ranges, so a store migrated before a merge can meet a new
  // migration numbered below ones it already ran: apply it rather than refuse to start.
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
}

/**
 * Applies every pending migration; throws with the failing migration's name if one fails. On a Citus
 * coordinator it then places every table not placed yet (see citus.ts); elsewhere nothing more.
 * Returns the migrations applied and, on Citus, the tables placed.
 */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed} failed: ${reason}`);
  }
  const applied = (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  if (!(await isCitus(db))) return applied;
  const placed = await distributeTables(db);
  return [...applied, ...placed.map((t) => `citus: ${t} placed`)];
}

/** Every known migration with the time it ran, or undefined when it is pending. */
export async function migrationStatus(db: AnyDb): Promise<MigrationState[]> {
  const all = await migrator(db).getMigrations();
  return all.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}
