import { type BlockingRule, DEFAULT_RULES } from "./blocking-rules.ts";
import { PairBuffer } from "./pair-buffer.ts";
import { radixSortByKey } from "./radix-sort.ts";
import type { StoreView } from "./record-store.ts";

/** Per-rule blocking figures. `truePairs` and completeness are present only when ground truth is given. */
export interface RuleStats {
  rule: string;
  /** Pairs this rule generates on its own (including pairs earlier rules also found). */
  pairs: number;
  /** Pairs this rule added to the union (not found by an earlier rule). */
  newPairs: number;
  /** Blocks skipped because they exceeded `maxBlockSize`, and the records in them. */
  oversizedBlocks: number;
  oversizedRecords: number;
  truePairs?: number;
}

/** Blocking metrics (reference §4): RR = 1 − |C|/|N|, PC = |C∩M|/|M|, PQ = |C∩M|/|C|. */
export interface BlockingMetrics {
  candidatePairs: number;
  possiblePairs: number;
  reductionRatio: number;
  truePairsTotal?: number;
  truePairsFound?: number;
  pairsCompleteness?: number;
  pairQuality?: number;
  rules: (RuleStats & { reductionRatio: number; pairsCompleteness?: number; pairQuality?: number })[];
}

/** Options for {@link blockPairs}. */
export interface BlockingOptions {
  rules?: readonly BlockingRule[];
  /** Blocks larger than this are skipped for that rule (and reported): they would cost O(size²) pairs. */
  maxBlockSize?: number;
  /**
   * Fixed part of a broad rule's pair budget (default 20,000), added to its `pairsPerRecord` × records. A rule over
   * budget keeps its smallest blocks up to the budget and skips the rest (reported like oversized blocks): a broad
   * rule such as street + city then helps a small file fully and a large one where it is selective, instead of
   * flooding it with neighbours.
   */
  pairBudgetBase?: number;
  /** Linking two inputs: only pairs whose records come from different sources. */
  crossSourceOnly?: boolean;
  /** Ground-truth entity per record, to measure pairs completeness. */
  truth?: Int32Array;
}

/** The key of every record under `rule`, with 0 for none. */
export function ruleKeys(v: StoreView, rule: BlockingRule): Uint32Array {
  const keys = new Uint32Array(v.n);
  for (let i = 0; i < v.n; i++) keys[i] = rule.key(v, i);
  return keys;
}

/**
 * Records sorted by key: each entry packs `key · 2^idBits + index` into one float64 (exact below 2^53), so one
 * native typed-array sort groups equal keys with indexes ascending inside each group.
 */
export function sortedByKey(keys: Uint32Array): { packed: Float64Array; idBits: number } {
  const n = keys.length;
  const idBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const shift = Math.max(0, idBits - 21);
  let m = 0;
  for (let i = 0; i < n; i++) if (keys[i] !== 0) m++;
  const present = new Uint32Array(m);
  const presentKeys = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) {
    let key = keys[i]!;
    if (key === 0) continue;
    // Above 2M records, drop low key bits so key and index still fit in 53 bits; records stay grouped correctly.
    if (shift > 0) {
      key = key >>> shift || 1;
      keys[i] = key;
    }
    present[k] = i;
    presentKeys[k++] = key;
  }
  // Radix sort (stable: indexes stay ascending inside a key), then pack as before.
  const sorted = radixSortByKey(presentKeys, present);
  const packed = new Float64Array(m);
  const scale = 2 ** idBits;
  for (let p = 0; p < m; p++) packed[p] = sorted.keys[p]! * scale + sorted.items[p]!;
  return { packed, idBits };
}

/**
 * Generates the candidate pairs: the union of all rules, each pair once (i < j). A pair is attributed to the first
 * rule that finds it; later rules skip pairs whose keys an earlier rule already shares, so no pair hash-set is needed.
 * @returns the pairs and per-rule/union metrics.
 */
