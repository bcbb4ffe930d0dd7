// Only light imports at the top: `harbor --help` loads this file, and the engine (normalizers, phone metadata,
// workers) is imported inside the actions that need it.
import type { Command } from "commander";
import { CliError, progress } from "../cli/output.ts";
import type { FileLinkOptions, FileLinkSummary } from "./link-run.ts";
import { ROLES } from "./types.ts";

interface LinkCliOptions {
  id: string;
  map: string;
  out?: string;
  clusters?: string;
  review?: string;
  threshold: string;
  reviewThreshold: string;
  delimiter?: string;
  explain?: boolean;
  workers?: string;
  tf: boolean;
  labels?: string;
  model?: string;
  saveModel?: string;
}

function probability(value: string, name: string): number {
  const x = Number(value);
  if (!(x > 0 && x < 1))
    throw new CliError(`${name} must be a probability strictly between 0 and 1, got "${value}"`);
  return x;
}

async function roleMap(spec: string): Promise<FileLinkOptions["mapping"]["roles"]> {
  const { LinkageInputError, parseRoleMap } = await import("./load-people.ts");
  try {
    return parseRoleMap(spec);
  } catch (error) {
    if (error instanceof LinkageInputError) throw new CliError(error.message);
    throw error;
  }
}

function delimiterOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = value === "\\t" || value.toLowerCase() === "tab" ? "\t" : value;
  if (d.length !== 1) throw new CliError(`--delimiter must be one character (or "tab"), got "${value}"`);
  return d;
}

async function run(files: string[], opts: LinkCliOptions): Promise<void> {
  // The engine loads when a command runs, not with these definitions, so `harbor --help` stays quick.
  const [{ linkFiles }, { LinkageInputError }, { ModelFileError }] = await Promise.all([
    import("./link-run.ts"),
    import("./load-people.ts"),
    import("./model-file.ts"),
  ]);
  const bar = progress();
  let issues = 0;
  const options: FileLinkOptions = {
    mapping: { id: opts.id.trim(), roles: await roleMap(opts.map) },
    threshold: probability(opts.threshold, "--threshold"),
    reviewThreshold: probability(opts.reviewThreshold, "--review-threshold"),
    explain: Boolean(opts.explain),
    ...(opts.delimiter ? { delimiter: delimiterOf(opts.delimiter)! } : {}),
    ...(opts.out ? { out: opts.out } : {}),
    ...(opts.clusters ? { clustersOut: opts.clusters } : {}),
    ...(opts.review ? { reviewOut: opts.review } : {}),
    ...(opts.workers !== undefined ? { workers: Number(opts.workers) } : {}),
    ...(opts.tf ? {} : { tfWeight: 0 }),
    ...(opts.labels ? { labelsFile: opts.labels } : {}),
    ...(opts.model ? { modelFile: opts.model } : {}),
    ...(opts.saveModel ? { saveModelFile: opts.saveModel } : {}),
    onIssue: (file, issue) => {
      issues++;
      if (issues <= 50) process.stderr.write(`${file}:${issue.line}: ${issue.message}\n`);
    },
    onStage: (stage) => {
      bar.stop();
      bar.start(1, stage);
    },
    onProgress: (stage, f) => {
      bar.start(100, stage);
      bar.update(Math.round(f * 100));
    },
  };
  let summary: FileLinkSummary;
  try {
    summary = await linkFiles(files, options);
  } catch (error) {
    bar.stop();
    if (error instanceof LinkageInputError || error instanceof ModelFileError)
      throw new CliError(error.message);
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new CliError(`file not found: ${(error as NodeJS.ErrnoException).path}`);
    throw error;
  }
  bar.stop();
  if (issues > 50) process.stderr.write(`... and ${issues - 50} more bad rows\n`);
  const r = summary.result;
  const t = r.model.training;
  // Which training produced the scores, said plainly: the paths give different, non-comparable models, and a
  // fallback is never passed off as training.
  const training = opts.model
    ? `training: none, model loaded from ${opts.model} (trained by ${t.method} on ${t.pairs} pairs)`
    : summary.labels
      ? `training: labels, ${summary.labels.used} labelled pairs used (${summary.labels.matches} matches; ${summary.labels.skipped} label rows skipped)`
      : t.method === "fallback"
        ? `training: FALLBACK, untrained model used (${t.reason})`
        : `training: unsupervised EM (m, u and lambda on ${t.pairs} candidate pairs, start ${t.start}), ${t.status} after ${t.iterations} iterations, lambda ${r.model.lambda.toFixed(4)}, gain ${t.likelihoodGain?.toFixed(3)} bits/pair`;
  const lines = [
    `records: ${summary.records} (bad rows skipped: ${summary.skippedRows})`,
    `candidate pairs: ${r.blocking.candidatePairs} (reduction ratio ${r.blocking.reductionRatio.toFixed(6)})`,
    training,
    ...t.warnings.map((w) => `warning: ${w}`),
    `pairs at or above ${options.threshold}: ${summary.pairsWritten}${opts.out ? ` -> ${opts.out}` : ""}`,
    ...(summary.clusters !== undefined
      ? [`entities: ${summary.clusters}${opts.clusters ? ` -> ${opts.clusters}` : ""}`]
      : []),
    ...(opts.review ? [`for review: ${summary.reviewWritten} -> ${opts.review}`] : []),
    ...(opts.saveModel ? [`model saved -> ${opts.saveModel}`] : []),
    `time: ${(summary.timings.total! / 1000).toFixed(2)} s`,
  ];
  process.stderr.write(`${lines.join("\n")}\n`);
}

