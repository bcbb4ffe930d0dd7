import { Command, CommanderError } from "commander";
import { registerDbCommands } from "./cli/db.commands.ts";
import { CliError } from "./cli/output.ts";
import { registerLinkCommands } from "./linkage/link.commands.ts";
import { registerSecurityCommands } from "./modules/auth/auth.commands.ts";
import { registerKeysCommands } from "./modules/crypto/keys.commands.ts";
import { registerDemoCommands } from "./modules/demo/demo.commands.ts";
import { registerDirectoryCommands } from "./modules/directory/directory.commands.ts";
import { registerImportsCommands } from "./modules/imports/imports.commands.ts";
import { registerReliefCommands } from "./modules/relief/relief.commands.ts";
import { registerSearchCommands } from "./modules/search/search.commands.ts";
import { registerStatsCommands } from "./modules/stats/stats.commands.ts";
import { registerMseCommands } from "./stats/mse/mse.commands.ts";
import { version } from "./version.ts";

/**
 * The `harbor` command line. Each module adds its commands through a `register…Commands(program)`, which
 * only defines them: a command's action imports its implementation when it runs, so `harbor --help` (and
 * every command) loads no server code it does not use. Keep the imports here that cheap.
 */
export function buildProgram(): Command {
  const program = new Command("harbor")
    .description("Harbor: the federal anti-trafficking response in one system")
    .version(version)
    .showHelpAfterError();
  program
    .command("serve")
    .description("Start the Harbor server (what `npm start` runs)")
    .action(async () => {
      const { startHarbor } = await import("./main.ts");
      await startHarbor();
    });
  registerDbCommands(program);
  // module commands: keep one line per module
  registerLinkCommands(program);
  registerDirectoryCommands(program);
  registerSecurityCommands(program);
  registerKeysCommands(program);
  registerMseCommands(program);
  registerDemoCommands(program);
  registerSearchCommands(program);
  registerReliefCommands(program);
  registerStatsCommands(program);
  registerImportsCommands(program);
  return program;
}

const isEntry = process.argv[1] && /(?:cli\.[jt]s|harbor(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  buildProgram()
    .exitOverride()
    .parseAsync(process.argv)
    .catch(async (error: unknown) => {
      if (error instanceof CommanderError) process.exit(error.exitCode);
      // Loaded only on an error: the commands' definitions must not load the config schema or the store.
      const [{ ConfigError }, { DataFolderInUseError }] = await Promise.all([
        import("./config.ts"),
        import("./store/data-folder-lock.ts"),
      ]);
      const known =
        error instanceof CliError || error instanceof ConfigError || error instanceof DataFolderInUseError;
      process.stderr.write(`harbor: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof CliError ? error.exitCode : known ? 2 : 1);
    });
}
