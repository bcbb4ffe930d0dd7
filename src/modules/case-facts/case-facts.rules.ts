import { badRequest } from "../../server/errors.ts";
import { statuteCategory } from "../../stats/reports/statutes.ts";
import type { NIBRS_CODES } from "../cases/cases.vocab.ts";

/**
 * The checks a case fact must pass beyond its fields' formats (pure; the service calls them before it
 * writes anything, so a failure is a 400 naming the field with nothing changed).
 */

type Nibrs = (typeof NIBRS_CODES)[number];

/**
 * The latest calendar date anywhere on Earth (UTC+14): a date a user in any time zone could call today.
 * A date after it is in the future for everyone.
 */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

export function notInFuture(field: string, day: string | null | undefined, now: Date): void {
  if (day && day > latestToday(now)) throw badRequest(`body.${field}: must not be in the future`);
}

export function notBefore(
  field: string,
  day: string | null | undefined,
  earliest: string | null,
  what: string,
) {
  if (day && earliest && day < earliest)
    throw badRequest(`body.${field}: must not be before ${what} (${earliest})`);
}

/**
 * NIBRS human-trafficking offenses by statute (domain.md §3): 18 U.S.C. 1591 is sex trafficking,
 * 64A Commercial Sex Acts; 1581, 1584, 1589, 1590 and 1592 are servitude, forced labor and their
 * documents, 64B Involuntary Servitude; 1594 (attempt, conspiracy) either. The Mann Act is not
 * servitude; smuggling (8 U.S.C. 1324) is neither. State and other statutes: any code.
 */
type Rule = { only: readonly Nibrs[] } | { not: readonly Nibrs[] };
const ALLOWED: Record<string, Rule> = {
  "18_usc_1591": { only: ["64A"] },
  "18_usc_1581": { only: ["64B"] },
  "18_usc_1584": { only: ["64B"] },
  "18_usc_1589": { only: ["64B"] },
  "18_usc_1590": { only: ["64B"] },
  "18_usc_1592": { only: ["64B"] },
  "18_usc_1594": { only: ["64A", "64B"] },
  "18_usc_2421_2423": { not: ["64B"] },
  "8_usc_1324": { not: ["64A", "64B"] },
};

const NAMES: Partial<Record<Nibrs, string>> = {
  "64A": "64A (commercial sex acts)",
  "64B": "64B (involuntary servitude)",
};

/** The NIBRS code must be one the statute can be reported under. */
export function checkNibrsMatchesStatute(statute: string, nibrs: Nibrs): void {
  const allowed = ALLOWED[statuteCategory(statute)];
  if (!allowed) return;
  if ("only" in allowed) {
    if (!allowed.only.includes(nibrs))
      throw badRequest(
        `body.nibrsCode: ${statute} is reported as ${allowed.only.map((c) => NAMES[c] ?? c).join(" or ")}, not ${nibrs}`,
      );
  } else if (allowed.not.includes(nibrs)) {
    throw badRequest(`body.nibrsCode: ${statute} is not reported as ${NAMES[nibrs] ?? nibrs}`);
  }
}

/** Outcomes after which a sentence can follow. */
export const CONVICTIONS = ["convicted", "pleaded_guilty"] as const;
