import { ruleKeys, sortedByKey } from "./blocking.ts";
import { type BlockingRule, DEFAULT_RULES } from "./blocking-rules.ts";
import { computeGamma } from "./compare-fields.ts";
import { probabilityOf } from "./model.ts";
import { PersonNormalizer } from "./normalize-record.ts";
import type { RecordStore } from "./record-store.ts";
import { pairWeight, type Scorer } from "./score.ts";
import type { RawPerson } from "./types.ts";

/** One candidate match of a new record. */
export interface IndexMatch {
  /** Record index in the store. */
  index: number;
  matchWeight: number;
  matchProbability: number;
}

/**
 * The blocking index kept in memory for incremental matching: per rule, all indexed records sorted by key (one
 * Float64Array, 8 bytes per record per rule), plus a small map for records added later. Matching a new record
 * looks up its key under each rule (binary search), scores the union of the candidates and returns those at or
 * above the minimum weight — no pass over the indexed records, so the cost does not grow with their number.
 */
export class LinkageIndex {
  private readonly sorted: { packed: Float64Array; idBits: number }[];
  private readonly added: Map<number, number[]>[];
  private readonly normalizer = new PersonNormalizer();
  private stamp = new Int32Array(0);
  private generation = 0;

  /**
   * Indexes every record currently in `store`.
   * @param scorer a compiled model (for example the one a batch run trained).
   */
  constructor(
    private readonly store: RecordStore,
    private readonly scorer: Scorer,
    private readonly rules: readonly BlockingRule[] = DEFAULT_RULES,
    private readonly maxBlockSize = 500,
  ) {
    const v = store.view();
    this.sorted = rules.map((r) => sortedByKey(ruleKeys(v, r)));
    this.added = rules.map(() => new Map());
  }

  /**
   * Normalizes `raw`, finds and scores its candidates among the indexed records, and (with `insert`) adds it to
   * the store and the index.
   * @returns matches at or above `minWeight` (default: probability 0.5), strongest first, and the new record's index.
   */
  match(
    raw: RawPerson,
    options: { insert?: boolean; minWeight?: number } = {},
  ): { index: number; matches: IndexMatch[] } {
    const store = this.store;
    const index = store.add(this.normalizer.normalize(raw), 0);
    const v = store.view();
    if (this.stamp.length < v.n) {
      const s = new Int32Array(Math.max(1024, v.n * 2));
      s.set(this.stamp);
      this.stamp = s;
    }
    const g = ++this.generation;
    this.stamp[index] = g;
    const candidates: number[] = [];
    this.rules.forEach((rule, r) => {
      const key = rule.key(v, index);
      if (key === 0) return;
      const { packed, idBits } = this.sorted[r]!;
      const scale = 2 ** idBits;
      const k = idBits > 21 ? key >>> (idBits - 21) || 1 : key;
      let lo = 0;
      let hi = packed.length;
      const target = k * scale;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (packed[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      let end = lo;
      while (end < packed.length && packed[end]! < target + scale) end++;
      // Oversized blocks are skipped in batch runs too.
      if (end - lo <= this.maxBlockSize) {
        for (let p = lo; p < end; p++) {
          const j = packed[p]! - target;
          if (this.stamp[j] !== g) {
            this.stamp[j] = g;
            candidates.push(j);
          }
        }
      }
      for (const j of this.added[r]!.get(key) ?? []) {
        if (this.stamp[j] !== g) {
          this.stamp[j] = g;
          candidates.push(j);
        }
      }
    });
    const minWeight = options.minWeight ?? 0;
    const matches: IndexMatch[] = [];
    for (const j of candidates) {
      const w = pairWeight(this.scorer, v, j, index, computeGamma(v, j, index, this.scorer.active));
      if (w >= minWeight) matches.push({ index: j, matchWeight: w, matchProbability: probabilityOf(w) });
    }
    matches.sort((a, b) => b.matchWeight - a.matchWeight);
    if (options.insert) {
      this.rules.forEach((rule, r) => {
        const key = rule.key(v, index);
        if (key === 0) return;
        const list = this.added[r]!.get(key);
        if (list) list.push(index);
        else this.added[r]!.set(key, [index]);
      });
    }
    return { index, matches };
  }
}
