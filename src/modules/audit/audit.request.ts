import type { FastifyRequest } from "fastify";
import type { AuditEventInput } from "./audit.types.ts";

/**
 * The request-level facts of an audit record: the signed-in actor (if any), the client address and
 * the request id. Spread it into an event: `recordAudit(trx, { ...auditFrom(request), action, … })`.
 */
export function auditFrom(
  request: FastifyRequest,
): Pick<AuditEventInput, "actorUserId" | "actorOrgId" | "clientAddress" | "requestId"> {
  return {
    ...(request.auth ? { actorUserId: request.auth.userId, actorOrgId: request.auth.orgId } : {}),
    clientAddress: request.ip,
    requestId: request.id,
  };
}
