/** Task rules with no I/O, so they are tested alone. */

import type { TaskStatus } from "./tasks.tables.ts";

/** A task is overdue when it is still open and its due time has passed. */
export function isOverdue(status: TaskStatus, dueAt: Date | null, now: Date): boolean {
  return status === "open" && dueAt !== null && dueAt.getTime() < now.getTime();
}

/**
 * A due date without a time means the end of that day (UTC): a task due "2026-12-05" is not overdue
 * until that day is over. A full timestamp is taken as given.
 */
export function dueInstant(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

/** What a status change does to the completion stamp: set on done, cleared when reopened. */
export function completionOf(
  from: TaskStatus,
  to: TaskStatus,
  current: { completed_at: Date | null; completed_by: string | null },
  who: string,
  now: Date,
): { completed_at: Date | null; completed_by: string | null } {
  if (to === from) return current;
  return to === "done"
    ? { completed_at: now, completed_by: who }
    : { completed_at: null, completed_by: null };
}
