import type { Command } from "commander";
import { migrateToLatest, migrationStatus } from "../store/migrator.ts";
import { withStore } from "./store-context.ts";

/** `harbor db migrate|status`. */
export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("Database maintenance");
  db.command("migrate")
    .description("Apply pending migrations (start-up does this too)")
    .action(async () => {
      await withStore(
        async (store) => {
          const applied = await migrateToLatest(store.db);
          console.log(
            applied.length ? `Applied ${applied.length}: ${applied.join(", ")}` : "Already up to date.",
          );
        },
        { migrate: false },
      );
    });
  db.command("status")
    .description("List migrations and whether each is applied")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
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
    });
}
