import { createRequire } from "node:module";
import type CliProgress from "cli-progress";

// Loaded on the first progress bar, not with this file: every command's definitions import CliError.
const loadCliProgress = () => createRequire(import.meta.url)("cli-progress") as typeof CliProgress;

/** True when standard error is a terminal: progress bars show there and stay out of pipes and logs. */
export const interactive = () => Boolean(process.stderr.isTTY) && !process.env.CI;

export interface Progress {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

/** A progress bar on a terminal; a no-op otherwise, so piped output stays clean. */
export function progress(): Progress {
  if (!interactive()) return { start() {}, update() {}, stop() {} };
  const cliProgress = loadCliProgress();
  const bar = new cliProgress.SingleBar(
    {
      format: "{label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left",
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}

/** Raised for a user error in a command: printed as one line on stderr, exit code 2 (or the given one). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Prints a value as indented JSON on stdout. */
export const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
