import { type Command, Option } from "commander";

// Definitions only; each action loads its implementation (stats.cli.ts) when it runs.
const load = () => import("./stats.cli.ts");

/** `harbor stats REPORT` and `harbor export ctdc|htcds`. */
export function registerStatsCommands(program: Command): void {
  program
    .command("stats")
    .description("An HTRS-style report (incidents, victims, suspects, hotline) with small counts suppressed")
    .argument("<report>", "incidents | victims | suspects | hotline")
    .requiredOption("--user <email>", "the user the report is computed as (their access policy applies)")
    .option("--from <date>", "first day (YYYY-MM-DD)")
    .option("--to <date>", "last day (YYYY-MM-DD)")
    .option("--threshold <n>", "suppress counts below this (default 11, at least 3)")
    .addOption(new Option("--format <format>", "output").choices(["json", "csv", "pdf"]).default("json"))
    .option("--out <file>", "write to this file instead of standard output")
    .addOption(new Option("--lang <lang>", "language of the PDF").choices(["en", "es"]).default("en"))
    .action(async (report: string, opts) => (await load()).statsCommand(report, opts));
  program
    .command("export")
    .description(
      "Row-level exports: ctdc (k-anonymous, k ≥ 11) or htcds (codes only, every charge with its NIBRS code)",
    )
    .argument("<kind>", "ctdc | htcds")
    .requiredOption("--user <email>", "the analyst the export is made as")
    .option("--from <date>", "first day (YYYY-MM-DD)")
    .option("--to <date>", "last day (YYYY-MM-DD)")
    .addOption(new Option("--format <format>", "output").choices(["json", "csv"]).default("csv"))
    .action(async (kind: string, opts) => (await load()).exportCommand(kind, opts));
}
