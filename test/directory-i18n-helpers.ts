/**
 * Checks shared by the translation tests: a translation must keep what is not language (numbers, phone
 * numbers, statute citations, form numbers, acronyms) exactly as the English has it.
 */

// Acronyms that Spanish-language federal pages render differently.
const SPANISH_ACRONYM: Record<string, string> = { NGO: "ONG" };

/** The tokens of `english` that `spanish` lost: digit groups (1-888-373-7888, 7105, 24/7) and acronyms. */
export function lostTokens(english: string, spanish: string): string[] {
  const digits = english.match(/\d+(?:[,./\-–]\d+)*/g) ?? [];
  const acronyms = (english.match(/\b[A-Z]{2,}\b/g) ?? []).map((a) => SPANISH_ACRONYM[a] ?? a);
  return [...new Set([...digits, ...acronyms])].filter((t) => !spanish.includes(t));
}
