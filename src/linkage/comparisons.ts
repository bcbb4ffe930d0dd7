import type { Role } from "./types.ts";

/** One field comparison: its levels (0 is always "null": a value missing on either side) and the roles it reads. */
export interface ComparisonSpec {
  name: string;
  /** Human-readable label per level; higher levels mean closer agreement. */
  labels: readonly string[];
  /** The comparison is active when any of these roles is mapped. */
  roles: readonly Role[];
}

/**
 * The fixed comparison set. Address parts (number, street, postcode, city, state) are one comparison on purpose:
 * they are strongly correlated, and scoring them separately would count the same evidence several times
 * (reference §6.5). Each level index is stored in 3 bits of a pair's comparison vector (gamma).
 */
export const COMPARISONS: readonly ComparisonSpec[] = [
  {
    name: "given_name",
    roles: ["given_name", "full_name"],
    labels: [
      "null",
      "different",
      "similar (JW>=0.80) or initial",
      "close (JW>=0.92) or same sound",
      "nickname or variant",
      "exact",
    ],
  },
  {
    name: "family_name",
    roles: ["family_name", "full_name"],
    labels: ["null", "different", "similar (JW>=0.80)", "close (JW>=0.92) or same sound", "exact"],
  },
  {
    name: "date_of_birth",
    roles: ["date_of_birth"],
    labels: ["null", "different", "same year or one year off", "one digit off or day/month swapped", "exact"],
  },
  { name: "sex", roles: ["sex"], labels: ["null", "different", "same"] },
  {
    name: "address",
    roles: ["street", "street_number", "address_line", "postcode", "city", "state"],
    labels: ["null", "different", "same postcode or city", "same street", "same number and street"],
  },
  { name: "phone", roles: ["phone"], labels: ["null", "different", "one digit off", "exact"] },
  { name: "email", roles: ["email"], labels: ["null", "different", "same user name or close", "exact"] },
  {
    name: "national_id",
    roles: ["national_id"],
    labels: ["null", "different", "one character off", "exact"],
  },
];

/** Index of each comparison in {@link COMPARISONS} and in a gamma. */
export const C = {
  given: 0,
  family: 1,
  dob: 2,
  sex: 3,
  address: 4,
  phone: 5,
  email: 6,
  nationalId: 7,
} as const;

/** Bits per comparison level inside a gamma. */
export const LEVEL_BITS = 3;

/** The level of comparison `k` inside gamma `g`. */
export function levelOf(g: number, k: number): number {
  return (g >>> (k * LEVEL_BITS)) & 7;
}

/** Bitmask of the comparisons that the mapped roles make active. */
export function activeMask(roles: Iterable<Role>): number {
  const set = new Set(roles);
  let mask = 0;
  COMPARISONS.forEach((c, k) => {
    if (c.roles.some((r) => set.has(r))) mask |= 1 << k;
  });
  return mask;
}
