import type { FastifyRequest } from "fastify";
import { forbidden, unauthorized } from "../../server/errors.ts";
import type { AuditEventInput } from "../audit/audit.types.ts";
import type { AuthContext, Role, SystemContext } from "./auth.context.ts";

/** Who performs an administrative action: a signed-in user, or the system (the CLI). */
export type Actor = AuthContext | SystemContext;

/** Request facts for audit records written by services (client address, request id). */
export type AuditMeta = Pick<AuditEventInput, "clientAddress" | "requestId">;

/** The audit actor fields of an actor; the system appears as `system:<reason>` (e.g. `system:cli`). */
export function actorFields(actor: Actor): Pick<AuditEventInput, "actorUserId" | "actorOrgId"> {
  return actor.kind === "user"
    ? { actorUserId: actor.userId, actorOrgId: actor.orgId }
    : { actorUserId: `system:${actor.reason}` };
}

/**
 * The caller, who must be signed in and hold one of `roles`: else 401 or 403. The refusal is
 * audited as a denial by the authentication hook's error hook (CJIS AU-2, ASVS 16.3.2).
 */
export function requireRole(request: FastifyRequest, roles: Role[]): AuthContext {
  const auth = request.auth;
  if (!auth) throw unauthorized();
  if (!roles.some((r) => auth.roles.includes(r))) throw forbidden();
  return auth;
}
