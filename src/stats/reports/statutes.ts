/**
 * Statute text → a fixed category (18 U.S.C. Chapter 77 and neighbours, domain.md §3). Reports count
 * by category, never by the text, so an unusual citation cannot appear as its own row label.
 */
export const STATUTES = [
  "18_usc_1581",
  "18_usc_1584",
  "18_usc_1589",
  "18_usc_1590",
  "18_usc_1591",
  "18_usc_1592",
  "18_usc_1594",
  "18_usc_2421_2423",
  "8_usc_1324",
  "state_law",
  "other",
] as const;

export function statuteCategory(text: string): string {
  const t = text.replace(/\s+/g, " ").trim().toUpperCase();
  const federal = /^18 U\.?S\.?C\.?(?: §+)? ?(\d{4})/.exec(t);
  if (federal) {
    const section = federal[1]!;
    if (["1581", "1584", "1589", "1590", "1591", "1592", "1594"].includes(section))
      return `18_usc_${section}`;
    if (["2421", "2422", "2423"].includes(section)) return "18_usc_2421_2423";
    return "other";
  }
  if (/^8 U\.?S\.?C\.?(?: §+)? ?1324\b/.test(t)) return "8_usc_1324";
  if (/^(?:[A-Z]{2}|STATE)\b/.test(t) && !/U\.?S\.?C/.test(t)) return "state_law";
  return "other";
}
