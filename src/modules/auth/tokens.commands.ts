import type { Command } from "commander";

// Definitions only; each action loads its implementation (tokens.cli.ts) when it runs.
const load = () => import("./tokens.cli.ts");

/** `harbor token create|revoke`. */
export function registerTokenCommands(program: Command): void {
  const token = program.command("token").description("API tokens for integrations and scripts");
  token
    .command("create")
    .description("Create an API token for a user; printed once, stored hashed")
    .requiredOption("--user <email>", "the user the token acts as")
    .option("--expires <lifetime>", "lifetime, e.g. 30d or 12h (max 365d)", "30d")
    .option("--label <label>", "what the token is for", "cli")
    .action(async (opts) => (await load()).createCommand(opts));
  token
    .command("revoke <id>")
    .description("Revoke an API token at once")
    .action(async (id) => (await load()).revokeCommand(id));
}
