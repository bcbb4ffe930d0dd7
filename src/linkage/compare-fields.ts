import { C, LEVEL_BITS } from "./comparisons.ts";
import { withinOneEdit } from "./edit-distance.ts";
import { jaroWinklerRange } from "./jaro-winkler.ts";
import type { StoreView } from "./record-store.ts";
import type { PoolView } from "./string-pool.ts";

/**
 * The hot path: computes a pair's comparison vector (gamma), one 3-bit level per comparison.
 * Blocked pairs repeat the same name pairs heavily, so name and street levels are memoized in small
 * direct-mapped caches keyed by the two value ids (reference §5, "Further speed-ups").
 */

const CACHE_BITS = 16;
const CACHE_SIZE = 1 << CACHE_BITS;

/** A direct-mapped memo of (idA, idB) → level; a collision simply overwrites. */
export class PairCache {
  private readonly a = new Int32Array(CACHE_SIZE).fill(-1);
  private readonly b = new Int32Array(CACHE_SIZE);
  private readonly v = new Uint8Array(CACHE_SIZE);
  slot(x: number, y: number): number {
    return (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca6b)) >>> (32 - CACHE_BITS);
  }
  get(s: number, x: number, y: number): number {
    return this.a[s] === x && this.b[s] === y ? this.v[s]! : -1;
  }
  set(s: number, x: number, y: number, level: number): void {
    this.a[s] = x;
    this.b[s] = y;
    this.v[s] = level;
  }
}

/** Level memos for one store: ids are only meaningful within the store that interned them. */
export interface PairCaches {
  given: PairCache;
  family: PairCache;
  street: PairCache;
}

/** Fresh, empty level memos. */
export function newPairCaches(): PairCaches {
  return { given: new PairCache(), family: new PairCache(), street: new PairCache() };
}

function jw(p: PoolView, x: number, y: number): number {
  const o = p.offsets;
  return jaroWinklerRange(p.chars, o[x]!, o[x + 1]!, p.chars, o[y]!, o[y + 1]!);
}

function oneEdit(p: PoolView, x: number, y: number): boolean {
  const o = p.offsets;
  return withinOneEdit(p.chars, o[x]!, o[x + 1]!, p.chars, o[y]!, o[y + 1]!);
}

function sameSound(v: StoreView, x: number, y: number): boolean {
  const a1 = v.nameDm1[x]!;
  const b1 = v.nameDm1[y]!;
  if (a1 < 0 || b1 < 0) return false;
  return a1 === b1 || a1 === v.nameDm2[y] || v.nameDm2[x] === b1;
}

/** Given-name level of two name ids (both present, not equal). */
export function givenLevel(v: StoreView, x: number, y: number): number {
  const lo = Math.min(x, y);
  const hi = Math.max(x, y);
  const givenCache = v.caches.given;
  const s = givenCache.slot(lo, hi);
  const hit = givenCache.get(s, lo, hi);
  if (hit >= 0) return hit;
  let level: number;
  if (v.nameCanon[x] === v.nameCanon[y]) level = 4;
  else {
    const sim = jw(v.names, x, y);
    const o = v.names.offsets;
    const initial =
      (o[x + 1]! - o[x]! === 1 || o[y + 1]! - o[y]! === 1) && v.names.chars[o[x]!] === v.names.chars[o[y]!];
    level = sim >= 0.92 || sameSound(v, x, y) ? 3 : sim >= 0.8 || initial ? 2 : 1;
  }
  givenCache.set(s, lo, hi, level);
  return level;
}

/** Family-name level of two name ids (both present, not equal). */
export function familyLevel(v: StoreView, x: number, y: number): number {
  const lo = Math.min(x, y);
  const hi = Math.max(x, y);
  const familyCache = v.caches.family;
  const s = familyCache.slot(lo, hi);
  const hit = familyCache.get(s, lo, hi);
  if (hit >= 0) return hit;
  const sim = jw(v.names, x, y);
  const level =
    sim >= 0.92 || sameSound(v, x, y) || v.nameCanon[x] === v.nameCanon[y] ? 3 : sim >= 0.8 ? 2 : 1;
  familyCache.set(s, lo, hi, level);
  return level;
}

const digitsA = new Uint8Array(8);
const digitsB = new Uint8Array(8);

/** Date-of-birth level of two YYYYMMDD integers (both non-zero, not equal). */
export function dobLevel(a: number, b: number): number {
  const ya = (a / 10000) | 0;
  const yb = (b / 10000) | 0;
  const mda = a % 10000;
  const mdb = b % 10000;
  // Day and month swapped (a U.S. vs European reading of the same date).
  if (ya === yb && ((mda / 100) | 0) === mdb % 100 && mda % 100 === ((mdb / 100) | 0)) return 3;
  let x = a;
  let y = b;
  for (let i = 7; i >= 0; i--) {
    digitsA[i] = x % 10;
    digitsB[i] = y % 10;
    x = (x / 10) | 0;
    y = (y / 10) | 0;
  }
  if (withinOneEdit(digitsA, 0, 8, digitsB, 0, 8)) return 3;
  if (ya === yb || (mda === mdb && (ya - yb === 1 || yb - ya === 1))) return 2;
  return 1;
}

