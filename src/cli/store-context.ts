import { loadConfig } from "../config.ts";
import { migrateToLatest } from "../store/migrator.ts";
import { openStore, type Store } from "../store/store.ts";

/**
 * Runs an administrative command against Harbor's store: PostgreSQL when DATABASE_URL is set, else the
 * embedded data folder, through the running Harbor when one holds it. Says on stderr which it used.
 * Migrations are applied first (unless `migrate: false`) so commands always see the current schema.
 */
export async function withStore<T>(
  run: (store: Store) => Promise<T>,
  options: { migrate?: boolean; quiet?: boolean } = {},
): Promise<T> {
  const store = await openStore(loadConfig(), { shareRunning: true });
  try {
    if (!options.quiet) process.stderr.write(`Using the ${store.description}.\n`);
    if (options.migrate !== false) await migrateToLatest(store.db);
    return await run(store);
  } finally {
    await store.close();
  }
}
