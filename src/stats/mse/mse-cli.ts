import { readFile } from "node:fs/promises";
import { CliError, printJson } from "../../cli/output.ts";
import { CaptureTableError } from "./capture-table.ts";
import { CaptureFileError, readCaptureCsv } from "./csv-input.ts";
import { estimatePopulation, MseDataError } from "./estimate.ts";
import { presentEstimate, renderText } from "./presenter.ts";

export interface RunEstimateOptions {
  model: "independence" | "stepwise" | "aic" | "bic";
  pThreshold: number;
  interval: "profile" | "bca" | "parametric";
  replicates: number;
  seed: number;
  format: "text" | "json";
  lang: "en" | "es";
}

/** Reads the file, estimates, prints. A bad file or data with no estimate is a one-line error, exit code 2. */
export async function runEstimate(file: string, opts: RunEstimateOptions): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new CliError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    const table = readCaptureCsv(text);
    const result = estimatePopulation(table, {
      selection: opts.model,
      pThreshold: opts.pThreshold,
      interval: opts.interval,
      replicates: opts.replicates,
      seed: opts.seed,
    });
    if (opts.format === "json") printJson(presentEstimate(result, opts.lang));
    else process.stdout.write(renderText(result, opts.lang));
  } catch (e) {
    if (e instanceof CaptureFileError || e instanceof CaptureTableError || e instanceof MseDataError)
      throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}
