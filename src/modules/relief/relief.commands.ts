import type { Command } from "commander";
import { CliError } from "../../cli/output.ts";

// Definitions only; the action loads its implementation (relief.cli.ts) when it runs.
const load = () => import("./relief.cli.ts");

const isoDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new CliError("--date must be a calendar date YYYY-MM-DD");
  return value;
};

/** `harbor relief remind`: today's deadline reminders (run daily). */
export function registerReliefCommands(program: Command): void {
  const relief = program.command("relief").description("Victim services and immigration relief");
  relief
    .command("remind")
    .description("Send the reminders due today (30, 7 and 1 days before each relief deadline)")
    .option("--date <date>", "run as if today were this date (YYYY-MM-DD)", isoDate)
    .action(async (opts) => (await load()).remindCommand(opts));
}
