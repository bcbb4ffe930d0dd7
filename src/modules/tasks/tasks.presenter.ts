import { type FieldCrypto, openRecord } from "../crypto/crypto.service.ts";
import type { TaskRow } from "./tasks.repository.ts";
import { isOverdue } from "./tasks.rules.ts";
import type { TaskViewT } from "./tasks.schema.ts";

export const TASKS_TABLE = "case_tasks";

/** Allow-list presenter for a task; a sealed title is opened here, `overdue` computed at `now`. */
export function presentTask(row: TaskRow, crypto: FieldCrypto, now: Date): TaskViewT {
  let title: string | null = null;
  if (row.title_enc && row.data_key_id && row.wrapped) {
    title =
      openRecord<"title">(
        crypto,
        { table: TASKS_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
        { title: row.title_enc },
      ).title ?? null;
  }
  return {
    id: row.id,
    caseId: row.case_id,
    titleCode: row.title_code,
    title,
    assigneeUserId: row.assignee_user_id,
    dueAt: row.due_at?.toISOString() ?? null,
    status: row.status,
    overdue: isOverdue(row.status, row.due_at, now),
    sourceKey: row.source_key,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    completedBy: row.completed_by,
  };
}