export function blockPairs(
  v: StoreView,
  options: BlockingOptions = {},
): { pairs: PairBuffer; metrics: BlockingMetrics } {
  const rules = options.rules ?? DEFAULT_RULES;
  const maxBlock = options.maxBlockSize ?? 500;
  const budgetBase = options.pairBudgetBase ?? 20_000;
  const truth = options.truth;
  const cross = options.crossSourceOnly ?? false;
  const source = v.source;
  const pairs = new PairBuffer(Math.max(1024, v.n * 4));
  const stats: RuleStats[] = [];
  let truePairsFound = 0;
  // Pass 1: keys of every rule, sorted, with oversized blocks removed (their records get key 0, "not found").
  const allKeys: Uint32Array[] = [];
  const sorted: { packed: Float64Array; idBits: number }[] = [];
  for (const rule of rules) {
    const keys = ruleKeys(v, rule);
    const s = sortedByKey(keys);
    const st: RuleStats = { rule: rule.name, pairs: 0, newPairs: 0, oversizedBlocks: 0, oversizedRecords: 0 };
    if (truth) st.truePairs = 0;
    const scale = 2 ** s.idBits;
    // Block boundaries: runs of equal keys in the sorted array (starts, plus the end), without per-block objects.
    const packed = s.packed;
    const starts: number[] = [];
    let total = 0;
    for (let start = 0; start < packed.length; ) {
      const key = Math.floor(packed[start]! / scale);
      let end = start + 1;
      while (end < packed.length && Math.floor(packed[end]! / scale) === key) end++;
      starts.push(start);
      total += ((end - start) * (end - start - 1)) / 2;
      start = end;
    }
    starts.push(packed.length);
    // The largest block size that keeps the rule within budget (and under maxBlock).
    let cap = maxBlock;
    const budget =
      rule.pairsPerRecord === undefined ? Number.POSITIVE_INFINITY : rule.pairsPerRecord * v.n + budgetBase;
    if (total > budget) {
      const sizes = new Uint32Array(starts.length - 1);
      for (let b = 0; b + 1 < starts.length; b++) sizes[b] = starts[b + 1]! - starts[b]!;
      sizes.sort();
      let sum = 0;
      cap = 1;
      for (const size of sizes) {
        if (size > maxBlock || sum + (size * (size - 1)) / 2 > budget) {
          if (cap === size) cap = size - 1;
          break;
        }
        sum += (size * (size - 1)) / 2;
        cap = size;
      }
    }
    for (let b = 0; b + 1 < starts.length; b++) {
      const start = starts[b]!;
      const end = starts[b + 1]!;
      if (end - start <= cap) continue;
      const key = Math.floor(packed[start]! / scale);
      st.oversizedBlocks++;
      st.oversizedRecords += end - start;
      for (let a = start; a < end; a++) keys[packed[a]! - key * scale] = 0;
    }
    allKeys.push(keys);
    sorted.push(s);
    stats.push(st);
  }
  // Pass 2: pairs. A pair is emitted by the first rule that finds it; it records every rule that finds it.
  // Every rule's key of a record side by side (one cache line), so checking a pair against all rules costs two
  // cache misses rather than two per rule.
  const stride = rules.length;
  const keyRows = new Uint32Array(v.n * stride);
  for (let q = 0; q < stride; q++) {
    const k = allKeys[q]!;
    for (let i = 0; i < v.n; i++) keyRows[i * stride + q] = k[i]!;
  }
  const members = new Int32Array(maxBlock);
  for (let r = 0; r < rules.length; r++) {
    const { packed, idBits } = sorted[r]!;
    const scale = 2 ** idBits;
    const st = stats[r]!;
    let start = 0;
    while (start < packed.length) {
      const key = Math.floor(packed[start]! / scale);
      let end = start + 1;
      while (end < packed.length && Math.floor(packed[end]! / scale) === key) end++;
      const size = end - start;
      // Skipped blocks (oversized or over budget) had their keys cleared in pass 1.
      if (size > 1 && size <= maxBlock && allKeys[r]![packed[start]! - key * scale] !== 0) {
        for (let a = 0; a < size; a++) members[a] = packed[start + a]! - key * scale;
        for (let a = 0; a < size; a++) {
          const i = members[a]!;
          for (let b = a + 1; b < size; b++) {
            const j = members[b]!;
            if (cross && source[i] === source[j]) continue;
            st.pairs++;
            const match = truth !== undefined && truth[i] === truth[j];
            if (match) st.truePairs = (st.truePairs ?? 0) + 1;
            const bi = i * stride;
            const bj = j * stride;
            let covered = false;
            for (let q = 0; q < r; q++) {
              const x = keyRows[bi + q]!;
              if (x !== 0 && x === keyRows[bj + q]) {
                covered = true;
                break;
              }
            }
            if (covered) continue;
            let found = 1 << r;
            for (let q = r + 1; q < stride; q++) {
              const x = keyRows[bi + q]!;
              if (x !== 0 && x === keyRows[bj + q]) found |= 1 << q;
            }
            st.newPairs++;
            if (match) truePairsFound++;
            pairs.push(i, j, found);
          }
        }
      }
      start = end;
    }
  }
  return { pairs, metrics: blockingMetrics(v, pairs.count, stats, truePairsFound, truth, cross) };
}

function blockingMetrics(
  v: StoreView,
  candidatePairs: number,
  stats: RuleStats[],
  truePairsFound: number,
  truth: Int32Array | undefined,
  cross: boolean,
): BlockingMetrics {
  let possiblePairs = (v.n * (v.n - 1)) / 2;
  if (cross) {
    let left = 0;
    for (let i = 0; i < v.n; i++) if (v.source[i] === 0) left++;
    possiblePairs = left * (v.n - left);
  }
  const metrics: BlockingMetrics = {
    candidatePairs,
    possiblePairs,
    reductionRatio: 1 - candidatePairs / Math.max(1, possiblePairs),
    rules: [],
  };
  const total = truth ? countTruePairs(truth, cross ? v.source : undefined) : undefined;
  if (total !== undefined) {
    metrics.truePairsTotal = total;
    metrics.truePairsFound = truePairsFound;
    metrics.pairsCompleteness = total === 0 ? 1 : truePairsFound / total;
    metrics.pairQuality = candidatePairs === 0 ? 0 : truePairsFound / candidatePairs;
  }
  for (const s of stats) {
    const r: BlockingMetrics["rules"][number] = {
      ...s,
      reductionRatio: 1 - s.pairs / Math.max(1, possiblePairs),
    };
    if (total !== undefined && s.truePairs !== undefined) {
      r.pairsCompleteness = total === 0 ? 1 : s.truePairs / total;
      r.pairQuality = s.pairs === 0 ? 0 : s.truePairs / s.pairs;
    }
    metrics.rules.push(r);
  }
  return metrics;
}

/** Number of true pairs implied by an entity column (only cross-source pairs when `source` is given). */
export function countTruePairs(truth: Int32Array, source?: Uint8Array): number {
  const counts = new Map<number, [number, number]>();
  for (let i = 0; i < truth.length; i++) {
    const c = counts.get(truth[i]!) ?? [0, 0];
    const side = source ? source[i]! : 0;
    c[side] = c[side]! + 1;
    counts.set(truth[i]!, c);
  }
  let total = 0;
  for (const [a, b] of counts.values()) total += source ? a * b : (a * (a - 1)) / 2;
  return total;
}
