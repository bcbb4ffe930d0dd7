import type { Command } from "commander";
import { ROLES } from "../auth/auth.context.ts";

// Definitions only; each action loads its implementation (users.cli.ts) when it runs.
const load = () => import("./users.cli.ts");

/** `harbor user create|list|unlock|disable|enable|roles|reset-password|reset-mfa`. */
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
    .description("Disable an account and end its sessions at once (never the last active admin)")
    .action(async (email) => (await load()).disableCommand(email));
  user
    .command("enable <email>")
    .description("Enable a disabled account again")
    .action(async (email) => (await load()).enableCommand(email));
  user
    .command("roles <email>")
    .description("Replace an account's roles (never removing the last active admin's)")
    .requiredOption("--role <roles>", `comma-separated roles: ${ROLES.join(", ")}`)
    .action(async (email, opts) => (await load()).rolesCommand(email, opts));
  user
    .command("reset-password <email>")
    .description("Issue a new one-time password (printed once, expires in 72 hours); ends every session")
    .action(async (email) => (await load()).resetPasswordCommand(email));
  user
    .command("reset-mfa <email>")
    .description("Make the user enrol a new authenticator at the next sign-in; ends every session")
    .requiredOption("--reason <reason>", "lost_device | new_device | suspected_compromise | other")
    .action(async (email, opts) => (await load()).resetMfaCommand(email, opts));
}
