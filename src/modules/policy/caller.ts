import type { FastifyRequest } from "fastify";
import { requireAuth } from "../auth/auth.context.ts";
import type { Caller } from "./access.ts";

/** The signed-in caller of a request (401 when anonymous), with what the audit record needs. */
export function callerOf(request: FastifyRequest): Caller {
  return {
    auth: requireAuth(request),
    meta: {
      clientAddress: request.ip,
      requestId: request.id,
      onDenialAudited: () => {
        request.denialAudited = true;
      },
    },
  };
}
