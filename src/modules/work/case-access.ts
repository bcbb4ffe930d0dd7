import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { caseForAction } from "../cases/cases.service.ts";
import { type Caller, type Denial, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { can } from "../policy/policy.engine.ts";
import type { Relation } from "../policy/policy.rules.ts";

/** A case as the casework modules act on it. */
export interface WorkCase {
  id: string;
  org_id: string;
  relation: Relation | null;
  /** The case's stored routing facts, as caseForAction reads them. */
  facts?: unknown;
}

/**
 * Runs `fn` on a case in one guarded transaction, for notes, tasks, attachments, the plan and routing:
 * missing or out-of-scope cases answer 404 (audited), a case the caller may read but not work on 403.
 * `action` is the policy action needed ('read' for reads, 'work' for every write).
 */
export function onCase<T>(
  store: Store,
  caller: Caller,
  caseId: string,
  action: "read" | "work",
  auditAction: string,
  fn: (trx: Kysely<Database>, kase: WorkCase) => Promise<T | Denial>,
): Promise<T> {
  return guarded(
    store.db,
    caller,
    { action: auditAction, targetType: "case", targetIds: [caseId] },
    async (trx) => {
      const kase = await caseForAction(trx, caller.auth, caseId, "read");
      if (!kase) return HIDDEN;
      if (action !== "read" && !can(caller.auth, "case", action, kase.relation)) return FORBIDDEN;
      return fn(trx, kase);
    },
  );
}

/** For a record found through its case: may the caller do `action` given its relation to the case? */
export function mayOnCase(caller: Caller, relation: Relation | null, action: "read" | "work"): boolean {
  return can(caller.auth, "case", action, relation);
}
