import { Rng, WeightedPicker } from "../../linkage/synth/random.ts";
import { type CaptureTable, dropUninformativeLists, observedTotal } from "./capture-table.ts";
import type { Interval } from "./intervals.ts";
import type { FittedModel } from "./model-space.ts";
import { ModelSpace } from "./model-space.ts";
import { type Selection, type SelectionOptions, selectModel } from "./selection.ts";
import { normalCdf, normalQuantile } from "./special-functions.ts";

export type BootstrapKind = "bca" | "parametric";

export interface BootstrapResult {
  readonly kind: BootstrapKind;
  readonly interval: Interval;
  readonly replicates: number;
  /** Replicates whose data admitted no estimate (say, a list left empty); they are left out. */
  readonly failed: number;
  /** BCa's bias correction z₀ and acceleration a. */
  readonly biasCorrection?: number;
  readonly acceleration?: number;
}

export interface BootstrapOptions {
  readonly kind: BootstrapKind;
  readonly replicates: number;
  readonly seed: number;
  readonly level?: number;
}

/**
 * Bootstrap intervals that repeat the whole model selection on every resample, so that they allow for the
 * uncertainty of choosing the model, which a profile interval for the chosen model does not.
 * - `bca`: SparseMSE's `estimatepopulation`: multinomial resamples of the observed people, bias correction from
 *   the share of resampled estimates below the estimate, acceleration from the delete-one jackknife over the
 *   observed capture histories (DiCiccio and Efron 1996).
 * - `parametric`: whole populations of round(N̂) drawn from the fitted model's cell probabilities, unobserved cell
 *   included; the percentile interval of their estimates.
 */
export function bootstrapInterval(
  table: CaptureTable,
  selection: Selection,
  selectionOptions: SelectionOptions,
  fitted: FittedModel,
  options: BootstrapOptions,
): BootstrapResult {
  const level = options.level ?? 0.95;
  const rng = new Rng(options.seed);
  const estimateOf = (counts: Float64Array) =>
    reestimate({ lists: table.lists, counts }, selection, selectionOptions);
  const draws: number[] = [];
  let failed = 0;
  const sampler =
    options.kind === "bca" ? observedSampler(table) : populationSampler(table, fitted, observedTotal(table));
  for (let b = 0; b < options.replicates; b++) {
    const e = estimateOf(sampler(rng));
    if (Number.isFinite(e)) draws.push(e);
    else failed++;
  }
  draws.sort((a, b) => a - b);
  const tails = [(1 - level) / 2, (1 + level) / 2];
  if (options.kind === "parametric" || draws.length === 0) {
    const [lower, upper] = tails.map((p) => quantileType8(draws, p));
    return {
      kind: options.kind,
      interval: { lower: lower!, upper: upper! },
      replicates: draws.length,
      failed,
    };
  }
  const below = draws.filter((d) => d < fitted.estimate).length / draws.length;
  const z0 = normalQuantile(Math.min(Math.max(below, 0.5 / draws.length), 1 - 0.5 / draws.length));
  const a = jackknifeAcceleration(table, estimateOf);
  const [lower, upper] = tails.map((p) => {
    const z = normalQuantile(p) + z0;
    return quantileType8(draws, normalCdf(z0 + z / (1 - a * z)));
  });
  return {
    kind: "bca",
    interval: { lower: lower!, upper: upper! },
    replicates: draws.length,
    failed,
    biasCorrection: z0,
    acceleration: a,
  };
}

/** The estimate for a resampled table, or NaN when it admits none. */
function reestimate(table: CaptureTable, selection: Selection, options: SelectionOptions): number {
  try {
    const cleaned = dropUninformativeLists(table);
    // A fixed model names pairs of the original lists: it only carries over when no list had to go.
    if (options.model && cleaned.dropped.length > 0) return Number.NaN;
    return selectModel(new ModelSpace(cleaned.table), selection, options).fitted.estimate;
  } catch {
    return Number.NaN;
  }
}

/** Draws as many people as were observed, each from the observed histories in proportion to their counts. */
function observedSampler(table: CaptureTable): (rng: Rng) => Float64Array {
  const cells: number[] = [];
  const weights: number[] = [];
  for (let c = 1; c < table.counts.length; c++)
    if (table.counts[c]! > 0) {
      cells.push(c);
      weights.push(table.counts[c]!);
    }
  return cellSampler(table.counts.length, cells, weights, observedTotal(table));
}

/** Draws round(N̂) people from the fitted model, each landing in a cell (possibly the unobserved one). */
function populationSampler(
  table: CaptureTable,
  fitted: FittedModel,
  observed: number,
): (rng: Rng) => Float64Array {
  const cells = Array.from(fitted.design.cells);
  const weights = Array.from(fitted.fit.mu);
  cells.push(0);
  weights.push(fitted.estimate - observed);
  return cellSampler(table.counts.length, cells, weights, Math.round(fitted.estimate));
}

function cellSampler(
  size: number,
  cells: number[],
  weights: number[],
  people: number,
): (rng: Rng) => Float64Array {
  const picker = new WeightedPicker(cells, weights);
  return (rng) => {
    const counts = new Float64Array(size);
    for (let k = 0; k < people; k++) counts[picker.pick(rng)]! += 1;
    counts[0] = 0;
    return counts;
  };
}

/** BCa acceleration from deleting one person of each observed history in turn, weighted by its count. */
function jackknifeAcceleration(table: CaptureTable, estimateOf: (counts: Float64Array) => number): number {
  const weights: number[] = [];
  const values: number[] = [];
  for (let c = 1; c < table.counts.length; c++) {
    const n = table.counts[c]!;
    if (n === 0) continue;
    const counts = Float64Array.from(table.counts);
    counts[c] = n - 1;
    const e = estimateOf(counts);
    if (!Number.isFinite(e)) continue;
    weights.push(n);
    values.push(e);
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const mean = values.reduce((s, v, i) => s + v * weights[i]!, 0) / total;
  let num = 0;
  let den = 0;
  values.forEach((v, i) => {
    const d = mean - v;
    num += weights[i]! * d ** 3;
    den += weights[i]! * d ** 2;
  });
  return den > 0 ? num / (6 * den ** 1.5) : 0;
}

/** R's `quantile(type = 8)`, the default of SparseMSE's BCa limits, on sorted values. */
function quantileType8(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = n * p + (p + 1) / 3;
  const j = Math.floor(h);
  const g = h - j;
  const at = (i: number) => sorted[Math.min(Math.max(i, 1), n) - 1]!;
  return (1 - g) * at(j) + g * at(j + 1);
}
