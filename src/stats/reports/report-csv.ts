import { toCsv } from "../exports/csv.ts";
import type { Report } from "./reports.ts";

/**
 * A report as one CSV: one line per published entry (table, row, column, value, suppressed), so a
 * suppressed cell is an empty value with its reason, never a number.
 */
export function reportCsv(report: Report): string {
  const lines: Array<Record<string, unknown>> = [];
  for (const t of report.tables) {
    const push = (
      row: string,
      col: string,
      cell: { value: number | null; suppressed?: string } | undefined,
    ) => {
      if (cell)
        lines.push({
          table: t.id,
          unit: t.unit,
          row,
          column: col,
          value: cell.value,
          suppressed: cell.suppressed ?? "",
        });
    };
    t.rows.forEach((r, i) => {
      t.cols.forEach((c, j) => {
        push(r, c, t.cells[i]?.[j]);
      });
      push(r, "total", t.rowTotals?.[i]);
    });
    t.cols.forEach((c, j) => {
      push("total", c, t.colTotals?.[j]);
    });
    if (t.total) push("total", "total", t.total);
  }
  return toCsv(["table", "unit", "row", "column", "value", "suppressed"], lines);
}
