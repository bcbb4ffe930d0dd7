/** Fixed integer layouts of a record: the comparison row and the interned-field order. */

/**
 * Row-major copy of what a comparison reads per record: {@link ROW} int32 (64 bytes, one cache line) per record.
 * At a million records the columns no longer fit in cache, and a pair reading a dozen columns of two random
 * records cost about two dozen cache misses; one row per record costs two.
 */
export const ROW = 16;
/** Field order of an interned record (RecordStore.addInterned): 13 int32 per record. */
export const F = {
  given: 0,
  family: 1,
  dob: 2,
  sex: 3,
  streetNumber: 4,
  street: 5,
  postcode: 6,
  city: 7,
  state: 8,
  phone: 9,
  email: 10,
  nationalId: 11,
  address2: 12,
} as const;
/** Offsets inside a record's row: the interned fields in the same order, then derived ones. Missing values as in
 * the columns (-1, or 0 for dob and sex). */
export const R = {
  ...F,
  /** Id of the e-mail's local part (-1 without an e-mail). */
  emailLocal: 13,
} as const;
/** Number of fields in {@link F}. */
export const FIELD_COUNT = 13;
/** The value pool a field's strings are interned in; given and family names share one. */
export type InternKind =
  | "name"
  | "streetNumber"
  | "street"
  | "address2"
  | "postcode"
  | "city"
  | "state"
  | "phone"
  | "email"
  | "nationalId";
