import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import {
  ApplicationInputSchema,
  ApplicationParams,
  ApplicationPatchSchema,
  ApplicationViewSchema,
  DeadlinesViewSchema,
  EligibilityViewSchema,
  PersonParams,
} from "./relief.schema.ts";
import {
  createApplication,
  eligibilityView,
  listApplications,
  organizationDeadlines,
  updateApplication,
} from "./relief.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Victim services and immigration relief: the eligibility view, applications and letters, deadlines. */
export async function reliefRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["relief"];
  r.get(
    "/api/v1/persons/:id/eligibility",
    {
      schema: {
        tags,
        summary: "Relief and services paths for a victim",
        params: PersonParams,
        response: { 200: EligibilityViewSchema, ...errors },
      },
    },
    async (request) => eligibilityView(app.store, callerOf(request), request.params.id),
  );
  r.get(
    "/api/v1/persons/:id/relief",
    {
      schema: {
        tags,
        summary: "A person's relief applications and letters",
        params: PersonParams,
        response: { 200: z.object({ applications: z.array(ApplicationViewSchema) }), ...errors },
      },
    },
    async (request) => ({
      applications: await listApplications(app.store, callerOf(request), request.params.id),
    }),
  );
  r.post(
    "/api/v1/persons/:id/relief",
    {
      schema: {
        tags,
        summary: "Record a relief application or letter",
        params: PersonParams,
        body: ApplicationInputSchema,
        response: { 201: ApplicationViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const view = await createApplication(app.store, callerOf(request), request.params.id, request.body);
      sendVersion(reply, view.version);
      return reply.code(201).send(view);
    },
  );
  r.patch(
    "/api/v1/relief/:id",
    {
      schema: {
        tags,
        summary: "Update a relief application (If-Match)",
        params: ApplicationParams,
        body: ApplicationPatchSchema,
        response: { 200: ApplicationViewSchema, ...errors, 412: ErrorBody, 428: ErrorBody },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      const view = await updateApplication(
        app.store,
        callerOf(request),
        request.params.id,
        version,
        request.body,
      );
      sendVersion(reply, view.version);
      return view;
    },
  );
  r.get(
    "/api/v1/relief/deadlines",
    {
      schema: {
        tags,
        summary: "The organization's relief deadlines, soonest first",
        response: { 200: DeadlinesViewSchema, ...errors },
      },
    },
    async (request) => ({ deadlines: await organizationDeadlines(app.store, callerOf(request)) }),
  );
}
