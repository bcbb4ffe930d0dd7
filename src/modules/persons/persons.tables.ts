import type { ColumnType } from "kysely";
import type {
  EXPLOITATION_TYPES,
  INDUSTRIES,
  MEANS_OF_CONTROL,
  PERSON_ROLES,
  RACE_ETHNICITIES,
  RECRUITMENTS,
  SEXES,
  VISA_CATEGORIES,
} from "../cases/cases.vocab.ts";

type Code<T extends readonly string[]> = T[number];

/**
 * Persons in a case. Identifying values are stored only sealed (`*_enc`, AES-256-GCM under the row's
 * data key, bound to table|column|row); phone and email also get keyed blind indexes (`*_bidx`) for
 * exact-match lookup. Plain columns hold only non-identifying facts.
 */
export interface PersonsTables {
  persons: {
    id: string;
    org_id: string;
    case_id: string;
    role: Code<typeof PERSON_ROLES>;
    version: ColumnType<number, number | undefined, number>;
    sex: Code<typeof SEXES> | null;
    age_at_exploitation: number | null;
    race_ethnicity: Code<typeof RACE_ETHNICITIES> | null;
    citizenship_country: string | null;
    visa_category: Code<typeof VISA_CATEGORIES> | null;
    means_of_control: ColumnType<Code<typeof MEANS_OF_CONTROL>[], string[] | undefined, string[]>;
    exploitation_types: ColumnType<Code<typeof EXPLOITATION_TYPES>[], string[] | undefined, string[]>;
    industry: Code<typeof INDUSTRIES> | null;
    recruitment: Code<typeof RECRUITMENTS> | null;
    citizenship: "us_citizen" | "lawful_permanent_resident" | "foreign_national" | "unknown";
    protected_1367: boolean;
    data_key_id: string;
    given_name_enc: string | null;
    family_name_enc: string | null;
    date_of_birth_enc: string | null;
    phone_enc: string | null;
    email_enc: string | null;
    address_enc: string | null;
    immigration_status_enc: string | null;
    phone_bidx: string | null;
    email_bidx: string | null;
    created_by: string | null;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
}
