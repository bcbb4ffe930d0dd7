import { STOP_WORDS } from "./search.stopwords.ts";

/**
 * The words of free text, as the search index sees them (pure: no keys, no I/O).
 *
 * - Folded: Unicode compatibility decomposition, combining marks removed, lower case ("Niño" → "nino",
 *   "ＡＢＣ" → "abc"), so a search matches with or without accents.
 * - Words are runs of letters and digits; everything else separates them ("555-0142" → "555", "0142").
 * - Stop words (English and Spanish) and one-character words are dropped; a word is cut at 40 characters.
 *
 * Prefixes: besides each whole word, a word of 4+ characters is indexed under its prefixes of 3 to 6
 * characters (shorter than the word), so "harb" finds "harbor". The trade-off, chosen deliberately:
 * - size: about 3 more tokens per distinct word (a 6+ letter word has 4 prefixes); tokens are stored
 *   per record and field as one deduplicated array, so a repeated word costs nothing more;
 * - leak: prefix tokens tell someone holding the database (not the key) that two records share a
 *   3-letter prefix, which is a coarser, more frequent, so more guessable, fact than a shared word.
 *   The cap at 6 characters limits how much of a long word's spelling the prefixes reveal, and
 *   prefix tokens are keyed apart from word tokens ("p|" vs "w|"), so they never equal a word's.
 * A query word of 3–6 characters matches words starting with it; other lengths match whole words.
 */
export const MIN_PREFIX = 3;
export const MAX_PREFIX = 6;
export const MAX_WORD = 40;

/** Lower case, accents folded (NFKD, combining marks removed). */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** The searchable words of a text, in order of appearance, each once. */
export function searchWords(text: string): string[] {
  const seen = new Set<string>();
  for (const match of foldText(text).matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].slice(0, MAX_WORD);
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    seen.add(word);
  }
  return [...seen];
}

/** What gets a token: each word ("w") and its prefixes ("p"), each once. */
export function indexTerms(text: string): { words: string[]; prefixes: string[] } {
  const words = searchWords(text);
  const prefixes = new Set<string>();
  for (const word of words) {
    for (let n = MIN_PREFIX; n <= Math.min(word.length - 1, MAX_PREFIX); n++) prefixes.add(word.slice(0, n));
  }
  return { words, prefixes: [...prefixes] };
}

/** How one query word is looked up: its word token, and its prefix token when it may be a prefix. */
export interface QueryTerm {
  word: string;
  prefix: boolean;
}

/** The terms of a query (every one must match). */
export function queryTerms(q: string): QueryTerm[] {
  return searchWords(q).map((word) => ({
    word,
    prefix: word.length >= MIN_PREFIX && word.length <= MAX_PREFIX,
  }));
}

/** Does a text contain a query term? The plain-text meaning of the index, for tests. */
export function textMatches(text: string, term: QueryTerm): boolean {
  return searchWords(text).some((w) => w === term.word || (term.prefix && w.startsWith(term.word)));
}
