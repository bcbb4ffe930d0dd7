import { AGE_GENERALIZATIONS } from "../reports/bands.ts";
import { regionOf } from "../reports/regions.ts";
import { type CtdcRow, QUASI_IDENTIFIERS } from "./ctdc-row.ts";

/**
 * k-anonymity over the quasi-identifiers (CTDC's rule: k = 11), by global generalization then record
 * suppression. The ladder generalizes every row alike (so a value means the same in every row):
 *   0 exact → 1 wider age bands → 2 countries to UN regions → 3 years to 5-year periods
 *   → 4 minor/adult only → 5 countries and year withheld.
 * The lowest level whose small classes hold at most `maxSuppressedShare` of the rows is used; the rows
 * still in classes smaller than k are then suppressed (left out). So every combination of
 * quasi-identifier values in the output is shared by at least k rows.
 */

export const CTDC_K = 11;

export interface KAnonymityReport {
  k: number;
  level: number;
  generalized: string[];
  rowsIn: number;
  rowsOut: number;
  suppressedRows: number;
  /** Size of the smallest equivalence class in the output (0 when the output is empty). */
  smallestClass: number;
}

const LEVELS: Array<{ age: number; region: boolean; period: boolean; withhold: boolean; names: string[] }> = [
  { age: 0, region: false, period: false, withhold: false, names: [] },
  { age: 1, region: false, period: false, withhold: false, names: ["ageBroad→wider bands"] },
  {
    age: 1,
    region: true,
    period: false,
    withhold: false,
    names: ["ageBroad→wider bands", "countries→UN regions"],
  },
  {
    age: 1,
    region: true,
    period: true,
    withhold: false,
    names: ["ageBroad→wider bands", "countries→UN regions", "yearOfRegistration→5-year periods"],
  },
  {
    age: 2,
    region: true,
    period: true,
    withhold: false,
    names: ["ageBroad→minor/adult", "countries→UN regions", "yearOfRegistration→5-year periods"],
  },
  {
    age: 2,
    region: true,
    period: true,
    withhold: true,
    names: ["ageBroad→minor/adult", "countries withheld", "yearOfRegistration withheld"],
  },
];

function generalize(row: CtdcRow, level: number): CtdcRow {
  const l = LEVELS[level]!;
  const out = { ...row };
  out.ageBroad = AGE_GENERALIZATIONS[l.age]![String(row.ageBroad)] ?? "-99";
  const place = (v: string | number) =>
    l.withhold ? "-99" : l.region && v !== "-99" ? regionOf(String(v)) : v;
  out.citizenship = place(row.citizenship ?? "-99");
  out.CountryOfExploitation = place(row.CountryOfExploitation ?? "-99");
  if (l.withhold) out.yearOfRegistration = "-99";
  else if (l.period && typeof row.yearOfRegistration === "number") {
    const start = row.yearOfRegistration - (row.yearOfRegistration % 5);
    out.yearOfRegistration = `${start}--${start + 4}`;
  }
  return out;
}

export const classKey = (row: CtdcRow) => JSON.stringify(QUASI_IDENTIFIERS.map((q) => row[q]));

function classSizes(rows: CtdcRow[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(classKey(r), (sizes.get(classKey(r)) ?? 0) + 1);
  return sizes;
}

export function kAnonymize(
  rows: CtdcRow[],
  k = CTDC_K,
  maxSuppressedShare = 0.05,
): { rows: CtdcRow[]; report: KAnonymityReport } {
  if (!Number.isInteger(k) || k < 2) throw new Error("k must be a whole number of at least 2");
  let chosen = LEVELS.length - 1;
  let best: CtdcRow[] = [];
  for (let level = 0; level < LEVELS.length; level++) {
    const g = rows.map((r) => generalize(r, level));
    const sizes = classSizes(g);
    const small = g.filter((r) => sizes.get(classKey(r))! < k).length;
    best = g;
    chosen = level;
    if (small <= maxSuppressedShare * rows.length) break;
  }
  const sizes = classSizes(best);
  const kept = best.filter((r) => sizes.get(classKey(r))! >= k);
  const keptSizes = [...classSizes(kept).values()];
  return {
    rows: kept,
    report: {
      k,
      level: chosen,
      generalized: LEVELS[chosen]!.names,
      rowsIn: rows.length,
      rowsOut: kept.length,
      suppressedRows: rows.length - kept.length,
      smallestClass: keptSizes.length ? Math.min(...keptSizes) : 0,
    },
  };
}
