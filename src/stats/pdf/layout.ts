import type { PublishedCell } from "../disclosure/suppression.ts";
import type { ReportTable } from "../reports/reports.ts";

/** One printed row of a table: its label (a category code or "total") and its published cells. */
export interface LaidOutRow {
  label: string;
  cells: PublishedCell[];
}

/** A report table as it is printed: column headers (codes) and rows, totals last. */
export interface LaidOutTable {
  headers: string[];
  rows: LaidOutRow[];
}

/**
 * How a table is printed. A two-way table keeps its grid (totals as the last column and row); a one-way
 * or multi-response table (one row of many categories) is turned on its side, one category per line,
 * so that a page (or a phone) need not be wide enough for fifty-seven states.
 */
export function layoutTable(t: ReportTable): LaidOutTable {
  if (t.kind === "two_way") {
    const rows = t.rows.map((label, i) => ({
      label,
      cells: [...(t.cells[i] ?? []), ...(t.rowTotals?.[i] ? [t.rowTotals[i]] : [])],
    }));
    if (t.colTotals) rows.push({ label: "total", cells: [...t.colTotals, ...(t.total ? [t.total] : [])] });
    return { headers: [...t.cols, ...(t.rowTotals ? ["total"] : [])], rows };
  }
  const rows = t.cols.map((label, j) => ({ label, cells: [t.cells[0]?.[j] ?? { value: null }] }));
  if (t.rowTotals?.[0]) rows.push({ label: "total", cells: [t.rowTotals[0]] });
  return { headers: [t.unit], rows };
}

/** The series a chart draws: one per column of a two-way table, else one; suppressed values are gaps. */
export function chartSeries(t: ReportTable): {
  categories: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
} {
  if (t.kind === "two_way")
    return {
      categories: t.rows,
      series: t.cols.map((name, j) => ({
        name,
        values: t.rows.map((_, i) => t.cells[i]?.[j]?.value ?? null),
      })),
    };
  return {
    categories: t.cols,
    series: [{ name: t.unit, values: t.cols.map((_, j) => t.cells[0]?.[j]?.value ?? null) }],
  };
}
