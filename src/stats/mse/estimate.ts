import { type BootstrapKind, bootstrapInterval } from "./bootstrap.ts";
import { type CaptureTable, CaptureTableError, dropUninformativeLists } from "./capture-table.ts";
import { interactionNames, listPairs, type Model } from "./design.ts";
import { type Interval, logNormalInterval, profileInterval } from "./intervals.ts";
import { type FittedModel, ModelSpace } from "./model-space.ts";
import { NoAdmissibleModelError, type Selection, type SelectionStep, selectModel } from "./selection.ts";
import type { MseWarning } from "./warnings.ts";

export type IntervalMethod = "profile" | BootstrapKind;

export interface EstimateOptions {
  /** How the interactions are chosen; "stepwise" (p < 0.02) is the method of the published UK estimate. */
  readonly selection?: Selection;
  readonly pThreshold?: number;
  /** Fit exactly these interactions instead of selecting (list names; `selection` is then ignored). */
  readonly interactions?: ReadonlyArray<readonly [string, string]>;
  readonly interval?: IntervalMethod;
  /** Bootstrap replicates and seed (for `interval` "bca" or "parametric"). */
  readonly replicates?: number;
  readonly seed?: number;
}

export interface MseEstimate {
  readonly lists: readonly string[];
  readonly observed: number;
  /** Observed plus the estimated unobserved. */
  readonly estimate: number;
  readonly unobserved: number;
  readonly ci95: readonly [number, number | null];
  readonly interval: "profile-likelihood" | "bca-bootstrap" | "parametric-bootstrap";
  readonly intervals: {
    readonly profileLikelihood: readonly [number, number | null];
    /** SparseMSE's log-normal interval, the kind published with the UK estimate. */
    readonly logNormal: readonly [number, number];
    readonly bootstrap?: {
      readonly kind: BootstrapKind;
      readonly ci95: readonly [number, number | null];
      readonly replicates: number;
      readonly failed: number;
      readonly seed: number;
    };
  };
  readonly model: {
    readonly selection: Selection | "fixed";
    readonly pThreshold?: number;
    /** Main effects (the lists) then interactions, as "A:B". */
    readonly terms: readonly string[];
    readonly interactions: readonly string[];
    /** Interactions of lists that share nobody, estimated at −∞. */
    readonly infiniteInteractions: readonly string[];
    readonly parameters: number;
    readonly deviance: number;
    readonly residualDf: number;
    readonly logLikelihood: number;
    readonly aic: number;
    readonly bic: number;
    readonly steps: ReadonlyArray<{
      action: "add" | "drop";
      term: string;
      pValue?: number;
      criterion?: number;
    }>;
  };
  readonly cells: { readonly observable: number; readonly withPeople: number };
  readonly warnings: readonly MseWarning[];
}

/** Raised when the data admit no estimate at all (no model with a finite, identifiable fit). */
export class MseDataError extends Error {}

/**
 * Multiple systems estimation of a population's total from a capture table: Poisson log-linear models over all
 * 2^k − 1 observable cells, the interactions chosen as asked, every model checked for identifiability and for a
 * finite (extended) maximum likelihood estimate, and a 95% interval. Pure: the CLI passes a table read from a
 * file; the API will pass one built from linked records (`tableFromMemberships`).
 */
