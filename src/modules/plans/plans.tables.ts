import type { ColumnType } from "kysely";
import type { FollowUpKind, ServiceStatus, ServiceType } from "./plans.codes.ts";

/** The case plan (Primero): services and follow-ups. Codes, ids and dates only. */
export interface PlansTables {
  case_plan_services: {
    org_id: string;
    id: string;
    case_id: string;
    service_type: ServiceType;
    provider_org_id: string | null;
    directory_entry_id: string | null;
    status: ServiceStatus;
    planned_on: string | null;
    referred_on: string | null;
    started_on: string | null;
    completed_on: string | null;
    version: ColumnType<number, number | undefined, number>;
    created_by: string | null;
    created_at: ColumnType<Date, Date, never>;
    updated_at: ColumnType<Date, Date, Date>;
  };
  case_plan_followups: {
    org_id: string;
    id: string;
    case_id: string;
    service_id: string | null;
    kind: FollowUpKind;
    due_on: string;
    done_at: Date | null;
    done_by: string | null;
    /** Who should do it; when null, the case lead. */
    assignee_user_id: ColumnType<string | null, string | null | undefined, string | null>;
    version: ColumnType<number, number | undefined, number>;
    created_by: string | null;
    created_at: ColumnType<Date, Date, never>;
    updated_at: ColumnType<Date, Date, Date>;
  };
}
