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
 * The fixed comparison set. Each address part (house number, street, second line, city, postcode, state) is a
 * comparison of its own with its own levels: a typo in the postcode and a moved person look different, and
 * training sees which parts a data set corrupts. Training learns their u on the candidate pairs, where shared
 * addresses of different people (households, neighbours) are common, so correlated agreement is not overrated.
 * Each level index is stored in a few bits of a pair's comparison vector (gamma); see {@link SHIFT}.
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
    name: "street_number",
    roles: ["street_number", "address_line"],
    labels: ["null", "different", "one character off", "exact"],
  },
  {
    name: "street",
    roles: ["street", "address_line"],
    labels: ["null", "different", "similar (JW>=0.80)", "close (JW>=0.92)", "exact"],
  },
  {
    name: "address_line_2",
    roles: ["address_line_2"],
    labels: ["null", "different", "similar (JW>=0.88)", "exact"],
  },
  { name: "city", roles: ["city"], labels: ["null", "different", "similar (JW>=0.88)", "exact"] },
  { name: "postcode", roles: ["postcode"], labels: ["null", "different", "one character off", "exact"] },
  { name: "state", roles: ["state"], labels: ["null", "different", "same"] },
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
  streetNumber: 4,
  street: 5,
  address2: 6,
  city: 7,
  postcode: 8,
  state: 9,
  phone: 10,
  email: 11,
  nationalId: 12,
} as const;

/** Number of comparisons. */
export const K = COMPARISONS.length;

/** Comparisons that say who a person is (rather than where they live or how to reach them). */
export const IDENTITY: readonly number[] = [C.given, C.family, C.dob, C.nationalId];

/** Address comparisons: where a person lives, which changes when they move. */
export const ADDRESS: readonly number[] = [C.streetNumber, C.street, C.address2, C.city, C.postcode, C.state];

/** Bit mask of comparison k's level inside a gamma, after shifting by {@link SHIFT}[k]. */
export const MASK: readonly number[] = COMPARISONS.map(
  (c) => (1 << Math.ceil(Math.log2(c.labels.length))) - 1,
);

/** Where comparison k's level starts inside a gamma (30 bits in all, so a gamma is one uint32). */
export const SHIFT: readonly number[] = (() => {
  const out: number[] = [];
  let at = 0;
  for (const m of MASK) {
    out.push(at);
    at += Math.log2(m + 1);
  }
  if (at > 32) throw new Error(`comparison levels need ${at} bits; a gamma has 32`);
  return out;
})();

/** Largest number of levels of any comparison: the stride of per-level tables. */
export const LEVEL_STRIDE = 8;

/**
 * Fields whose agreement is strongly tied to other fields' agreement: for these, m and u are estimated per
 * context, that is per state of their parents (none of the parents comparable, some parent agrees, all comparable
 * parents differ). A person who moves changes postcode, city and street at once; among candidate pairs of
 * different people, those that share names (found by a name rule) rarely share the date of birth, and those that
 * share a postcode often share the street. Conditioning each field on its parents keeps the weights additive (a
 * chain of conditional probabilities), one per field, while counting such evidence once (reference §6.5).
 * Parents come earlier in the list, so a pair's contexts follow from its gamma.
 */
export const PARENTS: readonly (readonly number[])[] = (() => {
  const p: number[][] = COMPARISONS.map(() => []);
  p[C.family] = [C.given];
  p[C.dob] = [C.given, C.family];
  p[C.city] = [C.postcode];
  p[C.state] = [C.postcode, C.city];
  p[C.street] = [C.postcode, C.city];
  p[C.streetNumber] = [C.street];
  p[C.address2] = [C.street, C.streetNumber];
  p[C.phone] = [C.street, C.postcode];
  return p;
})();

/**
 * Contexts per comparison: 0 no parent comparable (or no parents), 1 every comparable parent agrees, 2 some agree
 * and some differ, 3 every comparable parent differs.
 */
export const CONTEXTS = 4;

/**
 * Lowest level of comparison k that counts as agreement for its children: names and streets from "close" up,
 * everything else exact only (neighbouring postcodes and house numbers are one character apart).
 */
export const AGREES_FROM: readonly number[] = COMPARISONS.map((c, k) =>
  k === C.given || k === C.family || k === C.street ? 3 : c.labels.length - 1,
);

/** How a context reads in an explanation (naming the parents among the `active` comparisons). */
export function contextLabel(k: number, context: number, active = -1): string {
  const parents = PARENTS[k]!.filter((q) => active & (1 << q)).map((q) => COMPARISONS[q]!.name);
  if (context === 1) return `, ${parents.join(" and ")} agreeing`;
  if (context === 2) return `, ${parents.join(" or ")} differing`;
  if (context === 3) return `, ${parents.join(" and ")} differing`;
  return "";
}

/** The context of comparison k in gamma g (see {@link PARENTS}). */
export function contextOf(g: number, k: number): number {
  const parents = PARENTS[k]!;
  let agree = 0;
  let differ = 0;
  for (let q = 0; q < parents.length; q++) {
    const p = parents[q]!;
    const l = (g >>> SHIFT[p]!) & MASK[p]!;
    if (l === 0) continue;
    if (l >= AGREES_FROM[p]!) agree++;
    else differ++;
  }
  return agree + differ === 0 ? 0 : differ === 0 ? 1 : agree === 0 ? 3 : 2;
}

/** Row of comparison k in context c in the per-context tables (m, u, weights): `k * CONTEXTS + c`. */
export function slot(k: number, context: number): number {
  return k * CONTEXTS + context;
}

/** The level of comparison `k` inside gamma `g`. */
export function levelOf(g: number, k: number): number {
  return (g >>> SHIFT[k]!) & MASK[k]!;
}

/** Gamma bits that put comparison `k` at `level`. */
export function atLevel(k: number, level: number): number {
  return (level << SHIFT[k]!) >>> 0;
}

/** All gamma bits of comparison `k`. */
export function fieldBits(k: number): number {
  return (MASK[k]! << SHIFT[k]!) >>> 0;
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

/** The indexes of the comparisons in `active`. */
export function activeList(active: number): number[] {
  return COMPARISONS.map((_, k) => k).filter((k) => active & (1 << k));
}
