import type { ColumnType } from "kysely";
import type {
  AGENCY_ROLES,
  AGENCY_TYPES,
  CLOSE_REASONS,
  CONFIRMATIONS,
  TEAM_ROLES,
  TRAFFICKING_TYPES,
} from "./cases.vocab.ts";

type Code<T extends readonly string[]> = T[number];
/** A column with a default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/**
 * Cases (Contract 1), who they are shared with, the agencies involved and the team. Title and
 * narrative are free text, so they exist only sealed (`*_enc` under the case's data key).
 */
export interface CasesTables {
  cases: {
    id: string;
    /** The owning organization. */
    org_id: string;
    data_key_id: string | null;
    title_enc: string | null;
    narrative_enc: string | null;
    status: ColumnType<"open" | "closed", "open" | "closed" | undefined, "open" | "closed">;
    version: Defaulted<number>;
    trafficking_type: Defaulted<Code<typeof TRAFFICKING_TYPES>>;
    confirmation: Defaulted<Code<typeof CONFIRMATIONS>>;
    lead_agency_type: Code<typeof AGENCY_TYPES> | null;
    investigation_started_on: ColumnType<string | null, string | null | undefined, string | null>;
    incident_state: string | null;
    lead_user_id: string | null;
    closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    close_reason: Code<typeof CLOSE_REASONS> | null;
    /** Routing facts of the case (codes only), validated by the routing facts schema. */
    facts: ColumnType<Record<string, unknown>, string | undefined, string>;
    created_by: string | null;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
  case_agencies: {
    org_id: string;
    case_id: string;
    id: string;
    agency_type: Code<typeof AGENCY_TYPES>;
    directory_entry_id: string | null;
    partner_org_id: string | null;
    role: Code<typeof AGENCY_ROLES>;
    created_by: string | null;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
  case_team: {
    org_id: string;
    case_id: string;
    user_id: string;
    role: Code<typeof TEAM_ROLES>;
    added_at: ColumnType<Date, Date | string | undefined, never>;
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
