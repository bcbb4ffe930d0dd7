import type { ColumnType } from "kysely";

/** A victim's written, time-limited consent to share identifying data with one organization for one purpose. */
export interface ConsentsTables {
  consents: {
    id: string;
    /** The person's owning organization (who holds the consent). */
    org_id: string;
    case_id: string;
    person_id: string;
    recipient_org_id: string;
    purpose: "services_referral" | "law_enforcement_sharing" | "statistics";
    /** Who signed: always the victim; a guardian too for a minor. */
    signed_by: string[];
    expires_at: ColumnType<Date, Date | string, never>;
    revoked_at: ColumnType<Date | null, never, Date | string>;
    revoked_by: ColumnType<string | null, never, string>;
    created_by: string | null;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
}
