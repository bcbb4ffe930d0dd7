import type { Design } from "./design.ts";
import { cholesky, choleskySolve, firstInverseDiagonal } from "./linalg.ts";
import { logGamma } from "./special-functions.ts";

/** A Poisson log-linear fit: log μ = Xβ, by Newton's method (IRLS, the canonical link), as R's `glm`. */
export interface PoissonFit {
  readonly beta: Float64Array;
  /** Fitted means of the design's rows. */
  readonly mu: Float64Array;
  readonly deviance: number;
  /** Poisson log-likelihood Σ y log μ − μ − log y!. */
  readonly logLik: number;
  /** Standard error of the intercept, the log of the unobserved cell's mean. */
  readonly interceptSe: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export class FitError extends Error {}

/**
 * Fits the design to `y` (the design's own counts by default), starting from coefficients `start` or from a
 * linear predictor `initialEta` when given (a neighbouring model's fit: fewer Newton steps), else from log(y + 0.1).
 */
export function fitPoisson(
  design: Design,
  y: Float64Array = design.y,
  start?: Float64Array,
  initialEta?: Float64Array,
): PoissonFit {
  const p = design.p;
  const rows = design.cells.length;
  const active = activeColumns(design);
  const eta = new Float64Array(rows);
  const mu = new Float64Array(rows);
  if (start) linearPredictor(design, active, start, eta);
  for (let r = 0; r < rows; r++) {
    if (!start) eta[r] = initialEta ? initialEta[r]! : Math.log(y[r]! + 0.1);
    mu[r] = Math.exp(eta[r]!);
  }
  let beta: Float64Array = start ? Float64Array.from(start) : new Float64Array(p);
  let dev = deviance(y, mu);
  let converged = false;
  let iterations = 0;
  let factor: Float64Array | null = null;
  for (; iterations < 100 && !converged; iterations++) {
    const xtwx = new Float64Array(p * p);
    const xtwz = new Float64Array(p);
    for (let r = 0; r < rows; r++) {
      const w = mu[r]!;
      const z = eta[r]! + (y[r]! - w) / w;
      const cols = active[r]!;
      for (let a = 0; a < cols.length; a++) {
        const ca = cols[a]!;
        xtwz[ca]! += w * z;
        for (let b = 0; b <= a; b++) xtwx[ca * p + cols[b]!]! += w;
      }
    }
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) xtwx[j * p + i] = xtwx[i * p + j]!;
    factor = cholesky(xtwx, p);
    if (!factor) throw new FitError("the model's parameters are not identifiable from these cells");
    beta = choleskySolve(factor, p, xtwz);
    linearPredictor(design, active, beta, eta);
    for (let r = 0; r < rows; r++) mu[r] = Math.exp(eta[r]!);
    const next = deviance(y, mu);
    converged = Math.abs(next - dev) / (Math.abs(next) + 0.1) < 1e-12;
    dev = next;
  }
  const info = informationFactor(design, active, mu) ?? factor!;
  return {
    beta,
    mu,
    deviance: dev,
    logLik: logLikelihood(y, mu),
    interceptSe: Math.sqrt(firstInverseDiagonal(info, p)),
    iterations,
    converged,
  };
}

/** The design's nonzero columns row by row: each row has at most 1 + k + k(k−1)/2 of them. */
function activeColumns(design: Design): Int32Array[] {
  const cached = activeCache.get(design);
  if (cached) return cached;
  const { p, x } = design;
  const out: Int32Array[] = [];
  for (let r = 0; r < design.cells.length; r++) {
    const cols: number[] = [];
    for (let c = 0; c < p; c++) if (x[r * p + c] !== 0) cols.push(c);
    out.push(Int32Array.from(cols));
  }
  activeCache.set(design, out);
  return out;
}

const activeCache = new WeakMap<Design, Int32Array[]>();

function linearPredictor(design: Design, active: Int32Array[], beta: Float64Array, eta: Float64Array): void {
  for (let r = 0; r < design.cells.length; r++) {
    let s = 0;
    for (const c of active[r]!) s += beta[c]!;
    eta[r] = s;
  }
}

function informationFactor(design: Design, active: Int32Array[], mu: Float64Array): Float64Array | null {
  const p = design.p;
  const a = new Float64Array(p * p);
  for (let r = 0; r < design.cells.length; r++) {
    const cols = active[r]!;
    for (let i = 0; i < cols.length; i++) for (let j = 0; j <= i; j++) a[cols[i]! * p + cols[j]!]! += mu[r]!;
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) a[j * p + i] = a[i * p + j]!;
  return cholesky(a, p);
}

function deviance(y: Float64Array, mu: Float64Array): number {
  let d = 0;
  for (let r = 0; r < y.length; r++) {
    const yr = y[r]!;
    d += (yr > 0 ? yr * Math.log(yr / mu[r]!) : 0) - (yr - mu[r]!);
  }
  return 2 * d;
}

function logLikelihood(y: Float64Array, mu: Float64Array): number {
  let l = 0;
  for (let r = 0; r < y.length; r++) {
    const yr = y[r]!;
    l += (yr > 0 ? yr * Math.log(mu[r]!) : 0) - mu[r]! - logGamma(yr + 1);
  }
  return l;
}
