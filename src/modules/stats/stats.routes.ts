import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { ErrorBody } from "../cases/cases.schema.ts";
import { negotiateLang } from "../directory/directory.lang.ts";
import { callerOf } from "../policy/caller.ts";
import { reportFile, reportFormat } from "./stats.formats.ts";
import { MseBody, MseQuery, MseView, ReportParams, ReportRequestQuery, ReportView } from "./stats.schema.ts";
import { statsMse, statsReport } from "./stats.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Statistics: protected HTRS-style reports and multiple systems estimation. Thin. */
export async function statsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/stats/mse",
    {
      schema: {
        tags: ["stats"],
        summary:
          "Estimate the total number of victims from the overlaps of lists (multiple systems estimation)",
        description:
          "From a capture table in the body (`lists` and `histories`: one 0/1 flag per list and a count), or " +
          'with `source: "records"` from the victim records you may see, linked into people, each list an ' +
          "organization or organization type (small history counts withheld). Warnings are the method's " +
          "failure modes, in `lang` (or the Accept-Language).",
        querystring: MseQuery,
        body: MseBody,
        response: { 200: MseView, ...errors },
      },
    },
    async (request) =>
      // The presenter's arrays are readonly; the schema checks the shape when it serializes.
      (await statsMse(
        app.store,
        callerOf(request),
        request.body,
        negotiateLang(request.query.lang, request.headers["accept-language"]),
      )) as z.infer<typeof MseView>,
  );
  r.get(
    "/api/v1/stats/:report",
    {
      schema: {
        tags: ["stats"],
        summary: "An HTRS-style report over the cases you may see, with small counts suppressed",
        description:
          "JSON by default. `format=csv` (or `Accept: text/csv`) answers a formula-safe CSV, one line per " +
          "published cell; `format=pdf` (or `Accept: application/pdf`) a tagged PDF/UA document with its " +
          "charts and tables, in `lang` (or the Accept-Language). Both are attachments. Suppressed cells " +
          "are never numbers in any format.",
        params: ReportParams,
        querystring: ReportRequestQuery,
        response: { 200: ReportView, ...errors },
      },
    },
    async (request, reply) => {
      const { format, lang, ...query } = request.query;
      const chosen = reportFormat(format, request.headers.accept);
      const report = await statsReport(app.store, callerOf(request), request.params.report, query, chosen);
      if (chosen === "json") return report;
      const file = await reportFile(report, chosen, negotiateLang(lang, request.headers["accept-language"]));
      return (
        reply
          .header("content-type", file.contentType)
          .header("content-disposition", `attachment; filename="${file.fileName}"`)
          .header("vary", "accept, accept-language")
          // A string or Buffer is sent as it is (the response schema serializes objects only).
          .send(file.body as unknown as z.infer<typeof ReportView>)
      );
    },
  );
}
