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
