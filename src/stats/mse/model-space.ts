import { type CaptureTable, coverCount, observedTotal } from "./capture-table.ts";
import { buildDesign, type Design, listPairs, type Model, modelKey } from "./design.ts";
import { admissible, checkDesign, type ModelCheck } from "./existence.ts";
import { fitPoisson, type PoissonFit } from "./poisson-fit.ts";

/** One fitted model: its design, its fit, and the figures model selection compares. */
export interface FittedModel {
  readonly model: Model;
  readonly design: Design;
  readonly fit: PoissonFit;
  /** Parameters counted by the criteria: the design's columns plus the interactions at −∞. */
  readonly parameters: number;
  readonly aic: number;
  readonly bic: number;
  /** Observed plus the fitted mean of the unobserved cell, exp(intercept). */
  readonly estimate: number;
}

/**
 * The models of one table, each checked and fitted at most once: the searches revisit the same models often
 * (every step of a stepwise or criterion search tries every neighbour again).
 */
export class ModelSpace {
  readonly pairs: Array<readonly [number, number]>;
  readonly observed: number;
  /** N* of each pair: how many people both lists share. Zero marks a non-overlapping pair. */
  readonly overlaps: number[];
  private readonly designs = new Map<string, Design>();
  private readonly checks = new Map<string, ModelCheck>();
  private readonly fits = new Map<string, FittedModel>();

  constructor(readonly table: CaptureTable) {
    this.pairs = listPairs(table.lists.length);
    this.observed = observedTotal(table);
    this.overlaps = this.pairs.map(([i, j]) => coverCount(table, (1 << i) | (1 << j)));
  }

  check(model: Model): ModelCheck {
    const key = modelKey(model);
    let c = this.checks.get(key);
    if (!c) {
      c = checkDesign(this.design(model));
      this.checks.set(key, c);
    }
    return c;
  }

  admissible = (model: Model): boolean => admissible(this.check(model));

  private design(model: Model): Design {
    const key = modelKey(model);
    let d = this.designs.get(key);
    if (!d) {
      d = buildDesign(this.table, model);
      this.designs.set(key, d);
    }
    return d;
  }

  /**
   * Fits an admissible model (callers check first: an inadmissible one has no finite fit), starting from the fitted
   * means of `near`, a model one interaction away, when given.
   */
  fit(model: Model, near?: FittedModel): FittedModel {
    const key = modelKey(model);
    let f = this.fits.get(key);
    if (!f) {
      const design = this.design(model);
      const fit = fitPoisson(design, design.y, undefined, near && startingPoint(design, near));
      const parameters = design.p + design.infinitePairs.length;
      f = {
        model,
        design,
        fit,
        parameters,
        aic: -2 * fit.logLik + 2 * parameters,
        bic: -2 * fit.logLik + Math.log(this.observed) * parameters,
        estimate: this.observed + Math.exp(fit.beta[0]!),
      };
      this.fits.set(key, f);
    }
    return f;
  }
}

/** log μ of the neighbouring fit for the cells both designs share, log(y + 0.1) for the others. */
function startingPoint(design: Design, near: FittedModel): Float64Array {
  const mu = new Map(Array.from(near.design.cells, (cell, r) => [cell, near.fit.mu[r]!] as const));
  return Float64Array.from(design.cells, (cell, r) => Math.log(mu.get(cell) ?? design.y[r]! + 0.1));
}
