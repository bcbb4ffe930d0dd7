import type { ColumnType } from "kysely";

/** Cases (minimal for now: the full case model has its own issue) and who they are shared with. */
export interface CasesTables {
  cases: {
    id: string;
    /** The owning organization. */
    org_id: string;
    /** A short working title; must not identify anyone (names go in persons, encrypted). */
    title: string;
    status: ColumnType<"open" | "closed", "open" | "closed" | undefined, "open" | "closed">;
    created_by: string | null;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
  case_shares: {
    case_id: string;
    /** The owning organization of the case (the row's owner, like every table). */
    org_id: string;
    recipient_org_id: string;
    access: "read" | "write";
    created_by: string | null;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  /** The case timeline: what happened, when, by whom (codes and ids only; no free text). */
  case_activity: {
    org_id: string;
    id: string;
    case_id: string;
    at: ColumnType<Date, Date, never>;
    actor_user_id: string | null;
    actor_org_id: string | null;
    kind: string;
    ref_type: string | null;
    ref_id: string | null;
    details: ColumnType<Record<string, string | number | boolean>, string, never>;
  };
  /** The recipient's copy of a share, kept in the recipient's organization (see docs/scale-out.md). */
  case_shares_received: {
    /** The recipient organization (the row's owner). */
    org_id: string;
    owner_org_id: string;
    case_id: string;
    access: "read" | "write";
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
