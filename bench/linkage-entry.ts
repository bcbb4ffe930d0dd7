/**
 * `harbor link …` alone, for the FEBRL benchmark's start-up-free figure: bundled with esbuild into one JavaScript
 * file (bench/out/), it runs the same command code as `harbor link` without transpiling TypeScript at start-up.
 */
import { Command } from "commander";
import { CliError } from "../src/cli/output.ts";
import { registerLinkCommands } from "../src/linkage/link.commands.ts";

const program = new Command("harbor");
registerLinkCommands(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`harbor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
