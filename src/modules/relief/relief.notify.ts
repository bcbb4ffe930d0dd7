import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Role } from "../auth/auth.context.ts";

/** Contract 4's notification input (codes and ids only). */
export interface NotifyInput {
  orgId: string;
  recipientUserIds?: string[];
  recipientRoles?: Role[];
  kind: string;
  refType: string;
  refId: string;
  caseId?: string;
  dueAt?: string;
}

/**
 * MERGE: Contract 4 — replace with `notify` from src/modules/notifications (referrals' module). Until
 * then the reminder run computes and counts what it would send, and sends nothing.
 */
export async function notify(_trx: Kysely<Database>, _input: NotifyInput): Promise<void> {}
