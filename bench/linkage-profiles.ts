/**
 * A second generator for the robustness benchmark, independent of `harbor synth persons` (src/linkage/synth): other
 * values, other record shapes, other corruption. Its vocabulary is taken from the public FEBRL files' original
 * records (Australian names, streets and suburbs: not Harbor's lists), and its profiles vary what the engine must
 * survive: how many values are empty, how often fields are corrupted, how many records a person has.
 * - `contact`: given name, surname, date of birth, city, e-mail (the shape of Splink's demo data), people with
 *   1 to many records each;
 * - `address`: FEBRL's layout (street number, street, second line, suburb, postcode, state, date of birth, id),
 *   each field corrupted on its own.
 * It is still made here, so it checks robustness, not performance on data nobody tuned for; the FEBRL files
 * (bench/linkage-febrl.bench.ts) are the figure on data made elsewhere.
 */
import { readFileSync } from "node:fs";
import { typo } from "../src/linkage/synth/corrupt.ts";
import { Rng } from "../src/linkage/synth/random.ts";

/** What a profile varies. */
export interface Profile {
  name: string;
  layout: "contact" | "address";
  /** Chance that any one value of a duplicate is empty (originals keep a fifth of it). */
  missing: number;
  /** Chance that any one value of a duplicate is corrupted (typo, digit error, changed e-mail domain…). */
  corrupt: number;
  /** Mean number of extra records per person (geometric), so clusters of several records occur. */
  extraRecords: number;
}

interface Vocabulary {
  given: string[];
  surname: string[];
  street: string[];
  place: string[];
  suburb: string[];
  postcode: string[];
  state: string[];
}

function vocabulary(): Vocabulary {
  const lines = readFileSync(new URL("../data/benchmarks/febrl/dataset2.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",").map((f) => f.trim()))
    .filter((f) => f[0]!.endsWith("-org"));
  const column = (k: number) => [...new Set(lines.map((f) => f[k]!).filter((x) => x !== ""))];
  return {
    given: column(1),
    surname: column(2),
    street: column(4),
    place: column(5),
    suburb: column(6),
    postcode: column(7),
    state: column(8),
  };
}

const DOMAINS = ["mail.example", "post.example", "inbox.example", "webmail.example"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A person's true values, by column. */
type Person = Record<string, string>;

function person(rng: Rng, v: Vocabulary, layout: Profile["layout"]): Person {
  const given = rng.pick(v.given);
  const surname = rng.pick(v.surname);
  const dob = `${1930 + rng.int(75)}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`;
  if (layout === "contact")
    return {
      first_name: given,
      surname,
      dob,
      city: rng.pick(v.suburb),
      email: `${given}.${surname}${rng.int(100)}@${rng.pick(DOMAINS)}`,
    };
  return {
    given_name: given,
    surname,
    street_number: String(1 + rng.int(200)),
    address_1: rng.pick(v.street),
    address_2: rng.chance(0.5) ? rng.pick(v.place) : "",
    suburb: rng.pick(v.suburb),
    postcode: rng.pick(v.postcode),
    state: rng.pick(v.state),
    date_of_birth: dob.replace(/-/g, ""),
    soc_sec_id: String(1_000_000 + rng.int(9_000_000)),
  };
}

function corruptValue(rng: Rng, column: string, value: string): string {
  if (value === "") return value;
  if (column === "email")
    return rng.chance(0.5) ? typo(rng, value) : value.replace(/@.*/, `@${rng.pick(DOMAINS)}`);
  if (/dob|date_of_birth|postcode|soc_sec_id|street_number/.test(column)) {
    const i = rng.int(value.length);
    const digit = value[i]!;
    if (digit < "0" || digit > "9") return value;
    return value.slice(0, i) + String((Number(digit) + 1 + rng.int(9)) % 10) + value.slice(i + 1);
  }
  return typo(rng, value);
}

/** Header of a layout: the record id and the entity first, then the person's columns. */
export function header(layout: Profile["layout"]): string[] {
  const columns =
    layout === "contact"
      ? ["first_name", "surname", "dob", "city", "email"]
      : [
          "given_name",
          "surname",
          "street_number",
          "address_1",
          "address_2",
          "suburb",
          "postcode",
          "state",
          "date_of_birth",
          "soc_sec_id",
        ];
  return ["unique_id", "cluster", ...columns];
}

/** Rows (header first) of `people` persons with their records under a profile; deterministic for a seed. */
export function generate(profile: Profile, people: number, seed: number): string[][] {
  const rng = new Rng(seed);
  const v = vocabulary();
  const cols = header(profile.layout);
  const rows: string[][] = [cols];
  let id = 0;
  for (let p = 0; p < people; p++) {
    const truth = person(rng, v, profile.layout);
    let records = 1;
    while (rng.chance(profile.extraRecords / (1 + profile.extraRecords))) records++;
    for (let r = 0; r < records; r++) {
      const row = [`r${id++}`, `p${p}`];
      for (const c of cols.slice(2)) {
        let value = truth[c] ?? "";
        // Originals are cleaner than later copies, as in FEBRL; every record can still lack a value.
        const missing = r === 0 ? profile.missing / 5 : profile.missing;
        if (rng.chance(missing)) value = "";
        else if (r > 0 && rng.chance(profile.corrupt)) value = corruptValue(rng, c, value);
        row.push(value);
      }
      rows.push(row);
    }
  }
  return rows;
}

/** The `--map` of a layout. */
export function roleMap(layout: Profile["layout"], withId: boolean): string {
  return layout === "contact"
    ? "given_name=first_name,family_name=surname,date_of_birth=dob,city=city,email=email"
    : "given_name=given_name,family_name=surname,street_number=street_number,street=address_1," +
        "address_line_2=address_2,city=suburb,postcode=postcode,state=state,date_of_birth=date_of_birth" +
        (withId ? ",national_id=soc_sec_id" : "");
}
