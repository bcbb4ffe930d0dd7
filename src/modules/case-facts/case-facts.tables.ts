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
type Common = {
  org_id: string;
  id: string;
  case_id: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};
type Day = ColumnType<string | null, string | null | undefined, string | null>;

/**
 * What a case is built from. Places and identifier values are free text or identifying, so they exist
 * only sealed (`*_enc` under the row's data key); identifiers also get a blind index for exact matches.
 */
export interface CaseFactsTables {
  case_events: Common & {
    kind: Code<typeof EVENT_KINDS>;
    data_key_id: string;
    place_enc: string | null;
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
  };
}
