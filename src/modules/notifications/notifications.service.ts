import type { Kysely } from "kysely";
import { badRequest } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import type { Role, SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { audit, type Caller } from "../policy/access.ts";
import { usersOf } from "../users/users.service.ts";
import { mailEnabled } from "./notifications.mail.ts";
import { notificationsRepository } from "./notifications.repository.ts";

const SYSTEM: SystemContext = { kind: "system", reason: "notifications: resolve recipients by role" };

/** What happened, for whom (Contract 4). Codes and ids only: no free text ever reaches a notification. */
export interface NotifyInput {
  orgId: string;
  recipientUserIds?: string[];
  recipientRoles?: Role[];
  kind: string;
  refType: string;
  refId: string;
  caseId?: string;
  dueAt?: Date;
}

/**
 * Stores an in-app notification for each recipient (the users named, plus the organization's enabled
 * users holding any of the roles), inside the caller's transaction so it commits with the action.
 * When mail is configured, each also gets an outbox row, drained by the mail worker. Returns the
 * user ids notified.
 */
export async function notify(trx: Kysely<Database>, input: NotifyInput): Promise<string[]> {
  const ids = new Set(input.recipientUserIds ?? []);
  if (input.recipientRoles?.length) {
    for (const u of await usersOf(trx, SYSTEM, input.orgId)) {
      if (!u.disabled_at && u.roles.some((r) => input.recipientRoles!.includes(r))) ids.add(u.id);
    }
  }
  const at = clock.now();
  const email = mailEnabled();
  for (const userId of ids) {
    await notificationsRepository.insert(trx, {
      orgId: input.orgId,
      userId,
      kind: input.kind,
      refType: input.refType,
      refId: input.refId,
      caseId: input.caseId ?? null,
      dueAt: input.dueAt ?? null,
      at,
      email,
    });
  }
  return [...ids];
}

const present = (r: Awaited<ReturnType<typeof notificationsRepository.listForUser>>[number]) => ({
  id: r.id,
  kind: r.kind,
  refType: r.ref_type,
  refId: r.ref_id,
  caseId: r.case_id,
  dueAt: r.due_at ? r.due_at.toISOString() : null,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
});

/** The caller's own notifications, newest first, and how many are unread. */
export async function listNotifications(store: Store, caller: Caller, q: { unread: boolean; limit: number }) {
  const me = { orgId: caller.auth.orgId, userId: caller.auth.userId };
  const rows = await notificationsRepository.listForUser(store.db, me, q);
  return {
    notifications: rows.map(present),
    unreadCount: await notificationsRepository.unreadCount(store.db, me),
  };
}

export function unreadCount(store: Store, caller: Caller) {
  return notificationsRepository.unreadCount(store.db, {
    orgId: caller.auth.orgId,
    userId: caller.auth.userId,
  });
}

/** Marks some (or all) of the caller's notifications read; audited. Others' notifications never match. */
export async function markRead(store: Store, caller: Caller, input: { ids?: string[]; all?: boolean }) {
  if (!input.all && !input.ids?.length) throw badRequest("body: give ids or all: true");
  const me = { orgId: caller.auth.orgId, userId: caller.auth.userId };
  return store.db.transaction().execute(async (trx) => {
    const updated = await notificationsRepository.markRead(
      trx,
      me,
      input.all ? "all" : input.ids!,
      clock.now(),
    );
    await audit(trx, caller, {
      action: "notification.mark_read",
      outcome: "success",
      targetType: "notification",
      targetIds: input.all ? [] : input.ids!,
      details: { updated },
    });
    return { updated, unreadCount: await notificationsRepository.unreadCount(trx, me) };
  });
}
