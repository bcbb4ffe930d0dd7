import {
  normalizeEmail,
  normalizeNationalId,
  normalizePhone,
  normalizePostcode,
  normalizeSex,
  splitAddressLine,
} from "./normalize-contact.ts";
import { parseDate } from "./normalize-date.ts";
import { normalizeFamilyName, normalizeGivenName } from "./normalize-name.ts";
import { foldText } from "./normalize-text.ts";
import { F, type InternKind } from "./record-layout.ts";
import type { Role } from "./types.ts";

/**
 * Roles whose normalization depends on their own column only (no full_name, street parts or country), in the
 * order directRow reads their columns.
 */
const DIRECT_ROLES = [
  "given_name",
  "family_name",
  "date_of_birth",
  "sex",
  "address_line",
  "address_line_2",
  "city",
  "state",
  "postcode",
  "phone",
  "email",
  "national_id",
] as const satisfies readonly Role[];
const DIRECT: ReadonlySet<Role> = new Set<Role>(DIRECT_ROLES);

/** Writes one record's FIELD_COUNT values (record-layout.ts `F`) from its CSV fields. */
export type DirectRow = (fields: string[], values: Int32Array, at: number) => void;

/**
 * The loader's fast path for the common mappings: each column goes straight from its raw text to a part-local id
 * through one memo (raw → id), instead of a normalization memo (raw → string) and then an interning lookup
 * (string → id). Results are exactly those of PersonNormalizer + RecordStore.add: the same functions normalize,
 * in the same order (given before family, so names get the same ids), with the same defaults (phones read as
 * U.S. numbers when no country column is mapped).
 * @returns undefined when a mapped role needs the general path (full_name, street parts, country).
 */
export function directRow(
  roleIndex: readonly [Role, number][],
  intern: (kind: InternKind, value: string) => number,
): DirectRow | undefined {
  if (roleIndex.some(([role]) => !DIRECT.has(role))) return undefined;
  const col = (role: Role) => roleIndex.find(([r]) => r === role)?.[1] ?? -1;
  const memo = (kind: InternKind, normalize: (s: string) => string) => {
    const cache = new Map<string, number>();
    return (raw: string): number => {
      let id = cache.get(raw);
      if (id === undefined) {
        id = intern(kind, normalize(raw));
        cache.set(raw, id);
      }
      return id;
    };
  };
  const given = memo("name", normalizeGivenName);
  const family = memo("name", normalizeFamilyName);
  const city = memo("city", foldText);
  const address2 = memo("address2", foldText);
  const state = memo("state", foldText);
  const postcode = memo("postcode", normalizePostcode);
  const dates = new Map<string, number>();
  const dob = (raw: string) => {
    let d = dates.get(raw);
    if (d === undefined) {
      d = parseDate(raw);
      dates.set(raw, d);
    }
    return d;
  };
  const [cg, cf, cd, cs, ca, ca2, cc, ct, cp, cph, ce, ci] = DIRECT_ROLES.map(col) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const text = (fields: string[], k: number) => (k < 0 ? "" : fields[k]!.trim());
  return (fields, v, at) => {
    let s = text(fields, cg);
    v[at + F.given] = s === "" ? -1 : given(s);
    s = text(fields, cf);
    v[at + F.family] = s === "" ? -1 : family(s);
    s = text(fields, cd);
    v[at + F.dob] = s === "" ? 0 : dob(s);
    s = text(fields, cs);
    v[at + F.sex] = s === "" ? 0 : normalizeSex(s);
    s = text(fields, ca);
    // Address lines are nearly unique, so a memo would only grow: split each one.
    const split = s === "" ? undefined : splitAddressLine(s);
    v[at + F.streetNumber] = intern("streetNumber", split?.number ?? "");
    v[at + F.street] = intern("street", split?.street ?? "");
    s = text(fields, ca2);
    v[at + F.address2] = s === "" ? -1 : address2(s);
    s = text(fields, cp);
    v[at + F.postcode] = s === "" ? -1 : postcode(s);
    s = text(fields, cc);
    v[at + F.city] = s === "" ? -1 : city(s);
    s = text(fields, ct);
    v[at + F.state] = s === "" ? -1 : state(s);
    s = text(fields, cph);
    v[at + F.phone] = intern("phone", s === "" ? "" : normalizePhone(s, "US"));
    s = text(fields, ce);
    v[at + F.email] = intern("email", s === "" ? "" : normalizeEmail(s));
    s = text(fields, ci);
    v[at + F.nationalId] = intern("nationalId", s === "" ? "" : normalizeNationalId(s));
  };
}
