import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Role } from "../auth/auth.context.ts";
import { notify as notifyUsers } from "../notifications/notifications.service.ts";

/** A relief reminder for the notifications module (codes and ids only; `dueAt` a date or time). */
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

/** Sends a relief reminder in the app (and by e-mail when mail is configured). */
export async function notify(trx: Kysely<Database>, input: NotifyInput): Promise<void> {
  const { dueAt, ...rest } = input;
  await notifyUsers(trx, { ...rest, ...(dueAt ? { dueAt: new Date(dueAt) } : {}) });
}
