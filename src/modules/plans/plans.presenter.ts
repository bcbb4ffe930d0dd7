import type { FollowUpRow, ServiceRow } from "./plans.repository.ts";
import { followUpOverdue } from "./plans.rules.ts";
import type { FollowUpViewT, ServiceViewT } from "./plans.schema.ts";

/** Allow-list presenter for a planned service (codes, ids and dates only). */
export function presentService(row: ServiceRow): ServiceViewT {
  return {
    id: row.id,
    caseId: row.case_id,
    serviceType: row.service_type,
    status: row.status,
    providerOrgId: row.provider_org_id,
    directoryEntryId: row.directory_entry_id,
    plannedOn: row.planned_on,
    referredOn: row.referred_on,
    startedOn: row.started_on,
    completedOn: row.completed_on,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Allow-list presenter for a follow-up; `overdue` computed on `today` (YYYY-MM-DD). */
export function presentFollowUp(row: FollowUpRow, today: string): FollowUpViewT {
  return {
    id: row.id,
    caseId: row.case_id,
    serviceId: row.service_id,
    kind: row.kind,
    dueOn: row.due_on,
    assigneeUserId: row.assignee_user_id,
    done: row.done_at !== null,
    doneAt: row.done_at?.toISOString() ?? null,
    doneBy: row.done_by,
    overdue: followUpOverdue(row.due_on, row.done_at, today),
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
