import { readFileSync } from "node:fs";
import { fromRoot } from "../../paths.ts";
import type { Facts } from "../routing/routing.schema.ts";

/**
 * Screening of a tip: DHS Blue Campaign indicators (observed or not) and a short TVIT-style screen
 * (yes/no/unknown answers) give a level with the codes that drove it. Pure: no HTTP, no store.
 * Weights live in data/tips/indicators.json so they are reviewed as data, not code.
 */
interface Item {
  code: string;
  weight: number;
  en: string;
  es: string;
}
interface IndicatorsFile {
  indicators: Item[];
  screen: Item[];
}

const file = JSON.parse(readFileSync(fromRoot("data", "tips", "indicators.json"), "utf8")) as IndicatorsFile;

export const INDICATORS = file.indicators;
export const SCREEN_QUESTIONS = file.screen;
export const INDICATOR_CODES = INDICATORS.map((i) => i.code) as [string, ...string[]];
export const SCREEN_CODES = SCREEN_QUESTIONS.map((i) => i.code) as [string, ...string[]];
export const LEVELS = ["none", "low", "medium", "high"] as const;
export type ScreeningLevel = (typeof LEVELS)[number];
export type ScreenAnswer = "yes" | "no" | "unknown";

export interface ScreeningInput {
  indicators?: string[];
  answers?: Partial<Record<string, ScreenAnswer>>;
}
export interface ScreeningResult {
  level: ScreeningLevel;
  score: number;
  /** Codes that raised the level, heaviest first. */
  drivers: string[];
  /** A possible foreign national minor: starts the 24-hour HHS notification clock. */
  foreignMinor: boolean;
}

const weightOf = new Map([...INDICATORS, ...SCREEN_QUESTIONS].map((i) => [i.code, i.weight]));
/** Any of these alone is trafficking on its face (a minor in commercial sex needs no force: 22 U.S.C. 7102). */
const DECISIVE = new Set(["juvenile_commercial_sex", "forced_to_work_or_sex"]);
// Thresholds: one strong sign (weight ≥ 4) is medium; two strong or several lesser signs are high.
const MEDIUM_AT = 4;
const HIGH_AT = 8;

/** True when the facts describe a possible foreign national minor (under 18, not a U.S. citizen or LPR). */
export function factsForeignMinor(facts: Facts | undefined): boolean {
  const v = facts?.victim;
  if (!v || v.age === undefined || v.age >= 18) return false;
  return (
    v.citizenship === "foreign_national" || v.nonimmigrantVisa === "work" || v.nonimmigrantVisa === "travel"
  );
}

/** The screening level of a tip's answers, with the indicators that drove it. */
export function screenTip(input: ScreeningInput, facts?: Facts): ScreeningResult {
  const yes = new Set<string>(input.indicators ?? []);
  for (const [code, answer] of Object.entries(input.answers ?? {})) if (answer === "yes") yes.add(code);
  const drivers = [...yes]
    .filter((c) => weightOf.has(c))
    .sort((a, b) => (weightOf.get(b) ?? 0) - (weightOf.get(a) ?? 0) || a.localeCompare(b));
  const score = drivers.reduce((sum, c) => sum + (weightOf.get(c) ?? 0), 0);
  const level: ScreeningLevel = drivers.some((c) => DECISIVE.has(c))
    ? "high"
    : score >= HIGH_AT
      ? "high"
      : score >= MEDIUM_AT
        ? "medium"
        : score > 0
          ? "low"
          : "none";
  const screenedMinor = yes.has("under_18") && (yes.has("foreign_born") || yes.has("not_citizen_or_lpr"));
  return { level, score, drivers, foreignMinor: screenedMinor || factsForeignMinor(facts) };
}

/** Queue priority: higher first. The clock outranks everything; then the screening level. */
export function priorityOf(result: ScreeningResult): number {
  return (result.foreignMinor ? 10 : 0) + LEVELS.indexOf(result.level);
}
