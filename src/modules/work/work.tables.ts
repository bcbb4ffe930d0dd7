import type { ColumnType } from "kysely";

/** Routing runs on a case: the facts (codes) and the engine's answer, kept with the case. */
export interface WorkTables {
  case_routing_runs: {
    org_id: string;
    id: string;
    case_id: string;
    run_at: ColumnType<Date, Date, never>;
    actor_user_id: string | null;
    facts: ColumnType<unknown, string, never>;
    answer: ColumnType<unknown, string, never>;
  };
}
