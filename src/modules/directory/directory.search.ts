import { readFileSync } from "node:fs";
import { z } from "zod";
import { fromRoot } from "../../paths.ts";
import type { LocalizedEntry } from "./directory.i18n.ts";
import type { Lang } from "./directory.lang.ts";
import type { DirectoryEntry } from "./directory.schema.ts";

// One pure matcher shared by the CLI (which searches the data file) and the store (whose columns hold the
// same texts and whose SQL applies the same rules), so `harbor directory search` and
// `GET /api/v1/directory?q=` find the same entries in both languages. Accents are folded here, in
// TypeScript, not with Postgres `unaccent`: the index and the query then fold identically on PGlite and
// PostgreSQL with no extra extension.
//
// A query word matches at the start of a word of the text ("visa" finds "visas", not "supervisa"), and
// a word of the search vocabulary (data/directory/search-terms.json) matches any word of its concept:
// the Spanish texts say "menores", "infantil" or "niños" where the English says "children", so without
// it Spanish finds a fraction of what English finds for the same meaning. Another word that matches
// nothing may be a typo: it then matches a word close to it (trigram similarity ≥ 0.5).

/** Lower-case, accents removed: "Educación" matches "educacion", "niños" matches "ninos". */
export const foldText = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

export const SEARCH_TERMS_FILE = fromRoot("data", "directory", "search-terms.json");

const word = z.string().trim().min(1);
const SearchTermsSchema = z.strictObject({
  about: z.string(),
  concepts: z.array(z.strictObject({ en: z.array(word).min(1), es: z.array(word).min(1) })).min(1),
  phrases: z.strictObject({ en: z.array(word), es: z.array(word) }),
});

interface Vocabulary {
  /** Per language: folded word → the folded words a query for it matches. */
  alternatives: Record<Lang, Map<string, readonly string[]>>;
  /** Per language: folded phrases, searched as one word. */
  phrases: Record<Lang, readonly string[]>;
  /** A digest of the file: the store's copy must be rewritten when phrases change. */
  text: string;
}

/** Folded, every run of non-letters and non-digits one space, with a space at each end: " a b ". */
const words = (s: string) =>
  ` ${foldText(s)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;

/** Parses the search vocabulary; throws naming the problem (a word in two concepts of one language). */
export function parseSearchTerms(raw: unknown, text = JSON.stringify(raw)): Vocabulary {
  const file = SearchTermsSchema.parse(raw);
  const alternatives = { en: new Map<string, string[]>(), es: new Map<string, string[]>() };
  for (const concept of file.concepts) {
    const en = concept.en.map((w) => words(w).trim());
    const es = concept.es.map((w) => words(w).trim());
    for (const [lang, own, also] of [
      ["en", en, []],
      ["es", es, en],
    ] as const) {
      for (const w of own) {
        if (!/^[\p{L}\p{N}]+$/u.test(w))
          throw new Error(`search terms: '${w}' is not one word (use phrases)`);
        if (alternatives[lang].has(w)) throw new Error(`search terms: '${w}' is in two ${lang} concepts`);
        alternatives[lang].set(w, [...new Set([...own, ...also])]);
      }
    }
  }
  const phrases = {
    en: file.phrases.en.map((p) => words(p).trim()),
    es: file.phrases.es.map((p) => words(p).trim()),
  };
  return { alternatives, phrases, text };
}

let vocabulary: Vocabulary | undefined;
/** The repository's search vocabulary, loaded once per process. */
export function searchVocabulary(): Vocabulary {
  if (!vocabulary) {
    const text = readFileSync(SEARCH_TERMS_FILE, "utf8");
    vocabulary = parseSearchTerms(JSON.parse(text), text);
  }
  return vocabulary;
}

/** The text as searched in `lang`: folded words, one space apart, phrases joined into one word. */
export function searchableText(s: string, lang: Lang): string {
  let out = words(s);
  for (const p of searchVocabulary().phrases[lang])
    out = out.replaceAll(` ${p} `, ` ${p.replaceAll(" ", "")} `);
  return out;
}

/** The English text an entry is searched by (the store indexes it as `search_text`). */
export function searchText(e: DirectoryEntry): string {
  return searchableText(
    [
      e.name,
      e.abbreviation ?? "",
      ...e.aliases,
      e.kind.replace("_", " "),
      ...e.functions.map((f) => f.detail),
      ...e.notes.map((n) => n.text),
    ].join(" "),
    "en",
  );
}

/**
 * The Spanish text an entry is searched by (the store indexes it as `search_text_es`), from the entry as
 * `localizeEntry` renders it: the Spanish name where there is one, the official name, abbreviation and
 * aliases (people type "FBI" or "USCIS" in any language), and the Spanish function details and notes.
 * The same parts as the English text, so both languages search the same facts.
 */
export function searchTextEs(e: LocalizedEntry): string {
  return searchableText(
    [
      e.localName ?? "",
      e.name,
      e.abbreviation ?? "",
      ...e.aliases,
      ...e.functions.map((f) => f.detail),
      ...e.notes.map((n) => n.text),
    ].join(" "),
    "es",
  );
}

/** The folded words of a query, at most `max` of them ("Línea  T" → ["linea", "t"]). */
export const searchWords = (
  q: string | undefined,
  max = Number.POSITIVE_INFINITY,
  lang: Lang = "en",
): string[] => (q ? searchableText(q, lang).trim().split(" ").filter(Boolean).slice(0, max) : []);

/** One query word as it is matched: any of `prefixes` at a word start, or, when `fuzzy`, a close word. */
export interface SearchTerm {
  word: string;
  prefixes: readonly string[];
  fuzzy: boolean;
}

/** The query's terms in `lang`: a vocabulary word stands for its concept, and is never taken for a typo. */
export function searchTerms(q: string | undefined, lang: Lang, max = Number.POSITIVE_INFINITY): SearchTerm[] {
  const known = searchVocabulary().alternatives[lang];
  return searchWords(q, max, lang).map((w) => {
    const alternatives = known.get(w);
    return alternatives
      ? { word: w, prefixes: alternatives, fuzzy: false }
      : { word: w, prefixes: [w], fuzzy: true };
  });
}

/** The minimum trigram similarity for a misspelt word (pg_trgm's `similarity`, which the store uses). */
export const TYPO_SIMILARITY = 0.5;

const trigrams = (w: string) => {
  const padded = `  ${w} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
};

/** pg_trgm's similarity of two words: shared trigrams over all trigrams, each word padded as pg_trgm does. */
function similarity(a: string, b: string): number {
  const mine = trigrams(a);
  const theirs = trigrams(b);
  let shared = 0;
  for (const t of mine) if (theirs.has(t)) shared++;
  return shared / (mine.size + theirs.size - shared);
}

/** Whether every term matches the searchable text (`searchableText`). */
export const matchesTerms = (terms: readonly SearchTerm[], hay: string): boolean =>
  terms.every(
    (t) =>
      t.prefixes.some((p) => hay.includes(` ${p}`)) ||
      (t.fuzzy &&
        hay
          .trim()
          .split(" ")
          .some((w) => similarity(t.word, w) >= TYPO_SIMILARITY)),
  );
