import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { callerOf } from "../policy/caller.ts";
import { CaseParams, ErrorBody } from "./cases.schema.ts";
import {
  AddAgencyBody,
  AddTeamMemberBody,
  CaseAgencyParams,
  CaseAgencyView,
  TeamMemberParams,
  TeamMemberView,
  TeamView,
} from "./cases.team.schema.ts";
import {
  addCaseAgency,
  addTeamMember,
  caseTeam,
  removeCaseAgency,
  removeTeamMember,
} from "./cases.team.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["cases"];

/**
 * A case's team (the lead is set with PATCH /cases/:id `leadUserId`) and the agencies involved.
 * Changing them is the case `update` action: the owning organization's caseworkers.
 */
export async function caseTeamRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/cases/:id/team",
    {
      schema: {
        tags,
        summary: "A case's lead, team members and agencies involved",
        params: CaseParams,
        response: { 200: TeamView, ...errors },
      },
    },
    async (request) => caseTeam(app.store, callerOf(request), request.params.id),
  );
  r.post(
    "/api/v1/cases/:id/team",
    {
      schema: {
        tags,
        summary: "Add a user of the owning organization to the case team",
        params: CaseParams,
        body: AddTeamMemberBody,
        response: { 201: TeamMemberView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addTeamMember(app.store, callerOf(request), request.params.id, request.body.userId)),
  );
  r.delete(
    "/api/v1/cases/:id/team/:userId",
    {
      schema: {
        tags,
        summary: "Take a user off the case team",
        params: TeamMemberParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeTeamMember(app.store, callerOf(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );
  r.post(
    "/api/v1/cases/:id/agencies",
    {
      schema: {
        tags,
        summary: "Name an agency involved in the case (from the directory or a partner organization)",
        params: CaseParams,
        body: AddAgencyBody,
        response: { 201: CaseAgencyView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addCaseAgency(app.store, callerOf(request), request.params.id, request.body)),
  );
  r.delete(
    "/api/v1/cases/:id/agencies/:agencyId",
    {
      schema: {
        tags,
        summary: "Remove an agency from the case",
        params: CaseAgencyParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeCaseAgency(app.store, callerOf(request), request.params.id, request.params.agencyId);
      return reply.code(204).send(null);
    },
  );
}
