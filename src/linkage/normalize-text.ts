/** Matches strings that need no Unicode folding (printable ASCII only): the common fast path. */
const plainAscii = /^[\x20-\x7e]*$/;
/** Letters that do not decompose under NFD but have a conventional ASCII spelling. */
const special: Record<string, string> = {
  ß: "SS",
  Æ: "AE",
  æ: "AE",
  Ø: "O",
  ø: "O",
  Œ: "OE",
  œ: "OE",
  Ł: "L",
  ł: "L",
  Đ: "D",
  đ: "D",
  Þ: "TH",
  þ: "TH",
  ı: "I",
};

/**
 * Upper-cases, strips diacritics (José → JOSE, Nguyễn → NGUYEN) and turns every run of characters other than
 * letters and digits into one space. Non-Latin letters are kept (upper-cased), so Cyrillic or Arabic values still
 * compare with themselves.
 */
export function foldText(value: string): string {
  let s = value;
  if (!plainAscii.test(s)) {
    s = s.normalize("NFD").replace(/\p{M}+/gu, "");
    s = s.replace(/[ßÆæØøŒœŁłĐđÞþı]/g, (c) => special[c] ?? c);
  }
  return s
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Like {@link foldText} but also removes spaces, for identifiers (A12-345 678 → A12345678). */
export function foldCompact(value: string): string {
  return foldText(value).replace(/ /g, "");
}
