import { migrateToLatest, migrationStatus } from "../store/migrator.ts";
import { withStore } from "./store-context.ts";

/** `harbor db migrate`. */
export async function migrateCommand(): Promise<void> {
  await withStore(
    async (store) => {
      const applied = await migrateToLatest(store.db);
      console.log(
        applied.length ? `Applied ${applied.length}: ${applied.join(", ")}` : "Already up to date.",
      );
    },
    { migrate: false },
  );
}

/** `harbor db status`. */
export async function statusCommand(opts: { json?: boolean }): Promise<void> {
  await withStore(
    async (store) => {
      const states = await migrationStatus(store.db);
      if (opts.json) return console.log(JSON.stringify(states, null, 2));
      for (const s of states) {
        console.log(
          `${s.executedAt ? "applied" : "pending"}  ${s.name}${s.executedAt ? `  ${s.executedAt.toISOString()}` : ""}`,
        );
      }
    },
    { migrate: false },
  );
}
