import type { Design } from "./design.ts";
import { columnRank } from "./linalg.ts";
import { maximize } from "./simplex.ts";

/** Whether a model can be fitted: its parameters identifiable, its (extended) maximum likelihood estimate finite. */
export interface ModelCheck {
  readonly identifiable: boolean;
  readonly mleExists: boolean;
}

export const admissible = (check: ModelCheck): boolean => check.identifiable && check.mleExists;

/**
 * Identifiability is full column rank of the design. Existence is the linear programme of Fienberg and Rinaldo
 * (2012) as SparseMSE's `checkident` sets it: with A = Xᵀ and the sufficient statistics t = Xᵀy, the estimate
 * exists exactly when some strictly positive table has the same statistics, that is when
 *   max s  subject to  A y = t,  y ≥ s,  s ≥ 0
 * is positive. Substituting y = z + s·1 (z ≥ 0) leaves the equality form A z + s·A1 = t that `maximize` takes.
 */
export function checkDesign(design: Design): ModelCheck {
  const rows = design.cells.length;
  const identifiable = columnRank(design.x, rows, design.p) === design.p;
  if (!identifiable) return { identifiable, mleExists: false };
  // The observed table itself is a strictly positive solution when no cell is empty: no programme needed.
  if (design.y.every((v) => v > 0)) return { identifiable, mleExists: true };
  return { identifiable, mleExists: positiveSolutionMargin(design) > 1e-7 };
}

/** The optimum s of the programme above: how far from zero every cell of some table with the same margins can be. */
export function positiveSolutionMargin(design: Design): number {
  const { p, x, y } = design;
  const rows = design.cells.length;
  const n = rows + 1; // z for each cell, then s
  const a = new Float64Array(p * n);
  const t = new Float64Array(p);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < p; c++) {
      const v = x[r * p + c]!;
      if (v === 0) continue;
      a[c * n + r] = v;
      a[c * n + rows]! += v;
      t[c]! += v * y[r]!;
    }
  const objective = new Float64Array(n);
  objective[rows] = 1;
  const lp = maximize(a, p, n, t, objective);
  if (lp.status !== "optimal") throw new Error(`existence check: the programme is ${lp.status}`);
  return lp.value;
}
