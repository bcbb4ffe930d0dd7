import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { PersonView } from "../persons/persons.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { closeCase, reopenCase, updateCase } from "./cases.edit.service.ts";
import { presentActivity } from "./cases.presenter.ts";
import {
  CaseParams,
  CaseView,
  CloseCaseBody,
  CreateCaseBody,
  Created,
  ErrorBody,
  ListCasesQuery,
  ShareCaseBody,
  ShareView,
  TimelineEntry,
  TimelineQuery,
  UpdateCaseBody,
} from "./cases.schema.ts";
import { caseTimeline, createCase, getCase, listCases, listShares, shareCase } from "./cases.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody };

/** Cases and their sharing. Thin: validate, authenticate, call the service (policy lives in SQL). */
export async function casesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/cases",
    {
      schema: {
        tags: ["cases"],
        summary: "Open a case in your organization",
        body: CreateCaseBody,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCase(app.store, callerOf(request), request.body)),
  );
  r.get(
    "/api/v1/cases",
    {
      schema: {
        tags: ["cases"],
        summary: "Cases you may see",
        querystring: ListCasesQuery,
        response: { 200: z.object({ cases: z.array(CaseView) }), ...errors },
      },
    },
    async (request) => ({ cases: await listCases(app.store, callerOf(request), request.query) }),
  );
  r.get(
    "/api/v1/cases/:id",
    {
      schema: {
        tags: ["cases"],
        summary: "A case and its persons, as you may see them",
        params: CaseParams,
        response: { 200: CaseView.extend({ persons: z.array(PersonView) }), ...errors },
      },
    },
    async (request, reply) => {
      const kase = await getCase(app.store, callerOf(request), request.params.id);
      sendVersion(reply, kase.version);
      return kase;
    },
  );
  r.patch(
    "/api/v1/cases/:id",
    {
      schema: {
        tags: ["cases"],
        summary: "Edit a case (send If-Match with the version you read)",
        params: CaseParams,
        body: UpdateCaseBody,
        response: { 200: CaseView, ...writeErrors },
      },
    },
    async (request, reply) => {
      const v = expectedVersion(request);
      const kase = await updateCase(app.store, callerOf(request), request.params.id, v, request.body);
      sendVersion(reply, kase.version);
      return kase;
    },
  );
  r.post(
    "/api/v1/cases/:id/close",
    {
      schema: {
        tags: ["cases"],
        summary: "Close a case with a reason (If-Match)",
        params: CaseParams,
        body: CloseCaseBody,
        response: { 200: CaseView, ...writeErrors },
      },
    },
    async (request, reply) => {
      const v = expectedVersion(request);
      const kase = await closeCase(app.store, callerOf(request), request.params.id, v, request.body.reason);
      sendVersion(reply, kase.version);
      return kase;
    },
  );
  r.post(
    "/api/v1/cases/:id/reopen",
    {
      schema: {
        tags: ["cases"],
        summary: "Reopen a closed case (If-Match)",
        params: CaseParams,
        response: { 200: CaseView, ...writeErrors },
      },
    },
    async (request, reply) => {
      const v = expectedVersion(request);
      const kase = await reopenCase(app.store, callerOf(request), request.params.id, v);
      sendVersion(reply, kase.version);
      return kase;
    },
  );
  r.post(
    "/api/v1/cases/:id/shares",
    {
      schema: {
        tags: ["cases"],
        summary: "Share a case with another organization",
        params: CaseParams,
        body: ShareCaseBody,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await shareCase(app.store, callerOf(request), request.params.id, request.body)),
  );
  r.get(
    "/api/v1/cases/:id/timeline",
    {
      schema: {
        tags: ["cases"],
        summary: "Everything that happened on a case, newest first",
        params: CaseParams,
        querystring: TimelineQuery,
        response: { 200: z.object({ entries: z.array(TimelineEntry) }), ...errors },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      const rows = await caseTimeline(app.store, callerOf(request), request.params.id, {
        limit,
        ...(before ? { before: new Date(before) } : {}),
      });
      return { entries: rows.map(presentActivity) };
    },
  );
  r.get(
    "/api/v1/cases/:id/shares",
    {
      schema: {
        tags: ["cases"],
        summary: "Organizations a case is shared with",
        params: CaseParams,
        response: { 200: z.object({ shares: z.array(ShareView) }), ...errors },
      },
    },
    async (request) => ({ shares: await listShares(app.store, callerOf(request), request.params.id) }),
  );
}
