import { readFileSync } from "node:fs";
import { fromRoot } from "../paths.ts";

/** Non-comment, non-blank lines of a shipped list (in `data/linkage`), trimmed. */
function lines(file: string): string[] {
  return readFileSync(fromRoot("data", "linkage", file), "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** Parses `CANONICAL: a, b, c` lines into a variant → canonical map (first mapping wins). */
function equivalenceMap(file: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of lines(file)) {
    const [head, tail] = line.split(":");
    if (!head || !tail) continue;
    const canonical = head.trim();
    for (const v of tail.split(",")) {
      const variant = v.trim();
      if (variant && variant !== canonical && !map.has(variant)) map.set(variant, canonical);
    }
  }
  return map;
}

/** A name list in rank order with Zipf-like weights `1/(rank+5)` (see data/linkage/README.md). */
export interface RankedList {
  names: string[];
  weights: Float64Array;
}

function ranked(file: string): RankedList {
  const names = [...new Set(lines(file))];
  return { names, weights: Float64Array.from(names, (_, i) => 1 / (i + 1 + 5)) };
}

let cache: ReferenceData | undefined;

/** All shipped lists, loaded once per process. */
export interface ReferenceData {
  /** Nickname → canonical given name (e.g. BILL → WILLIAM). */
  nicknames: Map<string, string>;
  /** Spelling variant → canonical transliteration (e.g. MOHAMED → MUHAMMAD). */
  transliterations: Map<string, string>;
  /** Street word → USPS abbreviation (e.g. STREET → ST). */
  streetAbbreviations: Map<string, string>;
  familyNames: RankedList;
  femaleNames: RankedList;
  maleNames: RankedList;
  streetNames: string[];
  places: { city: string; state: string; zip3: string }[];
}

/** Loads (once) and returns the reference lists from data/linkage. */
export function referenceData(): ReferenceData {
  if (cache) return cache;
  const streetAbbreviations = new Map<string, string>();
  for (const line of lines("street-abbreviations.txt")) {
    const [long, short] = line.split(/\s+/);
    if (long && short) streetAbbreviations.set(long, short);
  }
  cache = {
    nicknames: equivalenceMap("nicknames.txt"),
    transliterations: equivalenceMap("transliterations.txt"),
    streetAbbreviations,
    familyNames: ranked("family-names.txt"),
    femaleNames: ranked("given-names-female.txt"),
    maleNames: ranked("given-names-male.txt"),
    streetNames: lines("street-names.txt"),
    places: lines("places.txt").map((l) => {
      const [city = "", state = "", zip3 = "000"] = l.split(",");
      return { city, state, zip3 };
    }),
  };
  return cache;
}
