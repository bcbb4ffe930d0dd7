/** Case plan rules with no I/O (dates of a service, what a status implies), so they are tested alone. */

import type { ServiceStatus } from "./plans.codes.ts";

/** A service's dates, as stored (YYYY-MM-DD or null). */
export interface ServiceDates {
  status: ServiceStatus;
  planned_on: string | null;
  referred_on: string | null;
  started_on: string | null;
  completed_on: string | null;
}

/** The API's name of each date column, for messages that name the field. */
const FIELD: Record<keyof Omit<ServiceDates, "status">, string> = {
  planned_on: "plannedOn",
  referred_on: "referredOn",
  started_on: "startedOn",
  completed_on: "completedOn",
};

/**
 * What a status implies when the caller did not give the date: a service referred, started or
 * completed today. Only fills dates that are empty, never changes one the caller set.
 */
export function impliedDates(dates: ServiceDates, today: string): ServiceDates {
  const out = { ...dates };
  if (out.status === "referred" && !out.referred_on) out.referred_on = today;
  if (out.status === "in_progress" && !out.started_on) out.started_on = today;
  if (out.status === "completed" && !out.completed_on) out.completed_on = today;
  return out;
}

/**
 * The first thing wrong with a service's dates as a 400 message naming the field, or null:
 * referral, start and completion are facts, so never in the future (a plan date may be); a service
 * is not completed before it started or was referred; only a completed service has a completion date.
 */
export function serviceDatesProblem(d: ServiceDates, today: string): string | null {
  for (const col of ["referred_on", "started_on", "completed_on"] as const) {
    const v = d[col];
    if (v && v > today) return `body.${FIELD[col]}: must not be in the future`;
  }
  if (d.completed_on && d.status !== "completed")
    return "body.completedOn: only a completed service has a completion date";
  if (d.completed_on && d.started_on && d.completed_on < d.started_on)
    return "body.completedOn: must not be before startedOn";
  if (d.completed_on && d.referred_on && d.completed_on < d.referred_on)
    return "body.completedOn: must not be before referredOn";
  return null;
}

/** A follow-up is overdue when it is not done and its due day has ended. */
export function followUpOverdue(dueOn: string, doneAt: Date | null, today: string): boolean {
  return doneAt === null && dueOn < today;
}

/** How far ahead the home page looks for follow-ups coming due. */
export const FOLLOW_UP_HORIZON_DAYS = 14;

/** The day `days` after `today` (YYYY-MM-DD, UTC). */
export function addDays(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
