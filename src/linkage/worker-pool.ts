import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { sourceModuleUrl } from "../paths.ts";

/**
 * Starts a worker thread running the module `file` (named as in the sources, relative to this directory): the
 * compiled JavaScript when running from dist/, else the TypeScript through tsx; see {@link WorkerPool}.
 */
export function startTsWorker(file: string): Worker {
  const url = sourceModuleUrl(path.posix.join("linkage", file));
  if (url.pathname.endsWith(".js")) return new Worker(url);
  const api = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * A fixed pool of comparison workers, one per core by default. Under tsx the worker is a TypeScript file; on Node 20 a
 * worker's `--import tsx` does not apply to its entry module, so each worker starts from a tiny evaluated bootstrap
 * that registers tsx through its API and then imports the real worker. Both are resolved to absolute URLs, so this
 * works from any working directory, under `node --import tsx` and from the compiled build (bin/harbor.js).
 */
export class WorkerPool {
  private readonly workers: Worker[];

  constructor(size = availableParallelism()) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => startTsWorker("./compare.worker.ts"));
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Sends one task to worker `index` and resolves with its reply. */
  run<T>(index: number, task: unknown): Promise<T> {
    const w = this.workers[index % this.workers.length]!;
    return new Promise<T>((resolve, reject) => {
      const onMessage = (msg: T) => {
        w.off("error", onError);
        resolve(msg);
      };
      const onError = (err: Error) => {
        w.off("message", onMessage);
        reject(err);
      };
      w.once("message", onMessage);
      w.once("error", onError);
      w.postMessage(task);
    });
  }

  /** Stops all workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
