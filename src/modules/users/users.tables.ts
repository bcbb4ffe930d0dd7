import type { ColumnType } from "kysely";
import type { Role } from "../auth/auth.context.ts";

type Timestamp = ColumnType<Date, Date, Date>;

/**
 * People who sign in. E-mail addresses are unique across the installation, case-insensitively, through
 * the global `login_emails` (which also names the organization a sign-in belongs to).
 */
export interface UsersTables {
  users: {
    id: string;
    org_id: string;
    email: string;
    roles: Role[];
    /** argon2id PHC string; null for an account that signs in only through OIDC. */
    password_hash: string | null;
    /** The TOTP secret, sealed with AES-256-GCM under the data key `totp_data_key_id`. */
    totp_secret: string | null;
    totp_data_key_id: string | null;
    totp_confirmed_at: Timestamp | null;
    /** Last accepted RFC 6238 time step: a code is accepted once only. */
    totp_last_step: number | null;
    locked_at: Timestamp | null;
    disabled_at: Timestamp | null;
    created_at: Timestamp;
    /** The password was set by someone else (creation, admin reset): it must be changed at sign-in. */
    password_change_required: ColumnType<boolean, boolean | undefined, boolean>;
    /** When a one-time password stops working; null for a password the user chose. */
    password_expires_at: Timestamp | null;
  };
  login_emails: {
    /** Lower-cased. */
    email: string;
    org_id: string;
    user_id: string;
  };
  login_failures: {
    id: ColumnType<number, never, never>;
    org_id: string;
    user_id: string;
    at: Timestamp;
  };
}
