import { activeMask } from "../../linkage/comparisons.ts";
import { PersonNormalizer } from "../../linkage/normalize-record.ts";
import { runLinkage } from "../../linkage/pipeline.ts";
import { RecordStore } from "../../linkage/record-store.ts";
import type { RawPerson } from "../../linkage/types.ts";

/** One record of a person on one list (an organization, or an organization type). */
export interface ListRecord {
  source: string;
  person: RawPerson;
}

/**
 * The capture table of records on several lists: the records are linked in memory (the linkage
 * engine: blocking, comparison, a trained or fallback model, clustering with its anti-chaining guard),
 * each linked entity is one person, and the set of lists its records are on is its capture history.
 * Pure: records in, counts out; the names never leave this function.
 */
export async function linkedCaptureTable(records: readonly ListRecord[]): Promise<{
  lists: string[];
  histories: Array<{ on: Array<0 | 1>; count: number }>;
  entities: number;
}> {
  const lists = [...new Set(records.map((r) => r.source))].sort();
  if (!records.length) return { lists, histories: [], entities: 0 };
  const store = new RecordStore();
  const normalizer = new PersonNormalizer();
  for (const r of records) store.add(normalizer.normalize(r.person), lists.indexOf(r.source));
  const roles = new Set(records.flatMap((r) => Object.keys(r.person))) as Set<keyof RawPerson>;
  const result = await runLinkage(store, activeMask(roles), { workers: 0 });
  const clusterOf = result.clusters?.clusterOf ?? Int32Array.from(records, (_, i) => i);
  const onLists = new Map<number, Set<number>>();
  records.forEach((r, i) => {
    const entity = clusterOf[i]!;
    const set = onLists.get(entity) ?? new Set<number>();
    set.add(lists.indexOf(r.source));
    onLists.set(entity, set);
  });
  const counts = new Map<string, number>();
  for (const set of onLists.values()) {
    const key = lists.map((_, k) => (set.has(k) ? "1" : "0")).join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const histories = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([key, count]) => ({ on: [...key].map((c) => (c === "1" ? 1 : 0)) as Array<0 | 1>, count }));
  return { lists, histories, entities: onLists.size };
}
