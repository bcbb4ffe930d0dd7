import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import type { WorkItem } from "../work/work.schema.ts";
import { today } from "./plans.checks.ts";
import { followUpsDueFor } from "./plans.followups.service.ts";
import { addDays, FOLLOW_UP_HORIZON_DAYS, followUpOverdue } from "./plans.rules.ts";

/**
 * Home page provider (Contract 3): the case plan's open follow-ups due within two weeks, and overdue
 * ones, for the user they are assigned to, or, when unassigned, for the case lead.
 */
export async function workItems(
  db: Kysely<Database>,
  auth: AuthContext,
): Promise<{ section: "deadlines"; items: WorkItem[] }[]> {
  const day = today();
  const rows = await followUpsDueFor(db, auth, addDays(day, FOLLOW_UP_HORIZON_DAYS));
  return [
    {
      section: "deadlines",
      items: rows.map((f) => ({
        kind: "plan.followup",
        refType: "plan_followup",
        refId: f.id,
        caseId: f.case_id,
        dueAt: f.due_on,
        overdue: followUpOverdue(f.due_on, f.done_at, day),
        labelKey: "plan:work.followup",
        labelArgs: { kind: f.kind },
      })),
    },
  ];
}
