import type { Command } from "commander";

// Definitions only; the action loads its implementation (search.cli.ts) when it runs.
const load = () => import("./search.cli.ts");

/** `harbor search reindex`: rebuilds the case text tokens from the (decrypted) records. */
export function registerSearchCommands(program: Command): void {
  const search = program.command("search").description("The encrypted full-text search index");
  search
    .command("reindex")
    .description("Rebuild the search tokens of every case's text (audited; e.g. after a search key is lost)")
    .action(async () => (await load()).reindexCommand());
}
