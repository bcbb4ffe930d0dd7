import type { ColumnType } from "kysely";

/** In-app notifications (codes and references only) and the e-mail outbox (who to tell, not what). */
export interface NotificationsTables {
  notifications: {
    org_id: string;
    id: string;
    user_id: string;
    /** e.g. "referral.received"; the web turns it into words. */
    kind: string;
    ref_type: string;
    ref_id: string;
    case_id: string | null;
    due_at: Date | null;
    created_at: ColumnType<Date, Date | undefined, never>;
    read_at: ColumnType<Date | null, never, Date | null>;
  };
  notification_emails: {
    org_id: string;
    id: string;
    user_id: string;
    notification_id: string;
    created_at: ColumnType<Date, Date | undefined, never>;
    attempts: ColumnType<number, never, number>;
    /** An error code only (never the server's message, which could echo an address). */
    last_error: ColumnType<string | null, never, string | null>;
    /** A drainer holds the row until then while it sends (so two drainers never send it twice). */
    claimed_until: ColumnType<Date | null, never, Date | null>;
    sent_at: ColumnType<Date | null, never, Date | null>;
  };
}
