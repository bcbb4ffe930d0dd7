import type { Command } from "commander";
import { ORG_TYPES } from "../auth/auth.context.ts";

// Definitions only; each action loads its implementation (orgs.cli.ts) when it runs.
const load = () => import("./orgs.cli.ts");

/** `harbor org create|list|host`. */
export function registerOrgCommands(program: Command): void {
  const org = program.command("org").description("Organizations");
  org
    .command("create")
    .description("Create an organization (the first one becomes the installation's host)")
    .requiredOption("--id <id>", "short id: lower-case letters, digits, dashes")
    .requiredOption("--name <name>", "display name")
    .requiredOption("--type <type>", ORG_TYPES.join(" | "))
    .action(async (opts) => (await load()).createCommand(opts));
  org
    .command("list")
    .description("List organizations")
    .action(async () => (await load()).listCommand());
  org
    .command("host <id>")
    .description("Make an organization the installation's host (its admins create organizations)")
    .action(async (id) => (await load()).hostCommand(id));
}
