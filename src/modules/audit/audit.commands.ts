import type { Command } from "commander";

// Definitions only; each action loads its implementation (audit.cli.ts) when it runs.
const load = () => import("./audit.cli.ts");

/** `harbor audit verify|checkpoint`. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("The tamper-evident audit log");
  audit
    .command("verify")
    .description(
      "Walk the hash chain; exit 1 naming the first broken record. With --checkpoint, also detect truncation",
    )
    .option("--checkpoint <file>", "a checkpoint exported by `harbor audit checkpoint`")
    .option(
      "--public-key <file>",
      "PEM public key to check the checkpoint with (default: the signing key's .pub)",
    )
    .action(async (opts) => (await load()).verifyCommand(opts));
  audit
    .command("checkpoint")
    .description("Sign the current chain head (Ed25519, key outside the database) and print or save it")
    .option("--out <file>", "write the checkpoint here instead of standard output")
    .action(async (opts) => (await load()).checkpointCommand(opts));
}
