import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { type AuditRow, findRows } from "./audit.repository.ts";
import type { AuditQueryReq } from "./audit.schema.ts";
import { recordAudit } from "./audit.service.ts";
import type { AuditEventInput } from "./audit.types.ts";

/**
 * One page of the audit reader's organization's records (the policy's audit scope, in SQL), newest first, and the `before` cursor of the
 * next page. The read itself is recorded (CJIS AU-2: audit-log access) in the same transaction.
 */
export async function readAuditLog(
  db: Kysely<Database>,
  auth: AuthContext,
  q: AuditQueryReq,
  meta: Pick<AuditEventInput, "clientAddress" | "requestId">,
): Promise<{ events: AuditRow[]; nextBefore: number | null }> {
  return db.transaction().execute(async (trx) => {
    const events = await findRows(trx, auth, {
      limit: q.limit,
      ...(q.actor ? { actorUserId: q.actor } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.outcome ? { outcome: q.outcome } : {}),
      ...(q.target ? { targetId: q.target } : {}),
      ...(q.from ? { from: new Date(q.from) } : {}),
      ...(q.to ? { to: new Date(q.to) } : {}),
      ...(q.before ? { beforeSeq: q.before } : {}),
    });
    const filters = Object.keys(q).filter((k) => k !== "limit" && k !== "before");
    await recordAudit(trx, {
      ...meta,
      actorUserId: auth.userId,
      actorOrgId: auth.orgId,
      action: "audit.read",
      outcome: "success",
      details: { results: events.length, filters: filters.join(",") },
    });
    const last = events.at(-1);
    return { events, nextBefore: events.length === q.limit && last ? last.seq : null };
  });
}
