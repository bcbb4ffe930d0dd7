import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Created, ErrorBody } from "../cases/cases.schema.ts";
import { PersonParams } from "../persons/persons.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { ConsentParams, ConsentView, RecordConsentBody } from "./consents.schema.ts";
import { listConsents, recordConsent, revokeConsent } from "./consents.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** A victim's consents (VAWA): record, list, revoke. */
export async function consentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/persons/:id/consents",
    {
      schema: {
        tags: ["consents"],
        summary: "Record a victim's consent to share with an organization",
        params: PersonParams,
        body: RecordConsentBody,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await recordConsent(app.store, callerOf(request), request.params.id, request.body)),
  );
  r.get(
    "/api/v1/persons/:id/consents",
    {
      schema: {
        tags: ["consents"],
        summary: "A person's consents",
        params: PersonParams,
        response: { 200: z.object({ consents: z.array(ConsentView) }), ...errors },
      },
    },
    async (request) => ({ consents: await listConsents(app.store, callerOf(request), request.params.id) }),
  );
  r.post(
    "/api/v1/consents/:id/revoke",
    {
      schema: {
        tags: ["consents"],
        summary: "Revoke a consent (takes effect at once)",
        params: ConsentParams,
        response: { 200: ConsentView, ...errors },
      },
    },
    async (request) => revokeConsent(app.store, callerOf(request), request.params.id),
  );
}
