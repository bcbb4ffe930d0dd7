import type { StoreView } from "./record-store.ts";

/** Per name id, the term-frequency adjustment (in bits) for an exact given-name or family-name agreement. */
export interface TfTables {
  given: Float32Array;
  family: Float32Array;
}

/** Bound on one adjustment: a name seen once in a small file should not dominate a score. */
const LIMIT = 6;

function table(column: Int32Array, n: number, size: number): Float32Array {
  const counts = new Float64Array(size);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const id = column[i]!;
    if (id >= 0) {
      counts[id]!++;
      present++;
    }
  }
  const out = new Float32Array(size);
  if (present === 0) return out;
  // u_base = Σ tf²: the chance two random records agree exactly on this field.
  let uBase = 0;
  for (let id = 0; id < size; id++) {
    const tf = counts[id]! / present;
    uBase += tf * tf;
  }
  for (let id = 0; id < size; id++) {
    if (counts[id] === 0) continue;
    const adj = Math.log2(uBase) - Math.log2(counts[id]! / present);
    out[id] = Math.max(-LIMIT, Math.min(LIMIT, adj));
  }
  return out;
}

/**
 * Term-frequency tables (reference §7): agreeing on a rare name is stronger evidence than agreeing on SMITH.
 * The adjustment for value v is `log2(u_base) − log2(tf_v)`, added to the exact level's weight (times the model's
 * tfWeight). Tables are computed once per dataset from the data being linked.
 */
export function termFrequencies(v: StoreView): TfTables {
  return { given: table(v.given, v.n, v.names.count), family: table(v.family, v.n, v.names.count) };
}

/** The adjustment (bits) for a table value `full` = log2(Σtf²/tf_v) when a share `a` of agreeing non-matches is chance. */
export function sharedAdjustment(full: number, a: number): number {
  if (a >= 1) return full;
  if (a <= 0) return 0;
  return -Math.log2(a * 2 ** -full + 1 - a);
}
