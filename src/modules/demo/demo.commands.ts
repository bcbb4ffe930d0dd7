import type { Command } from "commander";

// Definitions only; each action loads its implementation (demo.cli.ts) when it runs.
const load = () => import("./demo.cli.ts");

/** `harbor demo load|clear|code`. */
export function registerDemoCommands(program: Command): void {
  const demo = program
    .command("demo")
    .description("A clearly labelled synthetic task force to try Harbor with (never on a real installation)");
  demo
    .command("load")
    .description(
      "Create the demo organizations, users (sign-in details printed once), tips, cases, referrals and relief",
    )
    .action(async () => (await load()).loadCommand());
  demo
    .command("clear")
    .description("Remove everything the demo created (its audit trail stays: it is append-only)")
    .action(async () => (await load()).clearCommand());
  demo
    .command("code <email>")
    .description(
      "Print a demo user's current sign-in code (demo accounts only), instead of an authenticator app",
    )
    .action(async (email) => (await load()).codeCommand(email));
}
