import type { Command } from "commander";

// Definitions only; each action loads its implementation (db.cli.ts) when it runs.
const load = () => import("./db.cli.ts");

/** `harbor db migrate|status`. */
export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("Database maintenance");
  db.command("migrate")
    .description("Apply pending migrations (start-up does this too)")
    .action(async () => (await load()).migrateCommand());
  db.command("status")
    .description("List migrations and whether each is applied")
    .option("--json", "print JSON")
    .action(async (opts) => (await load()).statusCommand(opts));
}
