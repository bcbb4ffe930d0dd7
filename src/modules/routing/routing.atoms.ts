import { REQUESTERS } from "../directory/directory.schema.ts";
import { EXPLOITATION, type Facts, NEEDS } from "./routing.schema.ts";

/**
 * Rules do not read the facts JSON directly: they read "atoms", yes/no statements derived from it
 * (`victim.minor`, `exploitation.sex_trafficking`, `needs.data`). Each atom is three-valued: YES, NO or
 * UNKNOWN, encoded as 1, 0 and 0.5 so Kleene logic is min/max/1-x. Each atom belongs to one facts path,
 * the thing a question would ask for.
 */
export const YES = 1;
export const NO = 0;
export const UNKNOWN = 0.5;

const atomPaths: Array<[string, string]> = [
  ["victim.minor", "victim.age"],
  ["victim.adult", "victim.age"],
  ["victim.foreignNational", "victim.citizenship"],
  ["victim.usCitizen", "victim.citizenship"],
  ["victim.lpr", "victim.citizenship"],
  ["victim.visa.work", "victim.nonimmigrantVisa"],
  ["victim.visa.travel", "victim.nonimmigrantVisa"],
  ["victim.visa.none", "victim.nonimmigrantVisa"],
  ["victim.minorWhenExploited", "victim.ageWhenExploited"],
  ["victim.under16WhenExploited", "victim.ageWhenExploited"],
  ["victim.diplomaticDomesticWorker", "victim.visaCategory"],
  ["victim.cooperates", "victim.cooperatesWithLawEnforcement"],
  ["victim.traumaException", "victim.traumaException"],
  ["victim.presentOnAccountOfTrafficking", "victim.presentOnAccountOfTrafficking"],
  ["uVisa.qualifyingCrime", "uVisaQualifyingCrimes"],
  ["usNexus", "usNexus"],
  ...EXPLOITATION.map((x): [string, string] => [`exploitation.${x}`, "exploitation"]),
  ["labor.agricultureOrMigrantWork", "labor.agricultureOrMigrantWork"],
  ["labor.wageOrHourViolations", "labor.wageOrHourViolations"],
  ["labor.internationalChildOrForcedLabor", "labor.internationalChildOrForcedLabor"],
  ["location.inUnitedStates", "location.inUnitedStates"],
  ["location.abroad", "location.abroad"],
  ["online", "online"],
  ["nationalSecurity", "nationalSecurity"],
  ...REQUESTERS.map((x): [string, string] => [`requester.${x}`, "requester"]),
  ...NEEDS.map((x): [string, string] => [`needs.${x}`, "needs"]),
];

/** Atom names in index order. */
export const ATOMS: readonly string[] = atomPaths.map(([a]) => a);
/** Atom name → index into the atom vector. */
export const ATOM_INDEX: ReadonlyMap<string, number> = new Map(ATOMS.map((a, i) => [a, i]));
/** Atom index → the facts path a question would fill. */
export const ATOM_PATH: readonly string[] = atomPaths.map(([, p]) => p);
/** The facts paths that questions may ask about, in a stable order (also the tie-break order). */
export const PATHS: readonly string[] = [...new Set(ATOM_PATH)];

const idx = (a: string) => ATOM_INDEX.get(a)!;
const I = {
  minor: idx("victim.minor"),
  adult: idx("victim.adult"),
  fn: idx("victim.foreignNational"),
  usc: idx("victim.usCitizen"),
  lpr: idx("victim.lpr"),
  work: idx("victim.visa.work"),
  travel: idx("victim.visa.travel"),
  none: idx("victim.visa.none"),
  minorEx: idx("victim.minorWhenExploited"),
  under16Ex: idx("victim.under16WhenExploited"),
  dipl: idx("victim.diplomaticDomesticWorker"),
  coop: idx("victim.cooperates"),
  trauma: idx("victim.traumaException"),
  present: idx("victim.presentOnAccountOfTrafficking"),
  uCrime: idx("uVisa.qualifyingCrime"),
  nexus: idx("usNexus"),
};

/** The nonimmigrant visa kind a visa category implies (F-1 students and "other" say nothing about work). */
const VISA_KIND: Record<string, "work" | "travel" | "none" | undefined> = {
  "A-3": "work",
  "G-5": "work",
  "H-2A": "work",
  "H-2B": "work",
  "J-1": "work",
  "B-1/B-2": "travel",
  none: "none",
};
const bool = (v: boolean | undefined) => (v === undefined ? UNKNOWN : v ? YES : NO);

