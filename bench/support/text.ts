import { readFileSync } from "node:fs";
import path from "node:path";

const DATA = path.resolve(import.meta.dirname, "../../data");

/**
 * A seeded generator, so every store gets the same cases and the same queries. Mulberry32: the linear
 * congruential generator it replaced made consecutive draws depend on each other, so a case's date
 * decided its words (the newest 600 cases held no "motel", which 44% of all cases held).
 */
export function seeded(seed = 42) {
  let state = seed >>> 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  // Zipf-like: low indexes far more often (natural text).
  const zipf = <T>(xs: readonly T[]) => xs[Math.floor(xs.length * rand() ** 3)]!;
  return { rand, pick, zipf };
}
export type Random = ReturnType<typeof seeded>;

const lines = (file: string) => readFileSync(path.join(DATA, file), "utf8").split("\n");

/** Words of case text: a public report's prose, places, given names, the trade's topics. */
export const WORDS = {
  corpus: readFileSync(path.join(DATA, "directory/federal-anti-trafficking-efforts.txt"), "utf8")
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]{3,}$/.test(w)),
  cities: lines("linkage/places.txt")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split(",")[0]!.toLowerCase()),
  given: lines("linkage/given-names-female.txt").filter((l) => l && !l.startsWith("#")),
  topics: `farm orchard restaurant kitchen hotel motel massage parlor nail salon construction site warehouse
factory cleaning crew domestic worker nanny housekeeper truck stop bar club escort online ad apartment trailer
ranch dairy vineyard landscaping carnival peddling begging debt passport visa recruiter smuggler boyfriend
employer uncle cousin threats beaten locked withheld wages documents phone moved motel shift`.split(/\s+/),
  verbs:
    "reported said called described arrived left worked lived escaped met paid owed moved took kept".split(
      " ",
    ),
};

/** A case title of a few words, e.g. "Orchard — Laredo". */
export const caseTitle = (r: Random) => `${r.pick(WORDS.topics)} — ${r.pick(WORDS.cities)}`;

/** A synthetic narrative of 40–100 words: prose, topics, verbs, places, names and 4-digit numbers. */
export function narrative(r: Random): string {
  const words: string[] = [];
  const n = 40 + Math.floor(r.rand() * 60);
  for (let i = 0; i < n; i++) {
    const x = r.rand();
    words.push(
      x < 0.45
        ? r.zipf(WORDS.corpus)
        : x < 0.7
          ? r.zipf(WORDS.topics)
          : x < 0.8
            ? r.pick(WORDS.verbs)
            : x < 0.88
              ? r.pick(WORDS.cities)
              : x < 0.94
                ? r.pick(WORDS.given)
                : String(Math.floor(r.rand() * 10_000)).padStart(4, "0"),
    );
  }
  return words.join(" ");
}
