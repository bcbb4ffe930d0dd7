/**
 * Worker side of the parallel CSV loader: parses and normalizes one byte range of the file (load-part.ts) and
 * posts its batches, transferring the typed arrays rather than copying them.
 */
import { parentPort } from "node:worker_threads";
import { loadPart, type PartTask } from "./load-part.ts";

if (!parentPort) throw new Error("load.worker.ts must run as a worker thread");
const port = parentPort;

port.once("message", (task: PartTask) => {
  loadPart(task, (batch) =>
    port.postMessage({ type: "batch", batch }, [
      batch.values.buffer as ArrayBuffer,
      batch.lines.buffer as ArrayBuffer,
      batch.idHashes.buffer as ArrayBuffer,
    ]),
  )
    .then(() => port.postMessage({ type: "done" }))
    .catch((error: unknown) => port.postMessage({ type: "error", message: String(error) }));
});
