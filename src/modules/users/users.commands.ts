import type { Command } from "commander";
import { ROLES } from "../auth/auth.context.ts";

// Definitions only; each action loads its implementation (users.cli.ts) when it runs.
const load = () => import("./users.cli.ts");

/** `harbor user create|list|unlock|disable`. */
export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("User accounts");
  user
    .command("create")
    .description("Create a user; prints the TOTP enrolment secret (and a generated password) once")
    .requiredOption("--org <id>", "organization id")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--role <roles>", `comma-separated roles: ${ROLES.join(", ")}`)
    .option("--password-stdin", "read the password from standard input instead of generating one")
    .action(async (opts) => (await load()).createCommand(opts));
  user
    .command("list")
    .description("List an organization's users")
    .requiredOption("--org <id>", "organization id")
    .action(async (opts) => (await load()).listCommand(opts));
  user
    .command("unlock <email>")
    .description("Unlock an account locked after failed sign-ins")
    .action(async (email) => (await load()).unlockCommand(email));
  user
    .command("disable <email>")
    .description("Disable an account and end its sessions at once")
    .action(async (email) => (await load()).disableCommand(email));
}
