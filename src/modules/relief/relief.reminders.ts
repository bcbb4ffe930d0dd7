import { addDays, daysBetween } from "./relief.dates.ts";
import { interimLetterExpiry, uSupplementBFileBy } from "./relief.eligibility.ts";
import { REMINDER_DAYS, type ReliefStatus, type ReliefType } from "./relief.rules.ts";

/** The dates of one application a deadline hangs on (pure: no DB). */
export interface DatedApplication {
  id: string;
  personId: string;
  caseId: string;
  type: ReliefType;
  status: ReliefStatus;
  decidedOn: string | null;
  expiresOn: string | null;
  extended: boolean;
}
export interface ReliefDeadline {
  applicationId: string;
  personId: string;
  caseId: string;
  type: ReliefType;
  kind: "expires" | "file_by";
  date: string;
  daysRemaining: number;
  /** The reminder days (30/7/1) already reached, so the next one due is known. */
  remindOn: string[];
}

/** The deadline an application carries, if any: a stored expiry, or one the rules compute. */
export function deadlineOf(a: DatedApplication): { kind: "expires" | "file_by"; date: string } | null {
  if (a.status === "granted" && a.type === "hhs_interim_letter" && a.decidedOn)
    return { kind: "expires", date: a.expiresOn ?? interimLetterExpiry(a.decidedOn, a.extended) };
  if (a.status === "granted" && a.type === "u_supplement_b" && a.decidedOn)
    return { kind: "file_by", date: uSupplementBFileBy(a.decidedOn) };
  if (a.expiresOn && (a.status === "granted" || a.status === "pending" || a.status === "filed"))
    return { kind: "expires", date: a.expiresOn };
  return null;
}

/** Each application's deadline with days remaining and its reminder dates, soonest first. */
export function deadlinesOf(apps: DatedApplication[], today: string): ReliefDeadline[] {
  const out: ReliefDeadline[] = [];
  for (const a of apps) {
    const d = deadlineOf(a);
    if (!d) continue;
    out.push({
      applicationId: a.id,
      personId: a.personId,
      caseId: a.caseId,
      type: a.type,
      kind: d.kind,
      date: d.date,
      daysRemaining: daysBetween(today, d.date),
      remindOn: REMINDER_DAYS.map((n) => addDays(d.date, -n)),
    });
  }
  return out.sort((x, y) => x.date.localeCompare(y.date) || x.applicationId.localeCompare(y.applicationId));
}

/** The reminders due today: a deadline exactly 30, 7 or 1 days away (a daily run sends each once). */
export function remindersDue(apps: DatedApplication[], today: string): ReliefDeadline[] {
  return deadlinesOf(apps, today).filter((d) => d.remindOn.includes(today));
}
