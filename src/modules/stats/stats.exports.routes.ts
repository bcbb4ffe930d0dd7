import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { exportCsv, exportFileName, reportHeader } from "./stats.formats.ts";
import { CtdcExportQuery, CtdcExportView, HtcdsExportQuery, HtcdsExportView } from "./stats.schema.ts";
import { statsExport } from "./stats.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** A CSV answered as a download (a string is sent as it is: the response schema serializes objects only). */
function csvAttachment(reply: FastifyReply, fileName: string, body: string) {
  return reply
    .header("content-type", "text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .send(body as never);
}

/** Row-level exports for analysts (STATS_EXPORT_ROLES): CTDC k-anonymous, HTCDS codes only. Thin. */
export async function statsExportsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/stats/exports/ctdc",
    {
      schema: {
        tags: ["stats"],
        summary: "The CTDC export: one row per victim you may see, k-anonymous (k ≥ 11)",
        description:
          "JSON by default: the columns, the rows and the k-anonymity report (what was generalized, how many " +
          "rows were suppressed, the smallest class). `format=csv` answers a formula-safe CSV attachment, the " +
          "same as `harbor export ctdc`, with that report as JSON in the `X-Harbor-K-Anonymity` header. " +
          "Analysts only; audited.",
        querystring: CtdcExportQuery,
        response: { 200: CtdcExportView, ...errors },
      },
    },
    async (request, reply) => {
      const { format = "json", ...filters } = request.query;
      const out = await statsExport(app.store, callerOf(request), "ctdc", filters, format);
      const ctdc = out.ctdc!;
      if (format === "json") return { ...ctdc, columns: [...ctdc.columns] };
      reply.header("x-harbor-k-anonymity", reportHeader(ctdc.report));
      return csvAttachment(reply, exportFileName("ctdc", filters, "csv"), exportCsv({ kind: "ctdc", ctdc }));
    },
  );
  r.get(
    "/api/v1/stats/exports/htcds",
    {
      schema: {
        tags: ["stats"],
        summary: "The HTCDS export of the cases you may see: codes only, every charge with its NIBRS code",
        description:
          "JSON by default, one array per HTCDS table (case, person, victim, perpetrator, historic_event, and " +
          "Harbor's charges). `format=csv` answers a formula-safe CSV attachment: every table after a " +
          "`# name` line, as `harbor export htcds` writes it, or only `table`. Analysts only; audited.",
        querystring: HtcdsExportQuery,
        response: { 200: HtcdsExportView, ...errors },
      },
    },
    async (request, reply) => {
      const { format = "json", table, ...filters } = request.query;
      const out = await statsExport(app.store, callerOf(request), "htcds", filters, format);
      const htcds = out.htcds!;
      if (format === "json") return htcds;
      const name = exportFileName("htcds", filters, "csv", table);
      return csvAttachment(reply, name, exportCsv({ kind: "htcds", htcds }, table));
    },
  );
}
