import { ApiError, api, type BodyOf, type QueryOf, type ResponseOf, unwrap } from "../../apiClient.ts";

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

export type CtdcExportView = ResponseOf<"/api/v1/stats/exports/ctdc", "get">;
export type KAnonymityReport = CtdcExportView["report"];
export type ExportKind = "ctdc" | "htcds";
export type ExportFormat = "json" | "csv";
export type MseRequest = BodyOf<"/api/v1/stats/mse", "post">;
export type MseView = ResponseOf<"/api/v1/stats/mse", "post">;
export type MseLang = "en" | "es";

/** The server's `{ error: { code, message } }`, read from a text answer. */
function refusal(status: number, text: unknown): ApiError {
  try {
    const { error } = JSON.parse(String(text)) as { error: { code: string; message: string } };
    return new ApiError(status, error.code, error.message);
  } catch {
    return new ApiError(status, "error", `HTTP ${status}`);
  }
}

/** A file the browser saves (the server answered it; nothing is rebuilt here). */
function save(body: string, type: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileName = (kind: ExportKind, query: ReportQuery, ext: ExportFormat) => {
  const range = query.from || query.to ? `-${query.from ?? "start"}-to-${query.to ?? "today"}` : "";
  return `harbor-export-${kind}${range}.${ext}`;
};

/**
 * Exports (analysts): saved as files; a CTDC export answers its k-anonymity report (from the JSON, or
 * from the CSV's X-Harbor-K-Anonymity header) so the page can say what was generalized or left out.
 */
export const exportsApi = {
  async download(
    kind: ExportKind,
    query: ReportQuery,
    format: ExportFormat,
  ): Promise<KAnonymityReport | undefined> {
    const path = kind === "ctdc" ? "/api/v1/stats/exports/ctdc" : "/api/v1/stats/exports/htcds";
    if (format === "json") {
      const body = await unwrap(api.GET(path, { params: { query: { ...query, format } } }));
      save(JSON.stringify(body, null, 2), "application/json", fileName(kind, query, "json"));
      return "report" in body ? (body as CtdcExportView).report : undefined;
    }
    const r = await api.GET(path, { params: { query: { ...query, format } }, parseAs: "text" });
    if (!r.response.ok) throw refusal(r.response.status, r.error);
    save(String(r.data ?? ""), "text/csv;charset=utf-8", fileName(kind, query, "csv"));
    const header = r.response.headers.get("x-harbor-k-anonymity");
    return header ? (JSON.parse(header) as KAnonymityReport) : undefined;
  },
};

/** Multiple systems estimation: from the organization's linked records, or from a capture table. */
export const mseApi = {
  estimate: (body: MseRequest, lang: MseLang) =>
    unwrap(api.POST("/api/v1/stats/mse", { body, params: { query: { lang } } })),
};
