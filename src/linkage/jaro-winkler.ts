/**
 * Jaro-Winkler similarity with Harbor's pinned definition (docs/linkage.md, reference §5):
 * - match window `w = max(0, floor(max(|a|,|b|)/2) - 1)`;
 * - `J = (m/|a| + m/|b| + (m - t)/m) / 3`, `J = 0` when m = 0, where t is half the out-of-order matches;
 * - `JW = J + l·0.1·(1 - J)` with l the common prefix length capped at 4, applied only when J > 0.7.
 * Implementations disagree on these details, so this one is pinned by reference-value tests.
 */

// Flag arrays are reused across calls and "cleared" by bumping a generation stamp, so the hot path allocates
// nothing (the reference's optimized-JS recipe).
let flagsA = new Int32Array(64);
let flagsB = new Int32Array(64);
let generation = 0;

function ensure(n: number): void {
  if (flagsA.length < n) {
    flagsA = new Int32Array(n * 2);
    flagsB = new Int32Array(n * 2);
    generation = 0;
  }
  generation++;
  if (generation >= 0x7fffffff) {
    flagsA.fill(0);
    flagsB.fill(0);
    generation = 1;
  }
}

/**
 * Jaro-Winkler of two code-unit ranges `a[aStart, aEnd)` and `b[bStart, bEnd)`.
 * @returns a similarity in [0, 1]; two empty strings score 1, one empty string scores 0.
 */
export function jaroWinklerRange(
  a: Uint16Array,
  aStart: number,
  aEnd: number,
  b: Uint16Array,
  bStart: number,
  bEnd: number,
): number {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  if (la === 0 && lb === 0) return 1;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  ensure(Math.max(la, lb));
  const g = generation;
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = a[aStart + i];
    const lo = Math.max(i - window, 0);
    const hi = Math.min(i + window + 1, lb);
    for (let j = lo; j < hi; j++) {
      if (flagsB[j] !== g && b[bStart + j] === c) {
        flagsA[i] = g;
        flagsB[j] = g;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] !== g) continue;
    while (flagsB[k] !== g) k++;
    if (a[aStart + i] !== b[bStart + k]) transpositions++;
    k++;
  }
  const t = transpositions / 2;
  const jaro = (m / la + m / lb + (m - t) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a[aStart + prefix] === b[bStart + prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const scratchA = { buf: new Uint16Array(64) };
const scratchB = { buf: new Uint16Array(64) };

function encodeInto(s: string, scratch: { buf: Uint16Array }): Uint16Array {
  if (scratch.buf.length < s.length) scratch.buf = new Uint16Array(s.length * 2);
  for (let i = 0; i < s.length; i++) scratch.buf[i] = s.charCodeAt(i);
  return scratch.buf;
}

/** Jaro-Winkler of two JavaScript strings (UTF-16 code units), under the pinned definition. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  return jaroWinklerRange(encodeInto(a, scratchA), 0, a.length, encodeInto(b, scratchB), 0, b.length);
}
