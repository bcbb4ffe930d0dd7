import type { ColumnType } from "kysely";

/**
 * The hash-chained, append-only audit log: one chain per organization (and the system chain), each
 * with its head row. Both live in their organization's shard on Citus.
 */
export interface AuditTables {
  audit_events: {
    /** The chain: the acting organization, or "_system" for events with none. */
    org_id: string;
    seq: number;
    occurred_at: ColumnType<Date, Date, never>;
    /** The acting organization as recorded (hashed); null for anonymous and system events. */
    actor_org_id: string | null;
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
  audit_chain_heads: { org_id: string; seq: number; row_hash: string };
}
