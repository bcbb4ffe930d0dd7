import type { LocalizedEntry } from "./directory.i18n.ts";
import type { DirectoryEntry } from "./directory.schema.ts";

// One pure matcher shared by the CLI (which searches the data file) and the store (whose columns hold the
// same folded texts), so `harbor directory search` and `GET /api/v1/directory?q=` agree in both languages.
// Accents are folded here, in TypeScript, not with Postgres `unaccent`: the index and the query then fold
// identically on PGlite and PostgreSQL with no extra extension.

/** Lower-case, accents removed: "Educación" matches "educacion", "niños" matches "ninos". */
export const foldText = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** The English text an entry is searched by (the store indexes it as `search_text`). */
export function searchText(e: DirectoryEntry): string {
  return foldText(
    [
      e.name,
      e.abbreviation ?? "",
      ...e.aliases,
      e.kind.replace("_", " "),
      ...e.functions.map((f) => f.detail),
    ].join(" "),
  );
}

/**
 * The Spanish text an entry is searched by (the store indexes it as `search_text_es`), from the entry as
 * `localizeEntry` renders it: the Spanish name where there is one, the official name, abbreviation and
 * aliases (people type "FBI" or "USCIS" in any language), and the Spanish function details and notes.
 */
export function searchTextEs(e: LocalizedEntry): string {
  return foldText(
    [
      e.localName ?? "",
      e.name,
      e.abbreviation ?? "",
      ...e.aliases,
      ...e.functions.map((f) => f.detail),
      ...e.notes.map((n) => n.text),
    ].join(" "),
  );
}

/** The folded words of a query, at most `max` of them ("Línea  T" → ["linea", "t"]). */
export const searchWords = (q: string | undefined, max = Number.POSITIVE_INFINITY): string[] =>
  q ? foldText(q).split(/\s+/).filter(Boolean).slice(0, max) : [];

const trigrams = (w: string) => {
  const padded = `  ${w} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
};

/** Like pg_trgm's word similarity, roughly: a word close to one of the text's words (a typo) still matches. */
function nearWord(word: string, hay: string): boolean {
  const mine = trigrams(word);
  return hay.split(/[^\p{L}\p{N}]+/u).some((w) => {
    const theirs = trigrams(w);
    let shared = 0;
    for (const t of mine) if (theirs.has(t)) shared++;
    return shared / (mine.size + theirs.size - shared) >= 0.5;
  });
}

/** Whether every folded word occurs in the folded text or is close to one of its words. */
export const matchesWords = (words: readonly string[], hay: string): boolean =>
  words.every((w) => hay.includes(w) || nearWord(w, hay));
