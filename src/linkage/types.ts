/** The column roles a CSV column can be mapped to (`--map ROLE=COLUMN`). */
export const ROLES = [
  "given_name",
  "family_name",
  "full_name",
  "date_of_birth",
  "sex",
  "street_number",
  "street",
  "address_line",
  "address_line_2",
  "city",
  "postcode",
  "state",
  "country",
  "phone",
  "email",
  "national_id",
] as const;

/** One role a column can play. */
export type Role = (typeof ROLES)[number];

/** A person record as read from a source: raw strings by role; missing roles are simply absent. */
export type RawPerson = Partial<Record<Role, string>>;

/**
 * A person after normalization. Strings are folded (upper-case ASCII where possible); the empty string and 0
 * mean "missing", which comparisons treat as their own null level rather than a disagreement.
 */
export interface NormalizedPerson {
  given: string;
  family: string;
  /** Date of birth as the integer YYYYMMDD; 0 when missing or unreadable. */
  dob: number;
  /** 0 unknown, 1 male, 2 female, 3 other. */
  sex: number;
  streetNumber: string;
  street: string;
  /** Second address line (building, property or locality name), folded. */
  address2: string;
  postcode: string;
  city: string;
  state: string;
  /** E.164 without the plus sign, e.g. 12025550123. */
  phone: string;
  email: string;
  nationalId: string;
}
