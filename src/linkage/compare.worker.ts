/**
 * Worker side of the parallel comparison stage: computes gammas (and, in the second pass, match weights) for a
 * range of candidate pairs, reading records, pairs and outputs from shared memory.
 */
import { parentPort } from "node:worker_threads";
import { newPairCaches } from "./compare-fields.ts";
import { type GammaTask, gammaRange, type ScoreTask, scoreRange } from "./compare-range.ts";

if (!parentPort) throw new Error("compare.worker.ts must run as a worker thread");
const port = parentPort;
const caches = newPairCaches();

port.on("message", (task: GammaTask | ScoreTask) => {
  // Level memos are per thread; the record data itself is shared.
  task.view.caches = caches;
  if (task.kind === "gamma") port.postMessage(gammaRange(task));
  else port.postMessage(scoreRange(task));
});
