import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { MseBody, ReportParams, ReportQuery, ReportView } from "./stats.schema.ts";
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
        body: MseBody,
        response: { 200: z.record(z.string(), z.unknown()), ...errors },
      },
    },
    async (request) => statsMse(app.store, callerOf(request), request.body),
  );
  r.get(
    "/api/v1/stats/:report",
    {
      schema: {
        tags: ["stats"],
        summary: "An HTRS-style report over the cases you may see, with small counts suppressed",
        params: ReportParams,
        querystring: ReportQuery,
        response: { 200: ReportView, ...errors },
      },
    },
    async (request) => statsReport(app.store, callerOf(request), request.params.report, request.query),
  );
}
