import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface HarborProcess {
  child: ChildProcess;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  output(): string;
  /** Stops it gracefully (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * The `harbor` command as users run it: the compiled build in dist/, which bin/harbor.js rebuilds first when
 * the sources changed (`npm test` builds it before the tests start).
 */
export const HARBOR_BIN = path.join(ROOT, "bin", "harbor.js");

/** Spawns `harbor serve` (what `npm start` runs) with the given environment. */
export function spawnHarbor(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [HARBOR_BIN, "serve"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (d) => {
    text += d;
  });
  child.stderr?.on("data", (d) => {
    text += d;
  });
  return Object.assign(child, { output: () => text });
}

/** Resolves with the exit code once the process ends. */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/**
 * Starts a real Harbor and waits until it says where it listens, however long that takes on a loaded machine
 * (the suite's --test-timeout bounds it); throws with its output if it exits first.
 */
export async function startHarbor(env: Record<string, string>): Promise<HarborProcess> {
  const child = spawnHarbor(env);
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /Harbor is running at (http:\/\/[^\s]+) /.exec(child.output());
      if (match?.[1]) done(() => resolve(match[1]!));
    };
    const exited = (code: number | null) =>
      done(() => reject(new Error(`Harbor exited (${code}) before it was ready:\n${child.output()}`)));
    const done = (settle: () => void) => {
      child.stdout?.off("data", check);
      child.stderr?.off("data", check);
      child.off("exit", exited);
      settle();
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", exited);
  });
  return {
    child,
    url,
    output: child.output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exitOf(child);
    },
  };
}

/** Runs `harbor ARGS…` (bin/harbor.js) to the end; resolves with exit code and output, never throws on a non-zero exit. */
export async function runHarborCli(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { execFile } = await import("node:child_process");
  // The test runner's own variables would make the child behave as a test process.
  const { NODE_TEST_CONTEXT: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin/harbor.js"), ...args],
      { env: { ...env, CI: "1" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