function linkOptions(cmd: Command): Command {
  return cmd
    .requiredOption("--id <column>", "column holding each record's id")
    .requiredOption("--map <roles>", `ROLE=COLUMN,... with roles: ${ROLES.join(", ")}`)
    .option("--out <file>", "pairs CSV (default: standard output)")
    .option("--threshold <p>", "match probability for a link", "0.5")
    .option("--review-threshold <p>", "lower edge of the review band", "0.1")
    .option("--review <file>", "write the review band and guard-refused links here")
    .option("--explain", "add per-field explanation columns to the pairs CSV")
    .option("--delimiter <char>", "field delimiter (default: detected from the header)")
    .option("--workers <n>", "worker threads for reading and comparison (default: one per core; 0 = none)")
    .option("--no-tf", "turn off the term-frequency adjustment for common names")
    .option(
      "--labels <file>",
      "train from labelled pairs (CSV: left_id,right_id,is_match) instead of unsupervised",
    )
    .option("--model <file>", "score with a saved model (JSON from --save-model) instead of training")
    .option("--save-model <file>", "write the model used (m/u, lambda, term frequencies, roles) as JSON");
}

/** Adds `harbor link dedupe`, `harbor link pair` and `harbor synth persons`. None of them needs the database. */
export function registerLinkCommands(program: Command): void {
  const link = program.command("link").description("Find the same person across records (record linkage)");
  linkOptions(
    link
      .command("dedupe")
      .argument("<file>", "CSV of people")
      .description("Find records of the same person within one CSV")
      .option("--clusters <file>", "write record_id,cluster_id here"),
  ).action((file: string, opts: LinkCliOptions) => run([file], opts));
  linkOptions(
    link
      .command("pair")
      .argument("<left>", "CSV of people")
      .argument("<right>", "CSV of people")
      .description("Find records of the same person across two CSVs"),
  ).action((left: string, right: string, opts: LinkCliOptions) => run([left, right], opts));
  const synth = program.command("synth").description("Synthetic data for tests, demos and benchmarks");
  synth
    .command("persons")
    .description("Generate synthetic people with duplicates and a ground-truth entity_id column")
    .requiredOption("--n <count>", "number of records")
    .option("--duplicates <rate>", "share of records that duplicate another person", "0.2")
    .option("--seed <seed>", "random seed (same seed, same file)", "1")
    .requiredOption("--out <file>", "output CSV")
    .action(async (opts: { n: string; duplicates: string; seed: string; out: string }) => {
      const n = Number(opts.n);
      const duplicates = Number(opts.duplicates);
      const seed = Number(opts.seed);
      if (!Number.isInteger(n) || n < 0)
        throw new CliError(`--n must be a non-negative integer, got "${opts.n}"`);
      if (!(duplicates >= 0 && duplicates < 1))
        throw new CliError(`--duplicates must be in [0, 1), got "${opts.duplicates}"`);
      if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer, got "${opts.seed}"`);
      const bar = progress();
      bar.start(n, "generating");
      const { CsvWriter } = await import("./csv-write.ts");
      const { SYNTH_HEADER } = await import("./synth/render.ts");
      const { synthPersons } = await import("./synth/synth-persons.ts");
      const out = new CsvWriter(opts.out, SYNTH_HEADER);
      let k = 0;
      for (const row of synthPersons({ n, duplicates, seed })) {
        await out.row(row);
        if (++k % 10_000 === 0) bar.update(k);
      }
      await out.close();
      bar.stop();
      process.stderr.write(`wrote ${n} records to ${opts.out}\n`);
    });
}
