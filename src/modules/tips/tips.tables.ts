import type { ColumnType } from "kysely";

type Json<T> = ColumnType<T, string, string>;

/** Tips (see migration 2026_12_02_0040): sealed free text, codes and dates in clear. */
export interface TipsTables {
  tips: {
    org_id: string;
    id: string;
    receipt_hash: string;
    channel: "public" | "hotline" | "partner";
    status: ColumnType<
      "received" | "under_review" | "closed",
      "received" | undefined,
      "under_review" | "closed"
    >;
    data_key_id: string;
    narrative_enc: string;
    reporter_name_enc: string | null;
    reporter_phone_enc: string | null;
    reporter_email_enc: string | null;
    city_enc: string | null;
    state: string | null;
    country: string | null;
    facts: Json<Record<string, unknown>>;
    screening: Json<Record<string, unknown>>;
    screening_level: "none" | "low" | "medium" | "high";
    screening_drivers: Json<string[]>;
    recommendations: Json<unknown[]>;
    priority: number;
    assignee_user_id: string | null;
    merged_into: string | null;
    case_id: string | null;
    close_reason: string | null;
    closed_at: Date | null;
    hhs_due_at: Date | null;
    hhs_notified_at: Date | null;
    hhs_notified_by: string | null;
    hhs_notified_method: string | null;
    received_at: ColumnType<Date, Date, never>;
    created_by: string | null;
    version: ColumnType<number, number | undefined, number>;
  };
}
