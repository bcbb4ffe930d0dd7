import { api, type QueryOf, type ResponseOf, unwrap } from "../../apiClient.ts";

export type ReportView = ResponseOf<"/api/v1/stats/{report}", "get">;
export type ReportName = ReportView["report"];
export type ReportTableView = ReportView["tables"][number];
export type PublishedCell = ReportTableView["cells"][number][number];
export type ReportQuery = Pick<NonNullable<QueryOf<"/api/v1/stats/{report}", "get">>, "from" | "to">;

/** The reports the page offers, in the API's order (the enum of `ReportView["report"]`). */
export const REPORT_NAMES = [
  "incidents",
  "victims",
  "suspects",
  "hotline",
] as const satisfies readonly ReportName[];

/** Statistics API: a report as JSON for the page; the same report's CSV and PDF as download links. */
export const statsApi = {
  report: (report: ReportName, query: ReportQuery) =>
    unwrap(api.GET("/api/v1/stats/{report}", { params: { path: { report }, query } })),
  /** The CSV (formula-safe) or tagged PDF, as the server makes it, from the same filters. */
  downloadUrl: (report: ReportName, query: ReportQuery, format: "csv" | "pdf", lang: string) => {
    const params = new URLSearchParams({ ...query, format, ...(format === "pdf" ? { lang } : {}) });
    return `/api/v1/stats/${report}?${params}`;
  },
};
