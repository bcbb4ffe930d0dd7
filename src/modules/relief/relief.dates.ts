/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so that a server's time zone never moves a
 * deadline by a day. Pure: no clock is read here; callers pass "today".
 */
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

export function isIsoDate(s: string): boolean {
  if (!ISO.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function toTime(s: string): number {
  if (!isIsoDate(s)) throw new RangeError(`not an ISO date: ${s}`);
  return Date.parse(`${s}T00:00:00Z`);
}

const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

export function addDays(s: string, days: number): string {
  return fromTime(toTime(s) + days * DAY);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY);
}

/**
 * The same calendar day `years` later. A 29 February birthday falls on 1 March in a common year (the
 * anniversary day does not exist; we take the later day so a minor is never treated as an adult early).
 */
export function addYears(s: string, years: number): string {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  toTime(s);
  return fromTime(Date.UTC(y + years, m - 1, d));
}

/** `months` later; a day past the end of the target month is clamped to its last day (31 Aug + 6m = 28/29 Feb). */
export function addMonths(s: string, months: number): string {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  toTime(s);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fromTime(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

/** Age in whole years on `on` (0 before the first birthday). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [y] = dateOfBirth.split("-").map(Number) as [number];
  const [oy] = on.split("-").map(Number) as [number];
  let age = oy - y;
  if (addYears(dateOfBirth, age) > on) age--;
  return age;
}

export const turns18On = (dateOfBirth: string) => addYears(dateOfBirth, 18);
