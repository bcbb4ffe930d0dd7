import type { DirectoryFunction, Population, Requester } from "../directory/directory.schema.ts";

/** Who the victim is, as the scope check names it when it excludes a function. */
export type VictimKind = "foreignNational" | "usCitizen" | "lpr" | "minor" | "adult";

/** The words of a vocabulary in one language (the Spanish ones are reviewed data in `rules.es.json`). */
export interface Vocabulary {
  functions: Readonly<Record<DirectoryFunction, string>>;
  populations: Readonly<Record<Population, string>>;
  requesters: Readonly<Record<Requester, string>>;
  victim: Readonly<Record<VictimKind, string>>;
}

/**
 * The sentences the engine composes itself rather than reads from a rule: why the scope guard set a
 * function aside. The property tests show the rules never need the guard, but if a rule ever did, its
 * explanation must still be in the reader's language.
 */
export interface Wording {
  excluded(orgName: string, action: DirectoryFunction, why: string): string;
  servesOnly(populations: readonly Population[], victim: VictimKind): string;
  answersOnly(requesters: readonly Requester[]): string;
}

const EN_VICTIM: Record<VictimKind, string> = {
  foreignNational: "a foreign national",
  usCitizen: "a U.S. citizen",
  lpr: "a lawful permanent resident",
  minor: "a minor",
  adult: "an adult",
};

/** English, the original wording. */
export const ENGLISH_WORDING: Wording = {
  excluded: (orgName, action, why) => `Not ${orgName} (${action.replaceAll("_", " ")}): ${why}.`,
  servesOnly: (pops, victim) =>
    `it serves ${pops.includes("any") ? "anyone" : pops.join(", ").replaceAll("_", " ")} only, and the victim is ${EN_VICTIM[victim]}`,
  answersOnly: (requesters) => `it answers ${requesters.join(", ").replaceAll("_", " ")} only`,
};

/** The same sentences in Spanish, built from the reviewed vocabulary. */
export function spanishWording(v: Vocabulary): Wording {
  return {
    excluded: (orgName, action, why) => `${orgName} (${v.functions[action]}) no corresponde: ${why}.`,
    servesOnly: (pops, victim) =>
      `solo atiende a ${pops.map((p) => v.populations[p]).join(", ")}, y la víctima es ${v.victim[victim]}`,
    answersOnly: (requesters) =>
      `solo atiende consultas de ${requesters.map((r) => v.requesters[r]).join(", ")}`,
  };
}
