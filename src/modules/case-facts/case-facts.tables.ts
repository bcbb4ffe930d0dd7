import type { ColumnType } from "kysely";
import type {
  AGENCY_TYPES,
  EVENT_KINDS,
  IDENTIFIER_KINDS,
  JURISDICTIONS,
  NIBRS_CODES,
  OUTCOMES,
} from "../cases/cases.vocab.ts";

type Code<T extends readonly string[]> = T[number];

/** Why a fact was voided (migration 0012's CHECK): a code, never free text. */
export const VOID_REASONS = ["entered_in_error", "duplicate", "superseded", "withdrawn", "other"] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

type Common = {
  org_id: string;
  id: string;
  case_id: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date | null, Date | undefined, Date>;
  updated_by: string | null;
  voided_at: ColumnType<Date | null, Date | undefined, Date>;
  voided_by: string | null;
  void_reason: VoidReason | null;
};
type Day = ColumnType<string | null, string | null | undefined, string | null>;

/**
 * What a case is built from. Places, descriptions and identifier values are free text or identifying,
 * so they exist only sealed (`*_enc` under the row's data key); identifiers also get a blind index for
 * exact matches. Every row is versioned (If-Match) and voided with a reason rather than deleted.
 */
export interface CaseFactsTables {
  case_events: Common & {
    kind: Code<typeof EVENT_KINDS>;
    data_key_id: string;
    place_enc: string | null;
    description_enc: string | null;
    state: string | null;
    country: string | null;
    started_on: Day;
    ended_on: Day;
  };
  case_identifiers: Common & {
    person_id: string | null;
    kind: Code<typeof IDENTIFIER_KINDS>;
    data_key_id: string;
    value_enc: string;
    value_bidx: string;
  };
  charges: Common & {
    person_id: string;
    statute: string;
    nibrs_code: Code<typeof NIBRS_CODES>;
    jurisdiction: Code<typeof JURISDICTIONS>;
    filed_on: Day;
  };
  arrests: Common & { person_id: string; arrested_on: string; agency_type: Code<typeof AGENCY_TYPES> };
  adjudications: Common & { charge_id: string; outcome: Code<typeof OUTCOMES>; decided_on: Day };
  sentences: Common & {
    adjudication_id: string;
    prison_months: number | null;
    probation_months: number | null;
    restitution_cents: number | null;
    sentenced_on: Day;
  };
}

export type FactTable = keyof CaseFactsTables;
