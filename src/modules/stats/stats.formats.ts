import { toCsv } from "../../stats/exports/csv.ts";
import type { CtdcExport } from "../../stats/exports/ctdc.ts";
import { HTCDS_TABLES, type HtcdsExport, type HtcdsTableName } from "../../stats/exports/htcds.ts";
import type { PdfLang } from "../../stats/pdf/labels.ts";
import { reportPdf } from "../../stats/pdf/report-pdf.ts";
import { reportCsv } from "../../stats/reports/report-csv.ts";
import type { Report } from "../../stats/reports/reports.ts";
import type { REPORT_FORMATS } from "./stats.schema.ts";

export type ReportFormat = (typeof REPORT_FORMATS)[number];

const TYPES: Record<Exclude<ReportFormat, "json">, string> = {
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
};

/**
 * The format asked for: `format` when given, else the Accept header when it names CSV or PDF before
 * JSON (a browser's `*\/*` and API clients' `application/json` get JSON).
 */
export function reportFormat(format: ReportFormat | undefined, accept: string | undefined): ReportFormat {
  if (format) return format;
  const wanted = (accept ?? "")
    .split(",")
    .map((part) => part.trim().split(";")[0]?.toLowerCase())
    .find((type) => type === "application/pdf" || type === "text/csv" || type === "application/json");
  return wanted === "application/pdf" ? "pdf" : wanted === "text/csv" ? "csv" : "json";
}

/** A file name that says what is in it: harbor-stats-victims-2025-01-01-to-2025-12-31.pdf. */
export function reportFileName(report: Report, ext: string): string {
  const { from, to } = report.filters;
  const range = from || to ? `-${from ?? "start"}-to-${to ?? "today"}` : "";
  return `harbor-stats-${report.report}${range}.${ext}`;
}

/** A report as a downloadable file: the CSV is formula-safe (src/stats/exports/csv.ts), the PDF tagged. */
export async function reportFile(
  report: Report,
  format: Exclude<ReportFormat, "json">,
  lang: PdfLang,
): Promise<{ contentType: string; fileName: string; body: string | Buffer }> {
  const body = format === "pdf" ? await reportPdf(report, { lang }) : reportCsv(report);
  return { contentType: TYPES[format], fileName: reportFileName(report, format), body };
}

/** What `statsExport` answers, one kind or the other. */
type ExportOut = { kind: "ctdc"; ctdc: CtdcExport } | { kind: "htcds"; htcds: HtcdsExport };

/**
 * An export as formula-safe CSV, the same bytes from the CLI and the API: CTDC one table; HTCDS every table
 * after a `# name` line (or only `table`).
 */
export function exportCsv(out: ExportOut, table?: HtcdsTableName): string {
  if (out.kind === "ctdc") return toCsv(out.ctdc.columns, out.ctdc.rows);
  if (table) return toCsv(HTCDS_TABLES[table], out.htcds[table]);
  return (Object.keys(HTCDS_TABLES) as HtcdsTableName[])
    .map((name) => `# ${name}\r\n${toCsv(HTCDS_TABLES[name], out.htcds[name])}\r\n`)
    .join("");
}

/** harbor-export-ctdc-2025-01-01-to-today.csv, harbor-export-htcds-charges.csv. */
export function exportFileName(
  kind: "ctdc" | "htcds",
  filters: { from?: string; to?: string },
  ext: string,
  table?: string,
): string {
  const range = filters.from || filters.to ? `-${filters.from ?? "start"}-to-${filters.to ?? "today"}` : "";
  return `harbor-export-${kind}${table ? `-${table}` : ""}${range}.${ext}`;
}

/** The k-anonymity report as an ASCII header value (JSON with non-ASCII escaped), beside a CTDC CSV. */
export const reportHeader = (report: CtdcExport["report"]) =>
  JSON.stringify(report).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
