/**
 * Levenshtein and Damerau-Levenshtein (optimal string alignment) distances over code-unit ranges.
 * Used for dates, phones, ids and e-mails, where values are short, so the O(|a|·|b|) rows are cheap; the rows are
 * reused across calls to keep the hot path allocation-free.
 */

let row0 = new Int32Array(64);
let row1 = new Int32Array(64);
let row2 = new Int32Array(64);

function ensure(n: number): void {
  if (row0.length <= n) {
    row0 = new Int32Array(n * 2 + 1);
    row1 = new Int32Array(n * 2 + 1);
    row2 = new Int32Array(n * 2 + 1);
  }
}

/**
 * Edit distance between `a[aStart,aEnd)` and `b[bStart,bEnd)`.
 * @param transpositions when true, an adjacent swap costs 1 (Damerau, optimal string alignment variant).
 */
export function editDistanceRange(
  a: ArrayLike<number>,
  aStart: number,
  aEnd: number,
  b: ArrayLike<number>,
  bStart: number,
  bEnd: number,
  transpositions: boolean,
): number {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  if (la === 0) return lb;
  if (lb === 0) return la;
  ensure(lb);
  let prev2 = row2; // row i-2 (for transpositions)
  let prev = row0; // row i-1
  let cur = row1;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    const ca = a[aStart + i - 1];
    for (let j = 1; j <= lb; j++) {
      const cb = b[bStart + j - 1];
      const cost = ca === cb ? 0 : 1;
      let v = prev[j - 1]! + cost;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (transpositions && i > 1 && j > 1 && ca === b[bStart + j - 2] && a[aStart + i - 2] === cb) {
        const tr = prev2[j - 2]! + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}

function codes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Levenshtein distance (insert, delete, substitute; each costs 1). */
export function levenshtein(a: string, b: string): number {
  return editDistanceRange(codes(a), 0, a.length, codes(b), 0, b.length, false);
}

/** Damerau-Levenshtein distance, optimal string alignment variant (adjacent transposition costs 1). */
export function damerauLevenshtein(a: string, b: string): number {
  return editDistanceRange(codes(a), 0, a.length, codes(b), 0, b.length, true);
}

/**
 * True when the Damerau (optimal string alignment) distance between the two ranges is at most 1, in O(n):
 * equal strings, one substitution, one adjacent transposition, or one insertion/deletion. This is the only
 * question the id, phone and date comparators ask, so they never fill a full distance matrix.
 */
export function withinOneEdit(
  a: ArrayLike<number>,
  aStart: number,
  aEnd: number,
  b: ArrayLike<number>,
  bStart: number,
  bEnd: number,
): boolean {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  if (la === lb) {
    let first = -1;
    for (let k = 0; k < la; k++) {
      if (a[aStart + k] === b[bStart + k]) continue;
      if (first < 0) {
        first = k;
        continue;
      }
      // A second difference: only an adjacent transposition of the first one is still one edit.
      if (k !== first + 1 || a[aStart + first] !== b[bStart + k] || a[aStart + k] !== b[bStart + first])
        return false;
      for (let r = k + 1; r < la; r++) if (a[aStart + r] !== b[bStart + r]) return false;
      return true;
    }
    return true;
  }
  if (la - lb === 1 || lb - la === 1) {
    // One insertion: skip one character of the longer string at the first difference.
    const [s, ss, se, t, ts] = la > lb ? [a, aStart, aEnd, b, bStart] : [b, bStart, bEnd, a, aStart];
    let i = ss;
    let j = ts;
    let skipped = false;
    while (i < se) {
      if (s[i] === t[j]) {
        i++;
        j++;
      } else if (!skipped) {
        skipped = true;
        i++;
      } else return false;
    }
    return true;
  }
  return false;
}
