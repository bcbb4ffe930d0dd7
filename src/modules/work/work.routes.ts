import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CaseParams, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { MyWorkView, RouteCaseBody, RouteRunView } from "./work.schema.ts";
import { myWork, routeCase } from "./work.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The home page's data and routing on a case. */
export async function workRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/cases/:id/route",
    {
      schema: {
        tags: ["work"],
        summary: "Run the routing engine on the case; each deadline becomes a task (once)",
        params: CaseParams,
        body: RouteCaseBody,
        response: { 200: RouteRunView, ...errors },
      },
    },
    async (request) => routeCase(app.store, callerOf(request), request.params.id, request.body.facts),
  );
  r.get(
    "/api/v1/me/work",
    {
      schema: {
        tags: ["work"],
        summary: "Your work: queue, tasks, deadlines, referrals, clocks",
        response: { 200: MyWorkView, ...errors },
      },
    },
    async (request) => myWork(app.store, callerOf(request)),
  );
}
