import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { isOverdue } from "../tasks/tasks.rules.ts";
import { openDueTasksInCases } from "../tasks/tasks.service.ts";
import { workRepository } from "./work.repository.ts";
import type { WorkItem, WorkSection } from "./work.schema.ts";

/** Contract 3: the user's queue of cases, and the open deadlines (due tasks, routing's included) in them. */
export async function workItems(
  db: Kysely<Database>,
  auth: AuthContext,
): Promise<{ section: WorkSection; items: WorkItem[] }[]> {
  const now = clock.now();
  const cases = await workRepository.queue(db, auth);
  const due = await openDueTasksInCases(db, auth, cases);
  return [
    {
      section: "queue",
      items: cases.map((c) => ({
        kind: "case",
        refType: "case",
        refId: c.id,
        caseId: c.id,
        overdue: false,
        labelKey: "work:item.case",
        labelArgs: { opened: c.created_at.toISOString().slice(0, 10) },
      })),
    },
    {
      section: "deadlines",
      items: due.map((t) => ({
        kind: t.source_key?.startsWith("routing:") ? "routing_deadline" : "task",
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
