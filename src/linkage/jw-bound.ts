import type { PoolView } from "./string-pool.ts";

/**
 * Cheap, exact upper bounds of Jaro-Winkler, so comparators can skip the full O(|a|·window) computation when the
 * bound already lies below the level threshold they test. Most blocked pairs that differ on a name or e-mail are
 * far apart (other household members, other people born the same day), and for e-mails (20+ characters) the full
 * computation was the largest single cost of the comparison stage.
 *
 * Each string gets a 64-bit character-set mask (code unit mod 64) and its length. A character of `a` can only be
 * matched if its bucket is in `b`'s mask, so the number of such characters bounds the match count m; with t ≥ 0,
 * J ≤ (m/|a| + m/|b| + 1)/3, and the Winkler boost is increasing in J. Bucket collisions only loosen the bound.
 */

/** Entries per string in a mask array: bucket bits 0-31, bits 32-63, length, padding (16 bytes, aligned). */
export const MASK_STRIDE = 4;

/** Stores the character-set mask and length of `s` as entry `id` of `masks` (see {@link MASK_STRIDE}). */
export function setCharMask(s: string, masks: Int32Array, id: number): void {
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < s.length; k++) {
    const b = s.charCodeAt(k) & 63;
    if (b < 32) lo |= 1 << b;
    else hi |= 1 << (b - 32);
  }
  masks[MASK_STRIDE * id] = lo;
  masks[MASK_STRIDE * id + 1] = hi;
  masks[MASK_STRIDE * id + 2] = s.length;
}

function countIn(chars: Uint16Array, start: number, end: number, lo: number, hi: number): number {
  let n = 0;
  for (let k = start; k < end; k++) {
    const b = chars[k]! & 63;
    n += b < 32 ? (lo >>> b) & 1 : (hi >>> (b - 32)) & 1;
  }
  return n;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function jaroBound(m: number, la: number, lb: number): number {
  return (m / la + m / lb + 1) / 3;
}

/**
 * An upper bound of `jaroWinklerRange` for strings x and y of pool `p` (never below the exact value): matchable
 * characters counted over both strings, and the real common prefix.
 */
export function jwUpperBound(p: PoolView, masks: Int32Array, x: number, y: number): number {
  const o = p.offsets;
  const c = p.chars;
  const as = o[x]!;
  const ae = o[x + 1]!;
  const bs = o[y]!;
  const be = o[y + 1]!;
  const la = ae - as;
  const lb = be - bs;
  if (la === 0 || lb === 0) return 1;
  const X = MASK_STRIDE * x;
  const Y = MASK_STRIDE * y;
  const m = Math.min(
    countIn(c, as, ae, masks[Y]!, masks[Y + 1]!),
    countIn(c, bs, be, masks[X]!, masks[X + 1]!),
  );
  if (m === 0) return 0;
  const j = jaroBound(m, la, lb);
  if (j <= 0.7) return j;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && c[as + prefix] === c[bs + prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * True when Jaro-Winkler of strings x and y is certainly below `threshold` (false means "compute it").
 * First a constant-time test on the masks alone (each bucket of `a` missing from `b` leaves at least one character
 * of `a` unmatched; the boost is taken at its maximum), which settles most far-apart pairs without reading either
 * string; then {@link jwUpperBound}. A margin keeps floating-point rounding from flipping a level.
 */
export function jwCertainlyBelow(
  p: PoolView,
  masks: Int32Array,
  x: number,
  y: number,
  threshold: number,
): boolean {
  const X = MASK_STRIDE * x;
  const Y = MASK_STRIDE * y;
  const la = masks[X + 2]!;
  const lb = masks[Y + 2]!;
  if (la === 0 || lb === 0) return false;
  const alo = masks[X]!;
  const ahi = masks[X + 1]!;
  const blo = masks[Y]!;
  const bhi = masks[Y + 1]!;
  const m = Math.min(
    la - popcount(alo & ~blo) - popcount(ahi & ~bhi),
    lb - popcount(blo & ~alo) - popcount(bhi & ~ahi),
  );
  const limit = threshold - BOUND_MARGIN;
  if (m <= 0) return 0 < limit;
  const j = jaroBound(m, la, lb);
  if ((j <= 0.7 ? j : j + 0.4 * (1 - j)) < limit) return true;
  return jwUpperBound(p, masks, x, y) < limit;
}

/** Skip the exact computation only when the bound is below a threshold by more than this. */
export const BOUND_MARGIN = 1e-9;
