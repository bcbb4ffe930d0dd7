import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** Starts a worker thread running the TypeScript module `file` (relative to this directory); see {@link WorkerPool}. */
export function startTsWorker(file: string): Worker {
  const api = import.meta.resolve("tsx/esm/api");
  const target = new URL(file, import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * A fixed pool of comparison workers, one per core by default. The worker is a TypeScript file; on Node 20 a
 * worker's `--import tsx` does not apply to its entry module, so each worker starts from a tiny evaluated bootstrap
 * that registers tsx through its API and then imports the real worker. Both are resolved to absolute URLs, so this
 * works from any working directory, under `node --import tsx` and from bin/harbor.js.
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
