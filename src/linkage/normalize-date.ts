/** Month names and abbreviations in English and Spanish, for dates such as "3 Apr 1990" or "3 abril 1990". */
const months: Record<string, number> = {};
[
  ["JAN", "JANUARY", "ENE", "ENERO"],
  ["FEB", "FEBRUARY", "FEBRERO"],
  ["MAR", "MARCH", "MARZO"],
  ["APR", "APRIL", "ABR", "ABRIL"],
  ["MAY", "MAYO"],
  ["JUN", "JUNE", "JUNIO"],
  ["JUL", "JULY", "JULIO"],
  ["AUG", "AUGUST", "AGO", "AGOSTO"],
  ["SEP", "SEPT", "SEPTEMBER", "SEPTIEMBRE", "SET"],
  ["OCT", "OCTOBER", "OCTUBRE"],
  ["NOV", "NOVEMBER", "NOVIEMBRE"],
  ["DEC", "DECEMBER", "DIC", "DICIEMBRE"],
].forEach((names, i) => {
  for (const n of names) months[n] = i + 1;
});

/** Two-digit years at or below this are read as 20YY, others as 19YY (births, so no future dates). */
const pivot = 26;

function year(y: number, digits: number): number {
  if (digits <= 2) return y <= pivot ? 2000 + y : 1900 + y;
  return y;
}

function pack(y: number, m: number, d: number): number {
  if (y < 1880 || y > 2030 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return y * 10000 + m * 100 + d;
}

/**
 * Year-first dates are unambiguous, so an impossible part there is a typo (1980-75-27, 2003-03-40, 1698-10-16):
 * keep the digits, which the date comparator scores as "one digit off" instead of losing the field.
 */
function packTypo(y: number, m: number, d: number): number {
  return pack(y, m, d) || (y >= 1000 && y <= 2999 && m <= 99 && d <= 99 ? y * 10000 + m * 100 + d : 0);
}

/**
 * Parses a date of birth into the integer YYYYMMDD, or 0 when it cannot be read.
 * Accepts ISO (1990-04-03, 19900403), U.S. slashes (04/03/1990, month first unless the first number exceeds 12),
 * European dots (03.04.1990, day first) and month names (3 Apr 1990, April 3, 1990, 03-APR-90).
 * Impossible days such as 31 February are kept, and so are impossible parts of year-first dates: they are
 * usually one-digit typos, which the date comparator scores as near-agreements rather than losing the field.
 */
export function parseDate(value: string): number {
  const s = value.trim().toUpperCase();
  if (s === "") return 0;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return packTypo(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return packTypo(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})([-/.])(\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const a = +m[1]!;
    const b = +m[3]!;
    const y = year(+m[4]!, m[4]!.length);
    const dayFirst = m[2] === "." || a > 12;
    return dayFirst ? pack(y, b, a) : pack(y, a, b);
  }
  m = /^(\d{1,2})[\s\-/.]*([A-Z]+)\.?[\s\-/.,]*(\d{2}|\d{4})$/.exec(s);
  if (m && months[m[2]!]) return pack(year(+m[3]!, m[3]!.length), months[m[2]!]!, +m[1]!);
  m = /^([A-Z]+)\.?\s+(\d{1,2})(?:ST|ND|RD|TH)?,?\s+(\d{2}|\d{4})$/.exec(s);
  if (m && months[m[1]!]) return pack(year(+m[3]!, m[3]!.length), months[m[1]!]!, +m[2]!);
  return 0;
}