/** Address level of records i and j; 0 when either has no address part at all. */
export function addressLevel(v: StoreView, i: number, j: number): number {
  const si = v.street[i]!;
  const sj = v.street[j]!;
  const pi = v.postcode[i]!;
  const pj = v.postcode[j]!;
  const ci = v.city[i]!;
  const cj = v.city[j]!;
  if ((si < 0 && pi < 0 && ci < 0) || (sj < 0 && pj < 0 && cj < 0)) return 0;
  const ni = v.streetNumber[i]!;
  const nj = v.streetNumber[j]!;
  const samePostcode = pi >= 0 && pi === pj;
  if (si >= 0 && sj >= 0) {
    const numbersAgree = ni >= 0 && ni === nj;
    const numberMissing = ni < 0 || nj < 0;
    if (si === sj) {
      if (numbersAgree) return 4;
      if (numberMissing) return 3;
    } else if (numbersAgree) {
      const lo = Math.min(si, sj);
      const hi = Math.max(si, sj);
      const streetCache = v.caches.street;
      const s = streetCache.slot(lo, hi);
      let close = streetCache.get(s, lo, hi);
      if (close < 0) {
        close = jw(v.streets, si, sj) >= 0.88 ? 1 : 0;
        streetCache.set(s, lo, hi, close);
      }
      if (close === 1) return 3;
    }
  }
  if (samePostcode) return 2;
  if ((pi < 0 || pj < 0) && ci >= 0 && ci === cj) {
    const ti = v.state[i]!;
    const tj = v.state[j]!;
    if (ti < 0 || tj < 0 || ti === tj) return 2;
  }
  return 1;
}

/**
 * The comparison vector of records i and j over the comparisons in `active` (a bitmask over {@link C}).
 * @returns a gamma: level of comparison k in bits [3k, 3k+3).
 */
export function computeGamma(v: StoreView, i: number, j: number, active: number): number {
  let g = 0;
  const gi = v.given[i]!;
  const gj = v.given[j]!;
  const fi = v.family[i]!;
  const fj = v.family[j]!;
  // Given and family names swapped between the two records: count both as exact.
  const swapped = gi >= 0 && fi >= 0 && gi !== fi && gi === fj && fi === gj;
  if (active & (1 << C.given) && gi >= 0 && gj >= 0) {
    g |= (gi === gj || swapped ? 5 : givenLevel(v, gi, gj)) << (C.given * LEVEL_BITS);
  }
  if (active & (1 << C.family) && fi >= 0 && fj >= 0) {
    g |= (fi === fj || swapped ? 4 : familyLevel(v, fi, fj)) << (C.family * LEVEL_BITS);
  }
  if (active & (1 << C.dob)) {
    const a = v.dob[i]!;
    const b = v.dob[j]!;
    if (a > 0 && b > 0) g |= (a === b ? 4 : dobLevel(a, b)) << (C.dob * LEVEL_BITS);
  }
  if (active & (1 << C.sex)) {
    const a = v.sex[i]!;
    const b = v.sex[j]!;
    if (a > 0 && b > 0) g |= (a === b ? 2 : 1) << (C.sex * LEVEL_BITS);
  }
  if (active & (1 << C.address)) g |= addressLevel(v, i, j) << (C.address * LEVEL_BITS);
  if (active & (1 << C.phone)) {
    const a = v.phone[i]!;
    const b = v.phone[j]!;
    if (a >= 0 && b >= 0) g |= (a === b ? 3 : oneEdit(v.phones, a, b) ? 2 : 1) << (C.phone * LEVEL_BITS);
  }
  if (active & (1 << C.email)) {
    const a = v.email[i]!;
    const b = v.email[j]!;
    if (a >= 0 && b >= 0) {
      const level = a === b ? 3 : v.emailLocal[a] === v.emailLocal[b] || jw(v.emails, a, b) >= 0.92 ? 2 : 1;
      g |= level << (C.email * LEVEL_BITS);
    }
  }
  if (active & (1 << C.nationalId)) {
    const a = v.nationalId[i]!;
    const b = v.nationalId[j]!;
    if (a >= 0 && b >= 0) g |= (a === b ? 3 : oneEdit(v.ids, a, b) ? 2 : 1) << (C.nationalId * LEVEL_BITS);
  }
  return g;
}
