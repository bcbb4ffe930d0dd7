import type { Kysely } from "kysely";
import { forbidden, notFound } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { AuditEventInput } from "../audit/audit.types.ts";
import type { AuthContext } from "../auth/auth.context.ts";

/** Request facts for the audit record: never personal data. */
export interface RequestMeta {
  clientAddress?: string;
  requestId?: string;
  /** Called once a denial has been audited here, so the HTTP layer does not audit it a second time. */
  onDenialAudited?: () => void;
}

/** A signed-in caller of a records service. */
export interface Caller {
  auth: AuthContext;
  meta: RequestMeta;
}

/** Writes one audit record for the caller, inside `db` (pass the action's transaction). */
export function audit(
  db: Kysely<Database>,
  caller: Caller,
  event: Pick<AuditEventInput, "action" | "outcome" | "targetType" | "targetIds" | "details">,
): Promise<void> {
  return recordAudit(db, {
    ...event,
    actorUserId: caller.auth.userId,
    actorOrgId: caller.auth.orgId,
    ...(caller.meta.clientAddress ? { clientAddress: caller.meta.clientAddress } : {}),
    ...(caller.meta.requestId ? { requestId: caller.meta.requestId } : {}),
  });
}

/**
 * Why a record was not served. `hidden` covers both "does not exist" and "outside your scope": the
 * two are deliberately indistinguishable (same 404, same single query, same audit write).
 */
export type Denial = { denied: "hidden" | "forbidden" };
export const HIDDEN: Denial = { denied: "hidden" };
export const FORBIDDEN: Denial = { denied: "forbidden" };
export const isDenial = (value: unknown): value is Denial =>
  typeof value === "object" && value !== null && "denied" in value;

/**
 * Runs a records action in one transaction. When `work` returns a Denial, the denial is audited in
 * that same transaction, which commits, and then the caller gets the 404 or 403. Any thrown error
 * (bad input) rolls everything back: nothing written.
 */
export async function guarded<T>(
  db: Kysely<Database>,
  caller: Caller,
  what: { action: string; targetType: string; targetIds: string[] },
  work: (trx: Kysely<Database>) => Promise<T | Denial>,
): Promise<T> {
  const result = await db.transaction().execute(async (trx) => {
    const outcome = await work(trx);
    if (isDenial(outcome)) {
      await audit(trx, caller, {
        ...what,
        outcome: "denied",
        details: { reason: outcome.denied === "hidden" ? "not_found_or_out_of_scope" : "not_permitted" },
      });
    }
    return outcome;
  });
  if (isDenial(result)) {
    caller.meta.onDenialAudited?.();
    throw result.denied === "hidden" ? notFound() : forbidden();
  }
  return result;
}
