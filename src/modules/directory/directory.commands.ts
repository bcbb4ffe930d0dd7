import type { Command } from "commander";
import { CliError } from "../../cli/output.ts";
import { CRIME_TYPES, FUNCTIONS, LANGS, POPULATIONS } from "./directory.vocabulary.ts";

// Definitions only; each action loads its implementation (directory.cli.ts) when it runs.
const load = () => import("./directory.cli.ts");

function oneOf<T extends string>(name: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new CliError(`--${name} must be one of: ${allowed.join(", ")}`);
    }
    return value as T;
  };
}

const LANG_HELP = `language of the texts: ${LANGS.join(" or ")} (source quotes stay in English)`;
const langOption = oneOf("lang", LANGS);

/** `harbor directory list|show|search` and `harbor route --facts FILE|-`. No database needed. */
export function registerDirectoryCommands(program: Command): void {
  const directory = program
    .command("directory")
    .description("The federal directory: who does what, with sources");
  directory
    .command("list")
    .description("List entries, optionally filtered")
    .option("--function <function>", `one of: ${FUNCTIONS.join(", ")}`, oneOf("function", FUNCTIONS))
    .option(
      "--population <population>",
      `one of: ${POPULATIONS.join(", ")}`,
      oneOf("population", POPULATIONS),
    )
    .option("--crime-type <type>", `one of: ${CRIME_TYPES.join(", ")}`, oneOf("crime-type", CRIME_TYPES))
    .option("--json", "print the API's JSON")
    .option("--lang <lang>", LANG_HELP, langOption, "en")
    .action(async (opts) => (await load()).listCommand(opts));
  directory
    .command("show <id>")
    .description("Show one entry with the source of every fact")
    .option("--json", "print the API's JSON")
    .option("--lang <lang>", LANG_HELP, langOption, "en")
    .action(async (id, opts) => (await load()).showCommand(id, opts));
  directory
    .command("search <words...>")
    .description("Find entries by name, abbreviation or what they do")
    .option("--json", "print the API's JSON")
    .option("--lang <lang>", LANG_HELP, langOption, "en")
    .action(async (words, opts) => (await load()).searchCommand(words, opts));
  program
    .command("route")
    .description("Evaluate the facts of a situation (JSON) and print the routing answer, as the API does")
    .requiredOption("--facts <file>", "a JSON file of facts, or - for standard input")
    .option("--lang <lang>", LANG_HELP, langOption, "en")
    .action(async (opts) => (await load()).routeCommand(opts));
}
