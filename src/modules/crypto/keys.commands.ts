import type { Command } from "commander";

// Definitions only; each action loads its implementation (keys.cli.ts) when it runs.
const load = () => import("./keys.cli.ts");

/**
 * `harbor keys rotate|status`. Rotation adds a master key (key-file mode; with HARBOR_MASTER_KEY the
 * operator puts the new key first in the variable) and re-wraps every data key under it.
 */
export function registerKeysCommands(program: Command): void {
  const keys = program.command("keys").description("Master keys of field encryption");
  keys
    .command("rotate")
    .description("Add a new master key (key file) and re-wrap every data key under the current key")
    .option("--resume", "only re-wrap under the current key; add no new key")
    .action(async (opts) => (await load()).rotateCommand(opts));
  keys
    .command("status")
    .description("Show the current master key and how many data keys each key wraps")
    .option("--json", "print JSON")
    .action(async (opts) => (await load()).statusCommand(opts));
}
