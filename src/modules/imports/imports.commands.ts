import type { Command } from "commander";

// Definitions only; each action loads its implementation (imports.cli.ts) when it runs.
const load = () => import("./imports.cli.ts");

/** `harbor import csv|htcds FILE` and `harbor import template csv|htcds`. */
export function registerImportsCommands(program: Command): void {
  program
    .command("import")
    .description(
      "Import cases and persons from a CSV (one person a row) or HTCDS tables (as `harbor export htcds` writes them): all or nothing, in one transaction (at most 20,000 persons a file)",
    )
    .argument("<kind>", "csv | htcds | template")
    .argument(
      "[file]",
      "the file (HTCDS: JSON, the sectioned CSV, or a folder of <table>.csv); for template: csv | htcds",
    )
    .option(
      "--user <email>",
      "the user the import is made as (their organization gets the records; audited as them)",
    )
    .option("--as <email>", "the same as --user")
    .option("--mapping <file>", "a mapping file (from --template) naming your file's columns")
    .option("--template", "print the mapping template for this kind and exit")
    .option("--dry-run", "check everything and say what would be created; change nothing")
    .action(async (kind: string, file: string | undefined, opts) =>
      (await load()).importCommand(kind, file, opts),
    );
}
