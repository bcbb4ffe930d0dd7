import type { ColumnType } from "kysely";

/** The hash-chained, append-only audit log and its single-row chain head. */
export interface AuditTables {
  audit_events: {
    seq: number;
    occurred_at: ColumnType<Date, Date, never>;
    org_id: string | null;
    actor_user_id: string | null;
    action: string;
    outcome: string;
    target_type: string | null;
    target_ids: string[];
    client_address: string | null;
    request_id: string | null;
    details: ColumnType<Record<string, string | number | boolean>, string, never>;
    prev_hash: string;
    row_hash: string;
  };
  audit_chain_head: { id: number; seq: number; row_hash: string };
}
