import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import type { WorkItem, WorkSection } from "../work/work.schema.ts";
import { tasksRepository } from "./tasks.repository.ts";
import { isOverdue } from "./tasks.rules.ts";

/** Contract 3: the user's open tasks, soonest due first (no free text: the title stays on the task). */
export async function workItems(
  db: Kysely<Database>,
  auth: AuthContext,
): Promise<{ section: WorkSection; items: WorkItem[] }[]> {
  const now = clock.now();
  const rows = await tasksRepository.assignedTo(db, auth, "open", 100);
  return [
    {
      section: "tasks",
      items: rows.map((t) => ({
        kind: "task",
        refType: "task",
        refId: t.id,
        caseId: t.case_id,
        ...(t.due_at ? { dueAt: t.due_at.toISOString() } : {}),
        overdue: isOverdue(t.status, t.due_at, now),
        labelKey: t.title_code ? "work:item.taskCode" : "work:item.task",
        ...(t.title_code ? { labelArgs: { code: t.title_code } } : {}),
      })),
    },
  ];
}
