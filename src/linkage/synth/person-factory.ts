import { referenceData } from "../reference-data.ts";
import { type Rng, WeightedPicker } from "./random.ts";

/** A true person (one entity) before any record of them is written. */
export interface Person {
  entity: number;
  given: string;
  family: string;
  sex: "M" | "F";
  year: number;
  month: number;
  day: number;
  number: number;
  street: string;
  suffix: string;
  unit: string;
  city: string;
  state: string;
  zip: string;
  /** Ten NANP digits, or "" for no phone. */
  phone: string;
  email: string;
  ssn: string;
}

const SYLLABLES =
  "ba ko ri ne sa to mi lu da ve ra zo ka li mo ta ni pe so ru ga be di fo ha je ku la ma no pa qui re si tu va wa xi yo ze an el in or us ar en ist ov ul ez ian ak ic".split(
    " ",
  );
const FAMILY_ENDINGS = [
  "",
  "",
  "",
  "SON",
  "SKI",
  "EZ",
  "OV",
  "ENKO",
  "ESCU",
  "OGLU",
  "IAN",
  "BERG",
  "MAN",
  "TON",
];
const SUFFIXES = [
  "STREET",
  "AVENUE",
  "ROAD",
  "DRIVE",
  "LANE",
  "COURT",
  "BOULEVARD",
  "PLACE",
  "WAY",
  "TERRACE",
];
const DOMAINS = [
  "gmail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "icloud.com",
  "aol.com",
  "proton.me",
];

function syllables(rng: Rng, count: number): string {
  let s = "";
  for (let i = 0; i < count; i++) s += rng.pick(SYLLABLES);
  return s.toUpperCase();
}

/**
 * Draws true people: names from the shipped frequency lists (a share from a syllable-built long tail, as real
 * name distributions have one), plausible dates of birth, U.S. addresses, NANP phones, e-mails and unique
 * SSN-shaped ids. Households share a family name, address and often a phone.
 */
export class PersonFactory {
  private readonly family: WeightedPicker<string>;
  private readonly female: WeightedPicker<string>;
  private readonly male: WeightedPicker<string>;
  private readonly usedSsn = new Set<string>();
  private readonly heads: Person[] = [];

  constructor(private readonly rng: Rng) {
    const ref = referenceData();
    this.family = new WeightedPicker(ref.familyNames.names, ref.familyNames.weights);
    this.female = new WeightedPicker(ref.femaleNames.names, ref.femaleNames.weights);
    this.male = new WeightedPicker(ref.maleNames.names, ref.maleNames.weights);
  }

  givenName(sex: "M" | "F"): string {
    const rng = this.rng;
    if (rng.chance(0.2)) return syllables(rng, 2) + (sex === "F" ? "A" : rng.pick(["O", "N", "EL", ""]));
    return (sex === "F" ? this.female : this.male).pick(rng);
  }

  familyName(): string {
    const rng = this.rng;
    if (rng.chance(0.6)) return syllables(rng, 2 + rng.int(2)) + rng.pick(FAMILY_ENDINGS);
    return this.family.pick(rng);
  }

  private ssn(): string {
    for (;;) {
      const area = 1 + this.rng.int(899);
      if (area === 666) continue;
      const s = `${String(area).padStart(3, "0")}-${String(1 + this.rng.int(99)).padStart(2, "0")}-${String(1 + this.rng.int(9999)).padStart(4, "0")}`;
      if (!this.usedSsn.has(s)) {
        this.usedSsn.add(s);
        return s;
      }
    }
  }

  /** A ten-digit NANP number (area code and exchange start with 2-9). */
  phone(): string {
    const rng = this.rng;
    return `${2 + rng.int(8)}${rng.int(10)}${rng.int(10)}${2 + rng.int(8)}${rng.int(10)}${rng.int(10)}${String(rng.int(10000)).padStart(4, "0")}`;
  }

  /** A fresh address (used for originals and for people who moved). */
  address(): Pick<Person, "number" | "street" | "suffix" | "unit" | "city" | "state" | "zip"> {
    const rng = this.rng;
    const ref = referenceData();
    const place = rng.pick(ref.places);
    return {
      number: 1 + rng.int(rng.chance(0.7) ? 2000 : 9999),
      street: rng.pick(ref.streetNames),
      suffix: rng.pick(SUFFIXES),
      unit: rng.chance(0.25) ? String(1 + rng.int(40)) : "",
      city: place.city,
      state: place.state,
      zip: place.zip3 + String(rng.int(100)).padStart(2, "0"),
    };
  }

  email(given: string, family: string, year: number): string {
    const rng = this.rng;
    const g = given.toLowerCase();
    const f = family.toLowerCase().replace(/\s+/g, "");
    const local = rng.pick([
      `${g}.${f}`,
      `${g[0]}${f}`,
      `${g}${f}${year % 100}`,
      `${g}_${rng.int(1000)}`,
      `${f}${g[0]}${rng.int(100)}`,
    ]);
    return `${local}@${rng.pick(DOMAINS)}`;
  }

  /** A new person; with probability `householdRate` a member of an earlier person's household. */
  person(entity: number, householdRate: number): Person {
    const rng = this.rng;
    const sex = rng.chance(0.5) ? "F" : "M";
    const head = this.heads.length > 0 && rng.chance(householdRate) ? rng.pick(this.heads) : undefined;
    const year = 1945 + rng.int(63);
    const p: Person = {
      entity,
      given: this.givenName(sex),
      family: head && rng.chance(0.85) ? head.family : this.familyName(),
      sex,
      year,
      month: 1 + rng.int(12),
      day: 1 + rng.int(28),
      ...(head
        ? {
            number: head.number,
            street: head.street,
            suffix: head.suffix,
            unit: head.unit,
            city: head.city,
            state: head.state,
            zip: head.zip,
          }
        : this.address()),
      phone: head && head.phone !== "" && rng.chance(0.4) ? head.phone : rng.chance(0.85) ? this.phone() : "",
      email: "",
      ssn: this.ssn(),
    };
    // Twins: same household, same date of birth.
    if (head && rng.chance(0.02)) {
      p.year = head.year;
      p.month = head.month;
      p.day = head.day;
    }
    p.email = rng.chance(0.6) ? this.email(p.given, p.family, p.year) : "";
    if (!head) this.heads.push(p);
    return p;
  }
}