// Atom indices of each list and choice, looked up once: atomize runs on every evaluation.
const indices = (prefix: string, all: readonly string[]) => all.map((x) => idx(`${prefix}.${x}`));
const EXPLOITATION_AT = indices("exploitation", EXPLOITATION);
const NEEDS_AT = indices("needs", NEEDS);
const REQUESTER_AT = indices("requester", REQUESTERS);
const VISAS = ["work", "travel", "none"] as const;
const VISA_AT = indices("victim.visa", VISAS);
const FLAG_AT = {
  agricultureOrMigrantWork: idx("labor.agricultureOrMigrantWork"),
  wageOrHourViolations: idx("labor.wageOrHourViolations"),
  internationalChildOrForcedLabor: idx("labor.internationalChildOrForcedLabor"),
  inUnitedStates: idx("location.inUnitedStates"),
  abroad: idx("location.abroad"),
  online: idx("online"),
  nationalSecurity: idx("nationalSecurity"),
};

function setList(a: Float64Array, at: readonly number[], all: readonly string[], given?: readonly string[]) {
  // A list given with items is taken as complete (what is not listed is a no); absent or empty is unknown.
  const known = given !== undefined && given.length > 0;
  for (let k = 0; k < all.length; k++) a[at[k]!] = known ? (given.includes(all[k]!) ? YES : NO) : UNKNOWN;
}

function setOne(a: Float64Array, at: readonly number[], all: readonly string[], given: string | undefined) {
  for (let k = 0; k < all.length; k++)
    a[at[k]!] = given === undefined ? UNKNOWN : given === all[k] ? YES : NO;
}

/** Derives the atom vector from validated facts. */
export function atomize(f: Facts): Float64Array {
  const a = new Float64Array(ATOMS.length);
  const v = f.victim;
  const age = v?.age;
  a[I.minor] = age === undefined ? UNKNOWN : age < 18 ? YES : NO;
  a[I.adult] = 1 - a[I.minor]!;
  const given = v?.nonimmigrantVisa === "unknown" ? undefined : v?.nonimmigrantVisa;
  const category = v?.visaCategory;
  const visa = given ?? (category ? VISA_KIND[category] : undefined);
  let cit = v?.citizenship === "unknown" ? undefined : v?.citizenship;
  // Someone on a nonimmigrant work or travel visa is a foreign national even when citizenship was not given.
  if (cit === undefined && (visa === "work" || visa === "travel")) cit = "foreign_national";
  // Any visa category other than none/unknown (F-1 and "other" included) is held by a foreign national.
  if (cit === undefined && category && category !== "none" && category !== "unknown")
    cit = "foreign_national";
  a[I.fn] = cit === undefined ? UNKNOWN : cit === "foreign_national" ? YES : NO;
  a[I.usc] = cit === undefined ? UNKNOWN : cit === "us_citizen" ? YES : NO;
  a[I.lpr] = cit === undefined ? UNKNOWN : cit === "lawful_permanent_resident" ? YES : NO;
  if (cit === "us_citizen" || cit === "lawful_permanent_resident") {
    // Citizens and permanent residents hold no nonimmigrant visa, whatever else was said.
    a[I.work] = NO;
    a[I.travel] = NO;
    a[I.none] = YES;
  } else setOne(a, VISA_AT, VISAS, visa);
  // Age when exploited; a victim who is a minor now was a minor then.
  const ex = v?.ageWhenExploited;
  a[I.minorEx] = ex !== undefined ? (ex < 18 ? YES : NO) : age !== undefined && age < 18 ? YES : UNKNOWN;
  a[I.under16Ex] = ex !== undefined ? (ex < 16 ? YES : NO) : age !== undefined && age < 16 ? YES : UNKNOWN;
  a[I.dipl] =
    category === undefined || category === "unknown"
      ? UNKNOWN
      : category === "A-3" || category === "G-5"
        ? YES
        : NO;
  if (cit === "us_citizen" || cit === "lawful_permanent_resident") a[I.dipl] = NO;
  const coop = v?.cooperatesWithLawEnforcement;
  a[I.coop] = coop === undefined || coop === "unknown" ? UNKNOWN : coop === "yes" ? YES : NO;
  a[I.trauma] = bool(v?.traumaException);
  a[I.present] = bool(v?.presentOnAccountOfTrafficking);
  const crimes = f.uVisaQualifyingCrimes;
  a[I.uCrime] = crimes && crimes.length > 0 ? YES : UNKNOWN;
  // A crime committed in the U.S. has a U.S. nexus; outside the U.S. it still may (violation of U.S. law).
  a[I.nexus] =
    f.usNexus !== undefined ? bool(f.usNexus) : f.location?.inUnitedStates === true ? YES : UNKNOWN;
  setList(a, EXPLOITATION_AT, EXPLOITATION, f.exploitation);
  a[FLAG_AT.agricultureOrMigrantWork] = bool(f.labor?.agricultureOrMigrantWork);
  a[FLAG_AT.wageOrHourViolations] = bool(f.labor?.wageOrHourViolations);
  a[FLAG_AT.internationalChildOrForcedLabor] = bool(f.labor?.internationalChildOrForcedLabor);
  a[FLAG_AT.inUnitedStates] = bool(f.location?.inUnitedStates);
  a[FLAG_AT.abroad] = bool(f.location?.abroad);
  a[FLAG_AT.online] = bool(f.online);
  a[FLAG_AT.nationalSecurity] = bool(f.nationalSecurity);
  setOne(a, REQUESTER_AT, REQUESTERS, f.requester);
  setList(a, NEEDS_AT, NEEDS, f.needs);
  return a;
}

