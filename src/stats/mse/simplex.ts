/**
 * A small dense two-phase simplex for: maximize cᵀx subject to A x = b, x ≥ 0. Bland's rule
 * (lowest index enters, lowest basic index leaves on ties) so the many degenerate pivots of sparse capture
 * tables cannot cycle. Sized for the existence check: at most 56 rows and 1,024 columns. Checked against HiGHS
 * in the tests.
 */
export interface LpResult {
  readonly status: "optimal" | "infeasible" | "unbounded";
  readonly value: number;
  readonly x: Float64Array;
}

const EPS = 1e-9;

export function maximize(a: Float64Array, m: number, n: number, b: Float64Array, c: Float64Array): LpResult {
  const width = n + m + 1; // originals, artificials, right-hand side
  const rhs = n + m;
  const t = new Float64Array(m * width);
  const basis = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const sign = b[r]! < 0 ? -1 : 1; // rows with b ≥ 0, so the artificials start feasible
    for (let j = 0; j < n; j++) t[r * width + j] = sign * a[r * n + j]!;
    t[r * width + n + r] = 1;
    t[r * width + rhs] = sign * b[r]!;
    basis[r] = n + r;
  }
  // Phase 1: maximize −Σ artificials; the reduced costs of the originals start as their column sums.
  const d = new Float64Array(width);
  for (let r = 0; r < m; r++) for (let j = 0; j < n; j++) d[j]! += t[r * width + j]!;
  const none = () => ({ status: "infeasible" as const, value: Number.NaN, x: new Float64Array(n) });
  if (!iterate(t, d, basis, m, width, n + m)) return none();
  let artificial = 0;
  for (let r = 0; r < m; r++) if (basis[r]! >= n) artificial += t[r * width + rhs]!;
  if (artificial > EPS * Math.max(1, ...b.map(Math.abs)) * m) return none();
  // Drive artificials still basic (at zero) out of the basis; a row with no original entry left is redundant.
  const redundant = new Uint8Array(m);
  for (let r = 0; r < m; r++) {
    if (basis[r]! < n) continue;
    let q = -1;
    for (let j = 0; j < n && q < 0; j++) if (Math.abs(t[r * width + j]!) > EPS) q = j;
    if (q < 0) redundant[r] = 1;
    else pivot(t, d, basis, m, width, r, q);
  }
  // Phase 2: the real objective over the original columns only.
  d.fill(0);
  for (let j = 0; j < n; j++) d[j] = c[j]!;
  for (let r = 0; r < m; r++) {
    const cb = basis[r]! < n ? c[basis[r]!]! : 0;
    if (cb === 0) continue;
    for (let j = 0; j < width; j++) d[j]! -= cb * t[r * width + j]!;
  }
  for (let r = 0; r < m; r++) if (redundant[r]) basis[r] = -1;
  if (!iterate(t, d, basis, m, width, n))
    return { status: "unbounded", value: Number.POSITIVE_INFINITY, x: new Float64Array(n) };
  const x = new Float64Array(n);
  for (let r = 0; r < m; r++) if (basis[r]! >= 0 && basis[r]! < n) x[basis[r]!] = t[r * width + rhs]!;
  let value = 0;
  for (let j = 0; j < n; j++) value += c[j]! * x[j]!;
  return { status: "optimal", value, x };
}

/**
 * Pivots until no column below `limit` has a positive reduced cost.
 * @returns false when the objective is unbounded.
 */
function iterate(
  t: Float64Array,
  d: Float64Array,
  basis: Int32Array,
  m: number,
  width: number,
  limit: number,
): boolean {
  const rhs = width - 1;
  for (let guard = 0; guard < 50_000; guard++) {
    let q = -1;
    for (let j = 0; j < limit; j++)
      if (d[j]! > EPS) {
        q = j;
        break;
      }
    if (q < 0) return true;
    let leave = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < m; r++) {
      if (basis[r]! < 0) continue;
      const e = t[r * width + q]!;
      if (e <= EPS) continue;
      const ratio = t[r * width + rhs]! / e;
      if (ratio < best - EPS || (ratio <= best + EPS && leave >= 0 && basis[r]! < basis[leave]!)) {
        best = ratio;
        leave = r;
      }
    }
    if (leave < 0) return false;
    pivot(t, d, basis, m, width, leave, q);
  }
  throw new Error("simplex: iteration limit reached");
}

function pivot(
  t: Float64Array,
  d: Float64Array,
  basis: Int32Array,
  m: number,
  width: number,
  r: number,
  q: number,
): void {
  const row = r * width;
  const pv = t[row + q]!;
  for (let j = 0; j < width; j++) t[row + j]! /= pv;
  for (let i = 0; i < m; i++) {
    if (i === r) continue;
    const f = t[i * width + q]!;
    if (f === 0) continue;
    const ri = i * width;
    for (let j = 0; j < width; j++) t[ri + j]! -= f * t[row + j]!;
  }
  const f = d[q]!;
  if (f !== 0) for (let j = 0; j < width; j++) d[j]! -= f * t[row + j]!;
  basis[r] = q;
}
