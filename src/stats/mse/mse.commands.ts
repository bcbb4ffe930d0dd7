import { type Command, InvalidArgumentError, Option } from "commander";
import type { RunEstimateOptions } from "./mse-cli.ts";

const numberIn = (name: string, ok: (x: number) => boolean, what: string) => (value: string) => {
  const x = Number(value);
  if (!ok(x)) throw new InvalidArgumentError(`${name} must be ${what}, got "${value}"`);
  return x;
};

/**
 * `harbor mse estimate`: multiple systems estimation on a capture-history CSV. Only commander is loaded here;
 * the estimator is imported when the command runs, so `harbor --help` stays fast.
 */
export function registerMseCommands(program: Command): void {
  const mse = program
    .command("mse")
    .description("Multiple systems estimation: the victims nobody has recorded yet");
  mse
    .command("estimate")
    .description(
      "Estimate a population's total from the overlaps of lists (one 0/1 column per list, then count)",
    )
    .argument("<file>", "capture-history CSV: one 0/1 column per list and a final count column")
    .addOption(
      new Option("--model <model>", "how the two-way interactions are chosen")
        .choices(["independence", "stepwise", "aic", "bic"])
        .default("stepwise"),
    )
    .option(
      "--p-threshold <p>",
      "stepwise: p-value an interaction must beat to enter",
      numberIn("--p-threshold", (x) => x > 0 && x < 1, "between 0 and 1"),
      0.02,
    )
    .addOption(
      new Option(
        "--interval <method>",
        "95% interval: profile likelihood, or a bootstrap that repeats model choice",
      )
        .choices(["profile", "bca", "parametric"])
        .default("profile"),
    )
    .option(
      "--replicates <n>",
      "bootstrap replicates",
      numberIn(
        "--replicates",
        (x) => Number.isInteger(x) && x >= 20 && x <= 100_000,
        "a whole number from 20 to 100000",
      ),
      1000,
    )
    .option("--seed <n>", "bootstrap seed", numberIn("--seed", Number.isInteger, "a whole number"), 1)
    .addOption(new Option("--format <format>", "output").choices(["text", "json"]).default("text"))
    .addOption(
      new Option("--lang <lang>", "language of the text and warnings").choices(["en", "es"]).default("en"),
    )
    .action(async (file: string, opts: RunEstimateOptions) => {
      const { runEstimate } = await import("./mse-cli.ts");
      await runEstimate(file, opts);
    });
}
