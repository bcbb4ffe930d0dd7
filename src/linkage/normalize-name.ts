import { foldText } from "./normalize-text.ts";
import { referenceData } from "./reference-data.ts";

/** Honorifics and generational suffixes: noise for matching. */
const noise = new Set([
  "MR",
  "MRS",
  "MS",
  "MISS",
  "DR",
  "JR",
  "SR",
  "II",
  "III",
  "IV",
  "PROF",
  "REV",
  "SRA",
  "SR",
  "SRTA",
]);

function tokens(value: string): string[] {
  return foldText(value)
    .split(" ")
    .filter((t) => t !== "" && !noise.has(t));
}

/** Applies the transliteration table (MOHAMED → MUHAMMAD) so spelling variants compare as equal. */
export function transliterate(name: string): string {
  return referenceData().transliterations.get(name) ?? name;
}

/**
 * Normalizes a given name: folds case and accents, drops titles, keeps the first token (middle names are too often
 * dropped or abbreviated to help) and applies transliterations. Nicknames are *not* folded here, so an exact match
 * stays distinguishable from a nickname match.
 */
export function normalizeGivenName(value: string): string {
  const t = tokens(value)[0];
  return t ? transliterate(t) : "";
}

/**
 * Normalizes a family name: folds case and accents, drops suffixes and joins particles and compound parts without
 * spaces (De la Cruz, DELACRUZ and De-La-Cruz all become DELACRUZ).
 */
export function normalizeFamilyName(value: string): string {
  const ts = tokens(value);
  if (ts.length === 1) return transliterate(ts[0]!);
  return ts.join("");
}

/**
 * Splits a full name into given and family parts. "FAMILY, Given" (with a comma) is read family-first; otherwise
 * the first token is the given name and the last is the family name.
 */
export function splitFullName(value: string): { given: string; family: string } {
  const comma = value.indexOf(",");
  if (comma >= 0) {
    return {
      family: normalizeFamilyName(value.slice(0, comma)),
      given: normalizeGivenName(value.slice(comma + 1)),
    };
  }
  const ts = tokens(value);
  if (ts.length === 0) return { given: "", family: "" };
  if (ts.length === 1) return { given: "", family: transliterate(ts[0]!) };
  return { given: transliterate(ts[0]!), family: transliterate(ts[ts.length - 1]!) };
}

/** The canonical form of a given name for nickname matching (BILL → WILLIAM); the name itself when none. */
export function canonicalGivenName(name: string): string {
  return referenceData().nicknames.get(name) ?? name;
}
