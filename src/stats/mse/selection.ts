import { interactionNames, type Model, withoutPair, withPair } from "./design.ts";
import type { FittedModel, ModelSpace } from "./model-space.ts";
import { poissonCdf, poissonUpperTail } from "./special-functions.ts";

export type Selection = "independence" | "stepwise" | "aic" | "bic";

/** One move of a search: an interaction added or dropped, with the p-value or criterion that chose it. */
export interface SelectionStep {
  readonly action: "add" | "drop";
  readonly pair: number;
  readonly pValue?: number;
  readonly criterion?: number;
}

export interface SelectedModel {
  readonly fitted: FittedModel;
  readonly steps: readonly SelectionStep[];
}

export class NoAdmissibleModelError extends Error {}

export interface SelectionOptions {
  /** Stepwise: an interaction enters only with a p-value below this (0.02, Chan, Silverman and Vincent 2021). */
  readonly pThreshold?: number;
  /** A fixed set of interactions, fitted as given (used by simulations and by callers who chose a model). */
  readonly model?: Model;
}

export function selectModel(
  space: ModelSpace,
  selection: Selection,
  options: SelectionOptions = {},
): SelectedModel {
  const start = options.model ?? [];
  if (!space.admissible(start)) throw new NoAdmissibleModelError("the starting model has no finite estimate");
  if (options.model || selection === "independence") return { fitted: space.fit(start), steps: [] };
  if (selection === "stepwise") return stepwise(space, options.pThreshold ?? 0.02);
  return criterionSearch(space, selection);
}

/**
 * Forward stepwise selection as SparseMSE's `stepwisefit`: from main effects, each step tries every interaction
 * not yet in. Under the current fit, the number of people on both lists of a pair is Poisson with mean the sum of
 * the fitted cells holding both; its two-sided tail probability min(P(X ≤ N*), P(X ≥ N*)) is the pair's p-value.
 * A pair whose model would be non-identifiable or have no finite estimate counts as p = 1. The smallest p-value
 * (the first pair on ties) enters if it is below the threshold; otherwise the search stops.
 */
function stepwise(space: ModelSpace, threshold: number): SelectedModel {
  let current = space.fit([]);
  const steps: SelectionStep[] = [];
  for (;;) {
    const { design, fit } = current;
    let best = -1;
    let bestP = 1;
    space.pairs.forEach(([i, j], m) => {
      if (current.model.includes(m)) return;
      const mask = (1 << i) | (1 << j);
      let expected = 0;
      design.cells.forEach((cell, r) => {
        if ((cell & mask) === mask) expected += fit.mu[r]!;
      });
      const nStar = space.overlaps[m]!;
      let p = Math.min(poissonCdf(nStar, expected), poissonUpperTail(nStar, expected));
      if (p < bestP && !space.admissible(withPair(current.model, m))) p = 1;
      if (p < bestP) {
        bestP = p;
        best = m;
      }
    });
    if (best < 0 || bestP >= threshold) return { fitted: current, steps };
    current = space.fit(withPair(current.model, best), current);
    steps.push({ action: "add", pair: best, pValue: bestP });
  }
}

/**
 * Greedy search on AIC or BIC in both directions: from main effects, each step moves to the best admissible model
 * one interaction away (added or dropped) while that lowers the criterion. A non-overlapping pair may enter; its
 * −∞ estimate still counts as a parameter, as SparseMSE's adjusted AIC counts it. Models whose criteria tie (to
 * 1e-9) are told apart by their interactions' names, so the result does not depend on the order of the lists.
 */
function criterionSearch(space: ModelSpace, criterion: "aic" | "bic"): SelectedModel {
  const score = (f: FittedModel) => (criterion === "aic" ? f.aic : f.bic);
  const name = (model: Model) => interactionNames(space.table.lists, model).map(canonical).sort().join(" ");
  let current = space.fit([]);
  const steps: SelectionStep[] = [];
  for (;;) {
    let best: FittedModel | undefined;
    let bestStep: SelectionStep | undefined;
    for (let m = 0; m < space.pairs.length; m++) {
      const inModel = current.model.includes(m);
      const next = inModel ? withoutPair(current.model, m) : withPair(current.model, m);
      if (!space.admissible(next)) continue;
      const f = space.fit(next, current);
      const gap = score(f) - (best ? score(best) : score(current));
      const tie = Math.abs(gap) <= 1e-9 * Math.max(1, Math.abs(score(f)));
      if ((gap < 0 && !tie) || (best !== undefined && tie && name(next) < name(best.model))) {
        best = f;
        bestStep = { action: inModel ? "drop" : "add", pair: m, criterion: score(f) };
      }
    }
    if (!best) return { fitted: current, steps };
    current = best;
    steps.push(bestStep!);
  }
}

const canonical = (term: string) => term.split(":").sort().join(":");
