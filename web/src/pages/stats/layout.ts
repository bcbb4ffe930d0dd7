import type { PublishedCell, ReportTableView } from "./api.ts";

/*
 * How a report table is shown (the server's PDF lays it out the same way): a two-way table keeps its
 * grid with totals last; a one-way or multi-response table (one row of many categories) is turned on
 * its side, one category per line, so a phone need not be wide enough for fifty-seven states.
 */

export interface LaidOutTable {
  headers: string[];
  rows: Array<{ label: string; cells: PublishedCell[] }>;
}

export function layoutTable(t: ReportTableView): LaidOutTable {
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

/** The bars: one series per column of a two-way table, else one; a suppressed value is a gap. */
export function chartSeries(t: ReportTableView) {
  if (t.kind === "two_way")
    return {
      categories: t.rows,
      series: t.cols.map((name, j) => ({
        name,
        cells: t.rows.map((_, i) => t.cells[i]?.[j] ?? { value: null }),
      })),
    };
  return {
    categories: t.cols,
    series: [{ name: t.unit, cells: t.cols.map((_, j) => t.cells[0]?.[j] ?? { value: null }) }],
  };
}

/** A category code made readable ("sex_and_labor" → "sex and labor"); the codes are the CSV's too. */
export const readable = (code: string) => code.replaceAll("_", " ");
