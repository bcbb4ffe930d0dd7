import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { Created, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import type { ReferralAction } from "./referrals.rules.ts";
import {
  ConsentCheck,
  ConsentCheckQuery,
  DeclineBody,
  ListReferralsQuery,
  ReferralParams,
  ReferralView,
  SendReferralBody,
} from "./referrals.schema.ts";
import { checkConsent, getReferral, listReferrals, sendReferral } from "./referrals.service.ts";
import { transitionReferral } from "./referrals.transitions.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody };

/** Referrals between organizations. Thin: validate, authenticate, call the service. */
export async function referralsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/referrals",
    {
      schema: {
        tags: ["referrals"],
        summary: "Refer a victim or a case to another organization",
        body: SendReferralBody,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await sendReferral(app.store, callerOf(request), request.body)),
  );
  r.get(
    "/api/v1/referrals",
    {
      schema: {
        tags: ["referrals"],
        summary: "Your organization's outgoing or incoming referrals",
        querystring: ListReferralsQuery,
        response: { 200: z.object({ referrals: z.array(ReferralView) }), ...errors },
      },
    },
    async (request) => ({ referrals: await listReferrals(app.store, callerOf(request), request.query) }),
  );
  r.get(
    "/api/v1/referrals/consent-check",
    {
      schema: {
        tags: ["referrals"],
        summary: "Before sending: whether the victims' consent covers this recipient and purpose",
        querystring: ConsentCheckQuery,
        response: { 200: ConsentCheck, ...errors },
      },
    },
    async (request) => checkConsent(app.store, callerOf(request), request.query),
  );
  r.get(
    "/api/v1/referrals/:id",
    {
      schema: {
        tags: ["referrals"],
        summary: "One referral, as your side of it may see it",
        params: ReferralParams,
        response: { 200: ReferralView, ...errors },
      },
    },
    async (request, reply) => {
      const view = await getReferral(app.store, callerOf(request), request.params.id);
      sendVersion(reply, view.version);
      return view;
    },
  );
  const transition = (action: ReferralAction, summary: string, body?: typeof DeclineBody) =>
    r.post(
      `/api/v1/referrals/:id/${action}`,
      {
        schema: {
          tags: ["referrals"],
          summary,
          params: ReferralParams,
          ...(body ? { body } : {}),
          headers: z.object({ "if-match": z.string().optional() }),
          response: { 200: ReferralView, ...writeErrors },
        },
      },
      async (request, reply) => {
        const reason = (request.body as { reason?: z.infer<typeof DeclineBody>["reason"] } | undefined)
          ?.reason;
        const view = await transitionReferral(
          app.store,
          callerOf(request),
          request.params.id,
          action,
          expectedVersion(request),
          reason,
        );
        sendVersion(reply, view.version);
        return view;
      },
    );
  transition("accept", "Accept a referral (If-Match)");
  transition("decline", "Decline a referral with a reason (If-Match)", DeclineBody);
  transition("complete", "Mark an accepted referral completed (If-Match)");
  transition("revoke", "Revoke a referral you sent; removes its share (If-Match)");
}
