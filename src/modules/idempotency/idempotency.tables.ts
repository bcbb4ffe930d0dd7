import type { ColumnType } from "kysely";

/** The first response of each idempotent write, kept to replay to its retries. */
export interface IdempotencyTables {
  idempotency_keys: {
    /** The caller's organization, or "_public" for anonymous callers. */
    org_id: string;
    key: string;
    /** SHA-256 of method, route, caller and body: the same key with another request is refused. */
    request_hash: string;
    state: "processing" | "completed";
    status_code: number | null;
    response_body: string | null;
    response_type: string | null;
    created_at: ColumnType<Date, Date, never>;
    completed_at: ColumnType<Date | null, never, Date>;
  };
}
