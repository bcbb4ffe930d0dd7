import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { deadlinesOf } from "./relief.reminders.ts";
import { visibleDatedApplications } from "./relief.service.ts";

/** Contract 3's work item (case-work's module defines it; repeated here until merge). */
export interface WorkItem {
  kind: string;
  refType: string;
  refId: string;
  caseId?: string;
  dueAt?: string;
  overdue: boolean;
  labelKey: string;
  labelArgs?: Record<string, string | number>;
}

/** Home page provider (Contract 3): the organization's relief deadlines within 60 days, and overdue ones. */
export async function workItems(
  db: Kysely<Database>,
  auth: AuthContext,
): Promise<{ section: "deadlines"; items: WorkItem[] }[]> {
  const today = clock.now().toISOString().slice(0, 10);
  const list = deadlinesOf(await visibleDatedApplications(db, auth), today).filter(
    (d) => d.daysRemaining <= 60,
  );
  return [
    {
      section: "deadlines",
      items: list.map((d) => ({
        kind: `relief.${d.kind}`,
        refType: "relief_application",
        refId: d.applicationId,
        caseId: d.caseId,
        dueAt: d.date,
        overdue: d.daysRemaining < 0,
        labelKey: `relief:work.${d.kind}`,
        labelArgs: { type: d.type, days: d.daysRemaining },
      })),
    },
  ];
}
