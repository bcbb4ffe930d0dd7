import { addDays, addMonths, ageOn, daysBetween, turns18On } from "./relief.dates.ts";
import { continuedPresence, tVisa, uVisa } from "./relief.immigration.ts";
import {
  INTERIM_EXTENSION_DAYS,
  INTERIM_LETTER_DAYS,
  type ReliefStatus,
  type ReliefType,
  U_SUPPLEMENT_B_VALID_MONTHS,
  type UVisaCrime,
  type VisaCategory,
} from "./relief.rules.ts";

/**
 * The eligibility view of one victim, computed from facts alone (no DB, no HTTP, no clock: `today` is
 * given). Reasons and missing facts are codes the web translates; nothing here is free text.
 */
export type Tri = "yes" | "no" | "unknown";

export interface ReliefRecord {
  type: ReliefType;
  status: ReliefStatus;
  filedOn?: string | null;
  decidedOn?: string | null;
  expiresOn?: string | null;
  /** HHS interim letter only: whether the 30-day extension was granted. */
  extended?: boolean;
}

export interface VictimFacts {
  citizenship?: "us_citizen" | "lawful_permanent_resident" | "foreign_national" | "unknown";
  dateOfBirth?: string | null;
  /** Used when no date of birth is known (e.g. estimated by the caseworker). */
  age?: number | null;
  ageWhenExploited?: number | null;
  visaCategory?: VisaCategory;
  severeFormTrafficking?: Tri;
  presentOnAccountOfTrafficking?: Tri;
  usNexus?: Tri;
  uVisaQualifyingCrimes?: UVisaCrime[];
  cooperatesWithLawEnforcement?: Tri;
  traumaException?: boolean;
  records?: ReliefRecord[];
}

export const PATHS = [
  "no_letter_needed",
  "hhs_certification",
  "hhs_interim_letter",
  "hhs_eligibility_letter",
  "continued_presence",
  "t_visa",
  "u_visa",
] as const;
export type PathId = (typeof PATHS)[number];
export type PathStatus = "eligible" | "possibly_eligible" | "not_applicable" | "needs_facts";

export interface Deadline {
  id: string;
  date: string;
  daysRemaining: number;
}
export interface PathView {
  path: PathId;
  status: PathStatus;
  reasons: string[];
  missing: string[];
  deadlines: Deadline[];
  record?: ReliefRecord;
}
export interface EligibilityView {
  today: string;
  turns18On: string | null;
  minor: boolean | null;
  paths: PathView[];
}

export const LIVE: ReliefStatus[] = ["filed", "pending", "granted"];
export const latest = (f: VictimFacts, type: ReliefType) =>
  (f.records ?? [])
    .filter((r) => r.type === type)
    .sort((a, b) => (b.filedOn ?? "").localeCompare(a.filedOn ?? ""))[0];

/** When an interim letter ends: 90 days from its grant, 120 with the extension. */
export function interimLetterExpiry(grantedOn: string, extended: boolean): string {
  return addDays(grantedOn, INTERIM_LETTER_DAYS + (extended ? INTERIM_EXTENSION_DAYS : 0));
}

/** The last day a U visa petition may be filed with a Supplement B signed on `signedOn`. */
export function uSupplementBFileBy(signedOn: string): string {
  return addMonths(signedOn, U_SUPPLEMENT_B_VALID_MONTHS);
}

/** The last day HHS can receive a child's Request for Assistance: the day before the 18th birthday. */
export function requestForAssistanceBy(dateOfBirth: string): string {
  return addDays(turns18On(dateOfBirth), -1);
}

export const deadline = (id: string, date: string, today: string): Deadline => ({
  id,
  date,
  daysRemaining: daysBetween(today, date),
});

export function path(
  p: PathId,
  status: PathStatus,
  reasons: string[],
  missing: string[] = [],
  deadlines: Deadline[] = [],
  record?: ReliefRecord,
): PathView {
  return record
    ? { path: p, status, reasons, missing, deadlines, record }
    : { path: p, status, reasons, missing, deadlines };
}

export function eligibility(f: VictimFacts, today: string): EligibilityView {
  const dob = f.dateOfBirth ?? null;
  const age = dob ? ageOn(dob, today) : (f.age ?? null);
  const minor = age === null ? null : age < 18;
  const t18 = dob ? turns18On(dob) : null;
  const cit = f.citizenship && f.citizenship !== "unknown" ? f.citizenship : null;
  const view: EligibilityView = { today, turns18On: t18, minor, paths: [] };
  if (cit === "us_citizen" || cit === "lawful_permanent_resident") {
    // Citizens and LPRs receive benefits without any HHS letter and need no immigration relief.
    view.paths.push(path("no_letter_needed", "eligible", [`is_${cit}`]));
    for (const p of PATHS.slice(1)) view.paths.push(path(p, "not_applicable", ["citizen_or_lpr_needs_none"]));
    return view;
  }
  const citMissing = cit ? [] : ["citizenship"];
  view.paths.push(certification(f, minor, citMissing));
  view.paths.push(...childLetters(f, today, dob, minor, citMissing));
  view.paths.push(continuedPresence(f, today, citMissing));
  view.paths.push(tVisa(f, citMissing));
  view.paths.push(uVisa(f, today, citMissing));
  return view;
}

