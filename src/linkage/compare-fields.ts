import { C, SHIFT } from "./comparisons.ts";
import { withinOneEdit } from "./edit-distance.ts";
import { jaroWinklerRange } from "./jaro-winkler.ts";
import { jwCertainlyBelow } from "./jw-bound.ts";
import { R, ROW } from "./record-layout.ts";
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
  city: PairCache;
  address2: PairCache;
}

/** Fresh, empty level memos. */
export function newPairCaches(): PairCaches {
  return {
    given: new PairCache(),
    family: new PairCache(),
    street: new PairCache(),
    city: new PairCache(),
    address2: new PairCache(),
  };
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
  else if (sameSound(v, x, y)) level = 3;
  else {
    const o = v.names.offsets;
    const initial =
      (o[x + 1]! - o[x]! === 1 || o[y + 1]! - o[y]! === 1) && v.names.chars[o[x]!] === v.names.chars[o[y]!];
    // The exact similarity only matters when it could reach 0.8 (same levels as computing it every time).
    if (jwCertainlyBelow(v.names, v.nameMask, x, y, 0.8)) level = initial ? 2 : 1;
    else {
      const sim = jw(v.names, x, y);
      level = sim >= 0.92 ? 3 : sim >= 0.8 || initial ? 2 : 1;
    }
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
  let level: number;
  if (sameSound(v, x, y) || v.nameCanon[x] === v.nameCanon[y]) level = 3;
  else if (jwCertainlyBelow(v.names, v.nameMask, x, y, 0.8)) level = 1;
  else {
    const sim = jw(v.names, x, y);
    level = sim >= 0.92 ? 3 : sim >= 0.8 ? 2 : 1;
  }
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

/** Level of two ids of a pooled string field compared by similarity: exact, JW ≥ `close`, JW ≥ `similar`, different. */
function similarityLevel(
  cache: PairCache,
  pool: PoolView,
  masks: Int32Array,
  x: number,
  y: number,
  levels: { exact: number; close: number; similar: number },
  closeAt: number,
  similarAt: number,
): number {
  if (x === y) return levels.exact;
  const lo = Math.min(x, y);
  const hi = Math.max(x, y);
  const s = cache.slot(lo, hi);
  const hit = cache.get(s, lo, hi);
  if (hit >= 0) return hit;
  // Most differing streets and cities are far apart: the bound settles them without the full comparison.
  let level = 1;
  if (!jwCertainlyBelow(pool, masks, x, y, similarAt)) {
    const sim = jw(pool, x, y);
    level = sim >= closeAt ? levels.close : sim >= similarAt ? levels.similar : 1;
  }
  cache.set(s, lo, hi, level);
  return level;
}

const STREET_LEVELS = { exact: 4, close: 3, similar: 2 };
// Cities and second address lines have one similarity level: "close" and "similar" coincide.
const PLACE_LEVELS = { exact: 3, close: 2, similar: 2 };

/** Level of two ids of a pooled code (house number, postcode): exact, one character off, different. */
function codeLevel(pool: PoolView, x: number, y: number): number {
  return x === y ? 3 : oneEdit(pool, x, y) ? 2 : 1;
}

/**
 * The comparison vector of records i and j over the comparisons in `active` (a bitmask over {@link C}).
 * @returns a gamma: the level of comparison k at bits SHIFT[k] (comparisons.ts).
 */
export function computeGamma(v: StoreView, i: number, j: number, active: number): number {
  // Everything per record comes from its 64-byte row: two cache lines per pair (record-store.ts, ROW).
  const r = v.rows;
  const a = i * ROW;
  const b = j * ROW;
  let g = 0;
  const gi = r[a + R.given]!;
  const gj = r[b + R.given]!;
  const fi = r[a + R.family]!;
  const fj = r[b + R.family]!;
  // Given and family names swapped between the two records: count both as exact.
  const swapped = gi >= 0 && fi >= 0 && gi !== fi && gi === fj && fi === gj;
  if (active & (1 << C.given) && gi >= 0 && gj >= 0) {
    g |= (gi === gj || swapped ? 5 : givenLevel(v, gi, gj)) << SHIFT[C.given]!;
  }
  if (active & (1 << C.family) && fi >= 0 && fj >= 0) {
    g |= (fi === fj || swapped ? 4 : familyLevel(v, fi, fj)) << SHIFT[C.family]!;
  }
  if (active & (1 << C.dob)) {
    const x = r[a + R.dob]!;
    const y = r[b + R.dob]!;
    if (x > 0 && y > 0) g |= (x === y ? 4 : dobLevel(x, y)) << SHIFT[C.dob]!;
  }
  if (active & (1 << C.sex)) {
    const x = r[a + R.sex]!;
    const y = r[b + R.sex]!;
    if (x > 0 && y > 0) g |= (x === y ? 2 : 1) << SHIFT[C.sex]!;
  }
  if (active & (1 << C.streetNumber)) {
    const x = r[a + R.streetNumber]!;
    const y = r[b + R.streetNumber]!;
    if (x >= 0 && y >= 0) g |= codeLevel(v.streetNumbers, x, y) << SHIFT[C.streetNumber]!;
  }
  if (active & (1 << C.street)) {
    const x = r[a + R.street]!;
    const y = r[b + R.street]!;
    if (x >= 0 && y >= 0)
      g |=
        similarityLevel(v.caches.street, v.streets, v.streetMask, x, y, STREET_LEVELS, 0.92, 0.8) <<
        SHIFT[C.street]!;
  }
  if (active & (1 << C.address2)) {
    const x = r[a + R.address2]!;
    const y = r[b + R.address2]!;
    if (x >= 0 && y >= 0)
      g |=
        similarityLevel(v.caches.address2, v.address2s, v.address2Mask, x, y, PLACE_LEVELS, 0.88, 0.88) <<
        SHIFT[C.address2]!;
  }
  if (active & (1 << C.city)) {
    const x = r[a + R.city]!;
    const y = r[b + R.city]!;
    if (x >= 0 && y >= 0)
      g |=
        similarityLevel(v.caches.city, v.cities, v.cityMask, x, y, PLACE_LEVELS, 0.88, 0.88) <<
        SHIFT[C.city]!;
  }
  if (active & (1 << C.postcode)) {
    const x = r[a + R.postcode]!;
    const y = r[b + R.postcode]!;
    if (x >= 0 && y >= 0) g |= codeLevel(v.postcodes, x, y) << SHIFT[C.postcode]!;
  }
  if (active & (1 << C.state)) {
    const x = r[a + R.state]!;
    const y = r[b + R.state]!;
    if (x >= 0 && y >= 0) g |= (x === y ? 2 : 1) << SHIFT[C.state]!;
  }
  if (active & (1 << C.phone)) {
    const x = r[a + R.phone]!;
    const y = r[b + R.phone]!;
    if (x >= 0 && y >= 0) g |= (x === y ? 3 : oneEdit(v.phones, x, y) ? 2 : 1) << SHIFT[C.phone]!;
  }
  if (active & (1 << C.email)) {
    const x = r[a + R.email]!;
    const y = r[b + R.email]!;
    if (x >= 0 && y >= 0)
      g |= emailLevel(v, x, y, r[a + R.emailLocal]!, r[b + R.emailLocal]!) << SHIFT[C.email]!;
  }
  if (active & (1 << C.nationalId)) {
    const x = r[a + R.nationalId]!;
    const y = r[b + R.nationalId]!;
    if (x >= 0 && y >= 0) g |= codeLevel(v.ids, x, y) << SHIFT[C.nationalId]!;
  }
  return g >>> 0;
}

/** E-mail level of two e-mail ids with their local-part ids: exact, same user name or JW ≥ 0.92, different. */
function emailLevel(v: StoreView, x: number, y: number, localX: number, localY: number): number {
  if (x === y) return 3;
  if (localX === localY) return 2;
  // Most differing e-mails are far apart; the bound settles them without the full O(n·window) comparison.
  if (jwCertainlyBelow(v.emails, v.emailMask, x, y, 0.92)) return 1;
  return jw(v.emails, x, y) >= 0.92 ? 2 : 1;
}
