import { referenceData } from "../reference-data.ts";
import type { Role } from "../types.ts";
import { digitError, recase, typo } from "./corrupt.ts";
import type { Person, PersonFactory } from "./person-factory.ts";
import type { Rng } from "./random.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** Columns of `harbor synth persons` output. */
export const SYNTH_HEADER = [
  "record_id",
  "entity_id",
  "given_name",
  "family_name",
  "date_of_birth",
  "sex",
  "address",
  "city",
  "state",
  "postcode",
  "phone",
  "email",
  "national_id",
] as const;

/** The `--map` roles for generator output: each column is its own role, but `address` is an address line. */
export function synthRoles(withId: boolean): Partial<Record<Role, string>> {
  return {
    given_name: "given_name",
    family_name: "family_name",
    date_of_birth: "date_of_birth",
    sex: "sex",
    address_line: "address",
    city: "city",
    state: "state",
    postcode: "postcode",
    phone: "phone",
    email: "email",
    ...(withId ? { national_id: "national_id" } : {}),
  };
}

/** Per-field corruption probabilities applied to duplicate records (documented in docs/linkage.md). */
export const REALISTIC = {
  givenTypo: 0.08,
  givenNickname: 0.1,
  givenInitial: 0.02,
  givenMissing: 0.03,
  familyTypo: 0.06,
  familyMissing: 0.02,
  familyChanged: 0.01,
  namesSwapped: 0.02,
  dobMissing: 0.06,
  dobSwapDayMonth: 0.02,
  dobDigitTypo: 0.04,
  dobYearOff: 0.01,
  sexMissing: 0.1,
  addressMoved: 0.2,
  addressMissing: 0.1,
  streetTypo: 0.05,
  phoneMissing: 0.3,
  phoneChanged: 0.15,
  phoneTypo: 0.02,
  emailMissing: 0.5,
  emailChanged: 0.1,
  idMissing: 0.15,
  idTypo: 0.01,
};

function formatDate(rng: Rng, y: number, m: number, d: number, style: number): string {
  switch (style) {
    case 0:
      return `${y}-${pad(m)}-${pad(d)}`;
    case 1:
      return `${pad(m)}/${pad(d)}/${y}`;
    case 2:
      return `${m}/${d}/${y}`;
    case 3:
      return `${pad(d)}.${pad(m)}.${y}`;
    case 4:
      return `${d} ${MONTHS[m - 1]} ${y}`;
    default:
      return rng.chance(0.5) ? `${y}${pad(m)}${pad(d)}` : `${MONTHS[m - 1]} ${d}, ${y}`;
  }
}

function formatPhone(rng: Rng, p: string): string {
  const [a, b, c] = [p.slice(0, 3), p.slice(3, 6), p.slice(6)];
  return rng.pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, p, `+1 ${a} ${b} ${c}`, `${a}.${b}.${c}`, `1${p}`]);
}

const ABBREVIATED: Record<string, string> = {
  STREET: "St",
  AVENUE: "Ave",
  ROAD: "Rd",
  DRIVE: "Dr",
  LANE: "Ln",
  COURT: "Ct",
  BOULEVARD: "Blvd",
  PLACE: "Pl",
  WAY: "Way",
  TERRACE: "Ter",
};

/**
 * Writes one record of a person. The first record of an entity is clean apart from formatting (agencies format
 * dates, phones and addresses differently); later records also get the REALISTIC errors.
 */
export function renderRecord(
  rng: Rng,
  factory: PersonFactory,
  p: Person,
  duplicate: boolean,
  recordId: string,
): string[] {
  const c = duplicate ? REALISTIC : undefined;
  const ch = (x: number | undefined) => x !== undefined && rng.chance(x);
  const ref = referenceData();
  let given = p.given;
  if (c) {
    if (ch(c.givenNickname)) {
      const nicks = [...ref.nicknames].filter(([, canon]) => canon === given).map(([nick]) => nick);
      if (nicks.length > 0) given = rng.pick(nicks);
    }
    if (ch(c.givenTypo)) given = typo(rng, given);
    if (ch(c.givenInitial)) given = given[0]!;
  }
  let family = p.family;
  if (c) {
    if (ch(c.familyChanged)) family = factory.familyName();
    else if (ch(c.familyTypo)) family = typo(rng, family);
  }
  if (c && ch(c.namesSwapped)) [given, family] = [family, given];
  if (c && ch(c.givenMissing)) given = "";
  if (c && ch(c.familyMissing)) family = "";
  let { year, month, day } = p;
  let dob = "";
  if (!(c && ch(c.dobMissing))) {
    if (c && ch(c.dobYearOff)) year += rng.chance(0.5) ? 1 : -1;
    const style = rng.int(6);
    if (c && ch(c.dobSwapDayMonth) && day <= 12) [month, day] = [day, month];
    dob = formatDate(rng, year, month, day, style === 3 ? 0 : style);
    if (c && ch(c.dobDigitTypo)) dob = digitError(rng, dob);
  }
  let addr = {
    number: p.number,
    street: p.street,
    suffix: p.suffix,
    unit: p.unit,
    city: p.city,
    state: p.state,
    zip: p.zip,
  };
  let address = "";
  if (c && ch(c.addressMoved)) addr = factory.address();
  if (!(c && ch(c.addressMissing))) {
    let street = addr.street;
    if (c && ch(c.streetTypo)) street = typo(rng, street);
    const suffix = rng.chance(0.5) ? (ABBREVIATED[addr.suffix] ?? addr.suffix) : addr.suffix;
    const unit =
      addr.unit && rng.chance(0.8)
        ? rng.pick([` Apt ${addr.unit}`, ` #${addr.unit}`, ` Unit ${addr.unit}`])
        : "";
    address = recase(rng, `${addr.number} ${street} ${suffix}${unit}`);
  } else addr = { ...addr, city: "", state: "", zip: "" };
  let phone = p.phone;
  if (c && phone !== "") {
    if (ch(c.phoneChanged)) phone = factory.phone();
    else if (ch(c.phoneTypo)) phone = digitError(rng, phone);
  }
  if (c && ch(c.phoneMissing)) phone = "";
  let email = p.email;
  if (c && email !== "" && ch(c.emailChanged)) email = factory.email(p.given, p.family, p.year);
  if (c && ch(c.emailMissing)) email = "";
  let ssn = p.ssn;
  if (c && ch(c.idTypo)) ssn = digitError(rng, ssn);
  if (c && ch(c.idMissing)) ssn = "";
  return [
    recordId,
    String(p.entity),
    recase(rng, given),
    recase(rng, family),
    dob,
    c && ch(c.sexMissing) ? "" : rng.chance(0.7) ? p.sex : p.sex === "M" ? "Male" : "Female",
    address,
    addr.city ? recase(rng, addr.city) : "",
    addr.state,
    addr.zip,
    phone ? formatPhone(rng, phone) : "",
    email,
    ssn && rng.chance(0.3) ? ssn.replace(/-/g, "") : ssn,
  ];
}
