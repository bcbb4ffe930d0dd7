import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { CaseParams, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { addFollowUp, updateFollowUp } from "./plans.followups.service.ts";
import {
  CreateFollowUpBody,
  CreateServiceBody,
  FollowUpView,
  PlanItemParams,
  PlanView,
  ServiceView,
  UpdateFollowUpBody,
  UpdateServiceBody,
} from "./plans.schema.ts";
import { addService, casePlan, updateService } from "./plans.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const versioned = { 412: ErrorBody, 428: ErrorBody };
const tags = ["plans"];

/** The case plan (Primero): services and follow-ups. Thin: the services apply the case policy. */
export async function plansRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/cases/:id/plan",
    {
      schema: {
        tags,
        summary: "A case's plan: its services and follow-ups (open first, soonest due first)",
        params: CaseParams,
        response: { 200: PlanView, ...errors },
      },
    },
    async (request) => casePlan(app.store, callerOf(request), request.params.id),
  );
  r.post(
    "/api/v1/cases/:id/plan/services",
    {
      schema: {
        tags,
        summary: "Add a service to a case's plan (type, provider, status, dates)",
        params: CaseParams,
        body: CreateServiceBody,
        response: { 201: ServiceView, ...errors },
      },
    },
    async (request, reply) => {
      const service = await addService(app.store, callerOf(request), request.params.id, request.body);
      sendVersion(reply, service.version);
      return reply.code(201).send(service);
    },
  );
  r.patch(
    "/api/v1/plan/services/:id",
    {
      schema: {
        tags,
        summary: "Change a planned service (send If-Match)",
        params: PlanItemParams,
        body: UpdateServiceBody,
        response: { 200: ServiceView, ...versioned, ...errors },
      },
    },
    async (request, reply) => {
      const service = await updateService(
        app.store,
        callerOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      sendVersion(reply, service.version);
      return service;
    },
  );
  r.post(
    "/api/v1/cases/:id/plan/followups",
    {
      schema: {
        tags,
        summary: "Add a follow-up to a case's plan (kind, due date, service, assignee)",
        params: CaseParams,
        body: CreateFollowUpBody,
        response: { 201: FollowUpView, ...errors },
      },
    },
    async (request, reply) => {
      const followUp = await addFollowUp(app.store, callerOf(request), request.params.id, request.body);
      sendVersion(reply, followUp.version);
      return reply.code(201).send(followUp);
    },
  );
  r.patch(
    "/api/v1/plan/followups/:id",
    {
      schema: {
        tags,
        summary: "Change a follow-up or mark it done (send If-Match)",
        params: PlanItemParams,
        body: UpdateFollowUpBody,
        response: { 200: FollowUpView, ...versioned, ...errors },
      },
    },
    async (request, reply) => {
      const followUp = await updateFollowUp(
        app.store,
        callerOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      sendVersion(reply, followUp.version);
      return followUp;
    },
  );
}
