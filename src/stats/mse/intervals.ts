import type { CaptureTable } from "./capture-table.ts";
import { buildDesign, type Design } from "./design.ts";
import type { FittedModel } from "./model-space.ts";
import { FitError, fitPoisson, type PoissonFit } from "./poisson-fit.ts";
import { chiSquare1Quantile, logGamma, normalQuantile } from "./special-functions.ts";

/** An interval for the total population; `upper` is null when the data put no finite bound on it. */
export interface Interval {
  readonly lower: number;
  readonly upper: number | null;
}

/** How far above the observed count the profile search looks before it calls the upper limit unbounded. */
const UNBOUNDED_FACTOR = 1e4;

/**
 * Profile-likelihood interval for the total N under a fixed model (Cormack 1992; Rcapture's `closedpCI.t`):
 * the multinomial likelihood of the complete table, the unobserved cell holding N − n,
 *   ℓ(N) = log N! − log (N − n)! − Σ log n_ω! + Σ_ω n_ω log(μ̂_ω(N) / N),
 * where μ̂(N) is the Poisson fit to the table with that cell filled in. The interval is every N whose ℓ is
 * within χ²₁(level)/2 of the maximum; it never goes below n.
 */
export function profileInterval(
  table: CaptureTable,
  fitted: FittedModel,
  observed: number,
  level = 0.95,
): Interval {
  const design = buildDesign(table, fitted.model, true);
  const rows = design.cells.length;
  const y = Float64Array.from(design.y);
  let start: Float64Array | undefined = fitted.fit.beta;
  let constant = 0;
  for (let r = 0; r < rows - 1; r++) constant -= logGamma(y[r]! + 1);
  const logLik = (total: number): number => {
    y[rows - 1] = total - observed;
    const fit = fitFrom(design, y, start);
    if (!fit) return Number.NEGATIVE_INFINITY;
    start = fit.beta;
    let l = logGamma(total + 1) - logGamma(total - observed + 1) + constant;
    for (let r = 0; r < rows; r++) if (y[r]! > 0) l += y[r]! * Math.log(fit.mu[r]! / total);
    return l;
  };
  const cut = chiSquare1Quantile(level) / 2;
  const peak = maximizeUnimodal(logLik, observed + 1e-3, fitted.estimate);
  const below = (total: number) => peak.value - logLik(total) - cut;
  // With nobody unobserved the filled-in table may have no finite fit; a thousandth of a person above is the same.
  const floor = observed + 1e-3;
  const lower = below(floor) <= 0 ? observed : bisect(below, floor, peak.at);
  let hi = Math.max(peak.at * 1.5, peak.at + 10);
  while (below(hi) < 0) {
    if (hi > observed * UNBOUNDED_FACTOR) return { lower, upper: null };
    hi = peak.at + (hi - peak.at) * 2;
  }
  return { lower, upper: bisect((t) => -below(t), peak.at, hi) };
}

/**
 * SparseMSE's interval (`estimatepopulation.0`), the one quoted with the published UK estimate: a normal interval
 * for the log of the unobserved cell's mean, added to the observed count.
 */
export function logNormalInterval(fitted: FittedModel, observed: number, level = 0.95): Interval {
  const z = normalQuantile((1 + level) / 2);
  const b0 = fitted.fit.beta[0]!;
  const se = fitted.fit.interceptSe;
  return { lower: observed + Math.exp(b0 - z * se), upper: observed + Math.exp(b0 + z * se) };
}

/** The fit from the last one's coefficients, else from scratch; undefined when neither converges. */
function fitFrom(design: Design, y: Float64Array, start: Float64Array | undefined): PoissonFit | undefined {
  for (const from of start ? [start, undefined] : [undefined]) {
    try {
      const fit = fitPoisson(design, y, from);
      if (fit.converged) return fit;
    } catch (e) {
      if (!(e instanceof FitError)) throw e;
    }
  }
  return undefined;
}

/** The maximum of a unimodal function on [lo, ∞), searched outward from a guess, by golden sections. */
function maximizeUnimodal(
  f: (x: number) => number,
  lo: number,
  guess: number,
): { at: number; value: number } {
  let a = lo;
  let b = Math.max(guess * 2, lo + 10);
  for (let i = 0; i < 60 && f(b) > f(guess); i++) b = lo + (b - lo) * 2;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > 1e-6 * Math.max(1, b)) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  const at = (a + b) / 2;
  return { at, value: f(at) };
}

/** A root of f between lo and hi, where f(lo) and f(hi) differ in sign. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  for (let i = 0; i < 200 && hi - lo > 1e-7 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}