/** A way to answer one question: the atoms it would set. */
export type Patch = ReadonlyArray<readonly [number, number]>;

function onlyOne(prefix: string, all: readonly string[]): Patch[] {
  return all.map((x) => all.map((y) => [idx(`${prefix}.${y}`), x === y ? YES : NO] as const));
}
const yesNo = (atom: string): Patch[] => [[[idx(atom), YES]], [[idx(atom), NO]]];

/**
 * For each facts path, the possible answers as atom patches. Used to ask "would knowing this change the
 * answer?": a list question is tried one value at a time, which is enough to find every rule it can switch.
 */
export const CANDIDATES: ReadonlyMap<string, Patch[]> = new Map([
  [
    "victim.age",
    [
      [
        [I.minor, YES],
        [I.adult, NO],
      ],
      [
        [I.minor, NO],
        [I.adult, YES],
      ],
    ],
  ],
  ["victim.citizenship", onlyOne("victim", ["foreignNational", "usCitizen", "lpr"])],
  ["victim.nonimmigrantVisa", onlyOne("victim.visa", ["work", "travel", "none"])],
  [
    "victim.ageWhenExploited",
    [
      [
        [I.minorEx, YES],
        [I.under16Ex, YES],
      ],
      [
        [I.minorEx, YES],
        [I.under16Ex, NO],
      ],
      [
        [I.minorEx, NO],
        [I.under16Ex, NO],
      ],
    ],
  ],
  ["victim.visaCategory", yesNo("victim.diplomaticDomesticWorker")],
  ["victim.cooperatesWithLawEnforcement", yesNo("victim.cooperates")],
  ["victim.traumaException", yesNo("victim.traumaException")],
  ["victim.presentOnAccountOfTrafficking", yesNo("victim.presentOnAccountOfTrafficking")],
  ["uVisaQualifyingCrimes", yesNo("uVisa.qualifyingCrime")],
  ["usNexus", yesNo("usNexus")],
  ["exploitation", onlyOne("exploitation", EXPLOITATION)],
  ["labor.agricultureOrMigrantWork", yesNo("labor.agricultureOrMigrantWork")],
  ["labor.wageOrHourViolations", yesNo("labor.wageOrHourViolations")],
  ["labor.internationalChildOrForcedLabor", yesNo("labor.internationalChildOrForcedLabor")],
  ["location.inUnitedStates", yesNo("location.inUnitedStates")],
  ["location.abroad", yesNo("location.abroad")],
  ["online", yesNo("online")],
  ["nationalSecurity", yesNo("nationalSecurity")],
  ["requester", onlyOne("requester", REQUESTERS)],
  ["needs", onlyOne("needs", NEEDS)],
]);
