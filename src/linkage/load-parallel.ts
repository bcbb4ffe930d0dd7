import type { Worker } from "node:worker_threads";
import type { CsvIssue } from "./csv-read.ts";
import type { CsvRange } from "./csv-split.ts";
import { IdLines } from "./id-lines.ts";
import type { ColumnIndexes, PartBatch, PartTask } from "./load-part.ts";
import { F, FIELD_COUNT, type InternKind } from "./record-layout.ts";
import type { RecordStore } from "./record-store.ts";
import { startTsWorker } from "./worker-pool.ts";

/** What the parallel loader hands back to loadPeopleCsv (which builds its LoadedPeople from it). */
export interface ParallelLoad {
  ids: string[];
  issues: CsvIssue[];
  truth: string[];
}

type Message = { type: "batch"; batch: PartBatch } | { type: "done" } | { type: "error"; message: string };

/** The messages of one worker, consumed in order by the main thread while later parts keep arriving. */
class Inbox {
  private readonly queue: Message[] = [];
  private wake: (() => void) | undefined;
  constructor(readonly worker: Worker) {
    worker.on("message", (m: Message) => this.put(m));
    worker.on("error", (e: Error) => this.put({ type: "error", message: String(e) }));
  }
  private put(m: Message): void {
    this.queue.push(m);
    this.wake?.();
    this.wake = undefined;
  }
  async next(): Promise<Message> {
    while (this.queue.length === 0) await new Promise<void>((r) => (this.wake = r));
    return this.queue.shift()!;
  }
}

const STRING_SLOTS: readonly [number, InternKind][] = [
  [F.given, "name"],
  [F.family, "name"],
  [F.streetNumber, "streetNumber"],
  [F.street, "street"],
  [F.address2, "address2"],
  [F.postcode, "postcode"],
  [F.city, "city"],
  [F.state, "state"],
  [F.phone, "phone"],
  [F.email, "email"],
  [F.nationalId, "nationalId"],
];

/**
 * Loads the file's ranges on one worker thread each (parse, checks, normalization, part-local interning) while
 * this thread turns part-local ids into store ids and appends records in file order: part 0's batches as they
 * come, later parts' batches once the earlier parts are done. Repeated record ids are detected here, in file
 * order, as the single-threaded loader does; all issues are returned sorted by line.
 */
export async function loadRangesParallel(
  task: ColumnIndexes & { path: string; delimiter: string },
  ranges: CsvRange[],
  store: RecordStore,
  source: number,
  onProgress?: (fraction: number) => void,
): Promise<ParallelLoad> {
  const inboxes = ranges.map((range, k) => {
    const worker = startTsWorker("./load.worker.ts");
    const part: PartTask = { ...task, ...range, skipHeader: k === 0 };
    worker.postMessage(part);
    return new Inbox(worker);
  });
  const ids: string[] = [];
  const truth: string[] = [];
  const issues: CsvIssue[] = [];
  const seen = new IdLines(ids);
  const scratch = new Int32Array(FIELD_COUNT);
  const total = Math.max(1, ranges[ranges.length - 1]!.end);
  try {
    for (const [k, inbox] of inboxes.entries()) {
      // Part-local id → store id, per kind (given and family names share the "name" table), and per slot.
      const xlat = new Map<InternKind, number[]>();
      const bySlot = STRING_SLOTS.map(([slot, kind]) => {
        const table: number[] = [];
        if (!xlat.has(kind)) xlat.set(kind, table);
        return [slot, xlat.get(kind)!] as const;
      });
      for (;;) {
        const m = await inbox.next();
        if (m.type === "error") throw new Error(`CSV loader worker: ${m.message}`);
        if (m.type === "done") break;
        const b = m.batch;
        for (const [kind, list] of Object.entries(b.strings) as [InternKind, string[]][]) {
          const table = xlat.get(kind)!;
          for (const s of list) table.push(store.intern(kind, s));
        }
        issues.push(...b.issues);
        for (let r = 0; r < b.count; r++) {
          const id = b.ids[r]!;
          const line = b.lines[r]!;
          const first = seen.firstLine(id, b.idHashes[r]!, line);
          if (first >= 0) {
            issues.push({ line, message: `record id "${id}" repeats line ${first}; row skipped` });
            continue;
          }
          const at = r * FIELD_COUNT;
          for (const [slot, table] of bySlot) {
            const local = b.values[at + slot]!;
            scratch[slot] = local < 0 ? -1 : table[local]!;
          }
          scratch[F.dob] = b.values[at + F.dob]!;
          scratch[F.sex] = b.values[at + F.sex]!;
          store.addInterned(scratch, 0, source);
          ids.push(id);
          if (b.truth.length > 0) truth.push(b.truth[r]!);
        }
        onProgress?.(Math.min(1, (ranges[k]!.start + b.bytes) / total));
      }
    }
  } finally {
    await Promise.all(inboxes.map((i) => i.worker.terminate()));
  }
  issues.sort((a, b) => a.line - b.line);
  return { ids, issues, truth };
}
