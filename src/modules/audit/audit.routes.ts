import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses } from "../../server/error-schema.ts";
import { requireRole } from "../auth/authorize.ts";
import { AUDIT_READER_ROLES } from "../policy/policy.rules.ts";
import { readAuditLog } from "./audit.read.ts";
import type { AuditRow } from "./audit.repository.ts";
import { auditFrom } from "./audit.request.ts";
import { AuditPage, AuditQuery } from "./audit.schema.ts";

const presentEvent = (e: AuditRow) => ({
  seq: e.seq,
  occurredAt: e.occurred_at.toISOString(),
  orgId: e.org_id,
  actorUserId: e.actor_user_id,
  action: e.action,
  outcome: e.outcome,
  targetType: e.target_type,
  targetIds: e.target_ids,
  clientAddress: e.client_address,
  requestId: e.request_id,
  details: e.details,
  rowHash: e.row_hash,
});

/** The audit log for auditors: their own organization's records, filtered and paged (the read is audited). */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "Search the audit log (admins and auditors; own organization)",
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const auth = requireRole(request, [...AUDIT_READER_ROLES]);
      const page = await readAuditLog(app.store.db, auth, request.query, auditFrom(request));
      return { events: page.events.map(presentEvent), nextBefore: page.nextBefore };
    },
  );
}
