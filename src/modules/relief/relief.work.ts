import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import type { WorkItem } from "../work/work.schema.ts";
import { deadlinesOf } from "./relief.reminders.ts";
import { visibleDatedApplications } from "./relief.service.ts";

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