export function estimatePopulation(input: CaptureTable, options: EstimateOptions = {}): MseEstimate {
  const warnings: MseWarning[] = [];
  let table: CaptureTable;
  try {
    const cleaned = dropUninformativeLists(input);
    table = cleaned.table;
    if (cleaned.dropped.length > 0) warnings.push({ code: "lists-dropped", dropped: cleaned.dropped });
  } catch (e) {
    if (e instanceof CaptureTableError) throw new MseDataError(e.message);
    throw e;
  }
  const selection = options.selection ?? "stepwise";
  const fixed = options.interactions ? fixedModel(table, options.interactions, input) : undefined;
  const space = new ModelSpace(table);
  const selectionOptions = { pThreshold: options.pThreshold ?? 0.02, ...(fixed ? { model: fixed } : {}) };
  let fitted: FittedModel;
  let steps: readonly SelectionStep[];
  try {
    ({ fitted, steps } = selectModel(space, selection, selectionOptions));
  } catch (e) {
    if (e instanceof NoAdmissibleModelError)
      throw new MseDataError(
        fixed
          ? "the given model has no finite, identifiable estimate for these data"
          : "even the independence model has no finite estimate for these data (a list's people are all also on another list, or the lists barely overlap)",
      );
    throw e;
  }
  const observed = space.observed;
  const profile = profileInterval(table, fitted, observed);
  const logNormal = logNormalInterval(fitted, observed);
  const method = options.interval ?? "profile";
  const boot =
    method === "profile"
      ? undefined
      : bootstrapInterval(table, selection, selectionOptions, fitted, {
          kind: method,
          replicates: options.replicates ?? 1000,
          seed: options.seed ?? 1,
        });
  const chosen = boot ? boot.interval : profile;
  const names = (pairs: readonly number[]) => interactionNames(table.lists, pairs);
  const { design, fit } = fitted;
  const empty = table.counts.filter((v, c) => c > 0 && v === 0).length;
  warnings.push(...failureModes(space, fitted, chosen, empty, selection, fixed !== undefined, method));
  if (boot && boot.failed > 0)
    warnings.push({
      code: "bootstrap-failures",
      failed: boot.failed,
      replicates: boot.failed + boot.replicates,
    });
  return {
    lists: table.lists,
    observed,
    estimate: fitted.estimate,
    unobserved: fitted.estimate - observed,
    ci95: pairOf(chosen),
    interval: boot ? (boot.kind === "bca" ? "bca-bootstrap" : "parametric-bootstrap") : "profile-likelihood",
    intervals: {
      profileLikelihood: pairOf(profile),
      logNormal: [logNormal.lower, logNormal.upper!],
      ...(boot
        ? {
            bootstrap: {
              kind: boot.kind,
              ci95: pairOf(boot.interval),
              replicates: boot.replicates,
              failed: boot.failed,
              seed: options.seed ?? 1,
            },
          }
        : {}),
    },
    model: {
      selection: fixed ? "fixed" : selection,
      ...(selection === "stepwise" && !fixed ? { pThreshold: selectionOptions.pThreshold } : {}),
      terms: [...table.lists, ...names(fitted.model)],
      interactions: names(fitted.model),
      infiniteInteractions: names(design.infinitePairs),
      parameters: fitted.parameters,
      deviance: fit.deviance,
      residualDf: design.cells.length - design.p,
      logLikelihood: fit.logLik,
      aic: fitted.aic,
      bic: fitted.bic,
      steps: steps.map((s) => ({
        action: s.action,
        term: names([s.pair])[0]!,
        ...(s.pValue !== undefined ? { pValue: s.pValue } : {}),
        ...(s.criterion !== undefined ? { criterion: s.criterion } : {}),
      })),
    },
    cells: { observable: table.counts.length - 1, withPeople: table.counts.length - 1 - empty },
    warnings,
  };
}

const pairOf = (i: Interval): [number, number | null] => [i.lower, i.upper];

function fixedModel(
  table: CaptureTable,
  interactions: ReadonlyArray<readonly [string, string]>,
  input: CaptureTable,
): Model {
  const pairs = listPairs(table.lists.length);
  const model = new Set<number>();
  for (const [a, b] of interactions) {
    const i = table.lists.indexOf(a);
    const j = table.lists.indexOf(b);
    if (i < 0 || j < 0 || i === j) {
      const known = input.lists.includes(a) && input.lists.includes(b);
      throw new MseDataError(
        known
          ? `interaction ${a}:${b} uses a list left out as uninformative`
          : `unknown interaction ${a}:${b}`,
      );
    }
    model.add(pairs.findIndex(([x, y]) => x === Math.min(i, j) && y === Math.max(i, j)));
  }
  return [...model].sort((x, y) => x - y);
}

/** The literature's failure modes, as found in this table and fit. */
function failureModes(
  space: ModelSpace,
  fitted: FittedModel,
  interval: Interval,
  empty: number,
  selection: Selection,
  fixed: boolean,
  method: IntervalMethod,
): MseWarning[] {
  const { table, observed } = space;
  const out: MseWarning[] = [];
  const observable = table.counts.length - 1;
  if (empty > 0) out.push({ code: "empty-cells-fitted", empty, observable });
  const apart = space.pairs.map((_, m) => m).filter((m) => space.overlaps[m] === 0);
  if (apart.length > 0)
    out.push({
      code: "non-overlapping-lists",
      pairs: interactionNames(table.lists, apart),
      inModel: interactionNames(table.lists, fitted.design.infinitePairs),
    });
  let small = 0;
  for (let c = 1; c < table.counts.length; c++) if (table.counts[c]! > 0 && table.counts[c]! < 5) small++;
  if (empty * 2 > observable) out.push({ code: "sparse-cells", empty, small, observable });
  const ratio = (fitted.estimate - observed) / observed;
  if (ratio > 10) out.push({ code: "exploding-estimate", ratio });
  if (interval.upper === null) out.push({ code: "unbounded-interval" });
  else if (interval.upper > 5 * fitted.estimate)
    out.push({ code: "wide-interval", upperToEstimate: interval.upper / fitted.estimate });
  if (table.lists.length === 2) out.push({ code: "two-lists" });
  if (method === "profile" && !fixed && selection !== "independence")
    out.push({ code: "model-uncertainty", selection });
  return out;
}
