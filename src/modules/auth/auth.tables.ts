import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date, Date>;

/** Sign-in state: MFA challenges, browser sessions and API tokens (tokens stored as SHA-256 hashes). */
export interface AuthTables {
  mfa_challenges: {
    id: string;
    org_id: string;
    user_id: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    used_at: Timestamp | null;
  };
  sessions: {
    id: string;
    org_id: string;
    user_id: string;
    token_hash: string;
    csrf_hash: string;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    expires_at: Timestamp;
    ended_at: Timestamp | null;
    end_reason: string | null;
  };
  api_tokens: {
    id: string;
    org_id: string;
    user_id: string;
    token_hash: string;
    label: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    revoked_at: Timestamp | null;
    last_used_at: Timestamp | null;
  };
}
