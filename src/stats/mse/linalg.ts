/** Small dense linear algebra for the Poisson fit: row-major Float64Arrays, n ≤ 56. */

/**
 * Cholesky factor of a symmetric positive definite n×n matrix (lower triangle, in place of a copy).
 * @returns null when the matrix is not positive definite (a rank-deficient design).
 */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 1e-12 * Math.max(1, a[j * n + j]!))) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L Lᵀ x = b given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** (L Lᵀ)⁻¹[0][0]: the variance of the first coefficient, from the Cholesky factor. */
export function firstInverseDiagonal(l: Float64Array, n: number): number {
  const e = new Float64Array(n);
  e[0] = 1;
  return choleskySolve(l, n, e)[0]!;
}

/** Column rank of a rows×cols 0/1 matrix, by Gaussian elimination with partial pivoting. */
export function columnRank(x: Float64Array, rows: number, cols: number): number {
  const a = Float64Array.from(x);
  let rank = 0;
  for (let c = 0; c < cols && rank < rows; c++) {
    let pivot = rank;
    for (let r = rank + 1; r < rows; r++)
      if (Math.abs(a[r * cols + c]!) > Math.abs(a[pivot * cols + c]!)) pivot = r;
    if (Math.abs(a[pivot * cols + c]!) < 1e-9) continue;
    if (pivot !== rank)
      for (let k = 0; k < cols; k++) {
        const t = a[rank * cols + k]!;
        a[rank * cols + k] = a[pivot * cols + k]!;
        a[pivot * cols + k] = t;
      }
    for (let r = rank + 1; r < rows; r++) {
      const f = a[r * cols + c]! / a[rank * cols + c]!;
      if (f !== 0) for (let k = c; k < cols; k++) a[r * cols + k]! -= f * a[rank * cols + k]!;
    }
    rank++;
  }
  return rank;
}