export function trafficking(f: VictimFacts, reasons: string[], missing: string[]): boolean {
  if (f.severeFormTrafficking === "no") return false;
  if (f.severeFormTrafficking !== "yes") missing.push("severeFormTrafficking");
  else reasons.push("severe_form_trafficking");
  return true;
}

function certification(f: VictimFacts, minor: boolean | null, citMissing: string[]): PathView {
  const rec = latest(f, "hhs_certification");
  if (minor === true) return path("hhs_certification", "not_applicable", ["minor_gets_eligibility_letter"]);
  const reasons: string[] = [];
  const missing = [...citMissing];
  if (minor === null) missing.push("dateOfBirth");
  if (!trafficking(f, reasons, missing))
    return path("hhs_certification", "not_applicable", ["not_severe_form"]);
  const cp = latest(f, "continued_presence");
  const t = latest(f, "t_visa");
  const basis =
    cp?.status === "granted"
      ? "continued_presence_granted"
      : t?.status === "granted"
        ? "t_visa_granted"
        : t && (t.status === "filed" || t.status === "pending")
          ? "t_application_bona_fide"
          : null;
  if (basis) reasons.push(basis);
  else {
    reasons.push("needs_cp_or_t_application");
    missing.push("continuedPresenceOrTApplication");
  }
  if (f.cooperatesWithLawEnforcement === "no" && !f.traumaException)
    return path("hhs_certification", "not_applicable", ["declines_reasonable_requests"], [], [], rec);
  if (f.cooperatesWithLawEnforcement === "unknown" || f.cooperatesWithLawEnforcement === undefined)
    missing.push("cooperatesWithLawEnforcement");
  if (f.traumaException) reasons.push("trauma_exception");
  reasons.push("certification_never_expires");
  const status: PathStatus =
    missing.length === 0
      ? "eligible"
      : citMissing.length || minor === null
        ? "needs_facts"
        : "possibly_eligible";
  return path("hhs_certification", status, reasons, missing, [], rec);
}

function childLetters(
  f: VictimFacts,
  today: string,
  dob: string | null,
  minor: boolean | null,
  citMissing: string[],
): PathView[] {
  const interim = latest(f, "hhs_interim_letter");
  const letter = latest(f, "hhs_eligibility_letter");
  // A request that reached HHS before the 18th birthday keeps the path open after it (OTIP-PI-16-01).
  const requested = [interim, letter].find(
    (r) => r?.filedOn && LIVE.includes(r.status) && (!dob || r.filedOn < turns18On(dob)),
  );
  if (minor === false && !requested) {
    const reasons =
      dob && ageOn(dob, today) >= 18 && (f.ageWhenExploited ?? 99) < 18
        ? ["turned_18_without_request"]
        : ["adult_gets_certification"];
    return [
      path("hhs_interim_letter", "not_applicable", reasons),
      path("hhs_eligibility_letter", "not_applicable", reasons),
    ];
  }
  const reasons: string[] = [];
  const missing = [...citMissing];
  if (minor === null) missing.push("dateOfBirth");
  if (!trafficking(f, reasons, missing))
    return [
      path("hhs_interim_letter", "not_applicable", ["not_severe_form"]),
      path("hhs_eligibility_letter", "not_applicable", ["not_severe_form"]),
    ];
  reasons.push("no_law_enforcement_cooperation_needed");
  const deadlines: Deadline[] = [];
  if (dob && !requested) deadlines.push(deadline("request_before_18", requestForAssistanceBy(dob), today));
  const iReasons = [...reasons];
  const iDeadlines = [...deadlines];
  if (interim?.status === "granted" && interim.decidedOn) {
    const ends = interimLetterExpiry(interim.decidedOn, interim.extended === true);
    iDeadlines.push(
      deadline(interim.extended ? "interim_letter_expires_extended" : "interim_letter_expires", ends, today),
    );
    iReasons.push(ends < today ? "interim_letter_ended" : "interim_letter_active");
  }
  const status: PathStatus =
    missing.length === 0
      ? "eligible"
      : citMissing.length || minor === null
        ? "needs_facts"
        : "possibly_eligible";
  return [
    path(
      "hhs_interim_letter",
      status,
      [...iReasons, "interim_90_days_plus_30"],
      missing,
      iDeadlines,
      interim,
    ),
    path(
      "hhs_eligibility_letter",
      status,
      [...reasons, "eligibility_letter_after_consultation"],
      [...missing],
      deadlines,
      letter,
    ),
  ];
}
