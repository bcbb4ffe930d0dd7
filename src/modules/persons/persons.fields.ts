import type { PersonField } from "../policy/policy.rules.ts";

/** Sealed person fields: API name → logical column (the AAD column; stored as `<column>_enc`). */
export const SEALED_PERSON_FIELDS = {
  givenName: "given_name",
  familyName: "family_name",
  dateOfBirth: "date_of_birth",
  phone: "phone",
  email: "email",
  address: "address",
  immigrationStatus: "immigration_status",
} as const satisfies Partial<Record<PersonField, string>>;

export type SealedPersonField = keyof typeof SEALED_PERSON_FIELDS;
export type SealedColumn = (typeof SEALED_PERSON_FIELDS)[SealedPersonField];
export const SEALED_FIELD_NAMES = Object.keys(SEALED_PERSON_FIELDS) as SealedPersonField[];

/** The table name used in encryption associated data. */
export const PERSONS_TABLE = "persons";
