import type { ColumnType } from "kysely";

export type TaskStatus = "open" | "done" | "cancelled";

/** Tasks on a case: a title code, or a sealed title; an assignee, a due time, a status. */
export interface TasksTables {
  case_tasks: {
    org_id: string;
    id: string;
    case_id: string;
    title_code: string | null;
    title_enc: string | null;
    data_key_id: string | null;
    assignee_user_id: string | null;
    due_at: Date | null;
    status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
    /** What made the task (e.g. `routing:notify-hhs-24h:hhs-otip`): unique per case, so never made twice. */
    source_key: string | null;
    version: ColumnType<number, number | undefined, number>;
    created_by: string | null;
    created_at: ColumnType<Date, Date, never>;
    updated_at: ColumnType<Date, Date, Date>;
    completed_at: Date | null;
    completed_by: string | null;
  };
}
