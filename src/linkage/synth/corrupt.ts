import type { Rng } from "./random.ts";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Keyboard neighbours (QWERTY): most real typos hit an adjacent key. */
const NEAR: Record<string, string> = {
  A: "QSZ",
  B: "VNG",
  C: "XVD",
  D: "SFE",
  E: "WRD",
  F: "DGR",
  G: "FHT",
  H: "GJY",
  I: "UOK",
  J: "HKU",
  K: "JLI",
  L: "KO",
  M: "NJ",
  N: "BMH",
  O: "IPL",
  P: "OL",
  Q: "WA",
  R: "ETF",
  S: "ADW",
  T: "RYG",
  U: "YIJ",
  V: "CBF",
  W: "QES",
  X: "ZCS",
  Y: "TUH",
  Z: "XA",
};

/** One typing error: a neighbouring-key substitution, a dropped or doubled letter, or two letters transposed. */
export function typo(rng: Rng, s: string): string {
  if (s.length < 2) return s;
  const i = rng.int(s.length);
  const ch = s[i]!;
  switch (rng.int(4)) {
    case 0: {
      const near = NEAR[ch.toUpperCase()] ?? LETTERS;
      const r = near[rng.int(near.length)]!;
      return s.slice(0, i) + (ch === ch.toLowerCase() ? r.toLowerCase() : r) + s.slice(i + 1);
    }
    case 1:
      return s.length > 3 ? s.slice(0, i) + s.slice(i + 1) : s;
    case 2:
      return s.slice(0, i) + ch + s.slice(i);
    default: {
      const j = i < s.length - 1 ? i : i - 1;
      return s.slice(0, j) + s[j + 1] + s[j] + s.slice(j + 2);
    }
  }
}

/** One digit changed or two adjacent digits swapped, in a string of digits and separators. */
export function digitError(rng: Rng, s: string): string {
  const positions = [...s].map((c, i) => (c >= "0" && c <= "9" ? i : -1)).filter((i) => i >= 0);
  if (positions.length < 2) return s;
  const k = rng.int(positions.length - 1);
  const i = positions[k]!;
  if (rng.chance(0.5)) {
    const j = positions[k + 1]!;
    const arr = [...s];
    [arr[i], arr[j]] = [arr[j]!, arr[i]!];
    return arr.join("");
  }
  return s.slice(0, i) + String((Number(s[i]) + 1 + rng.int(9)) % 10) + s.slice(i + 1);
}

/** Re-cases a name the way different systems store it: upper, lower or title case. */
export function recase(rng: Rng, s: string): string {
  const r = rng.int(10);
  if (r < 4) return s;
  if (r < 5) return s.toLowerCase();
  return s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
}
