import { EXPLOITATION_TYPES, MEANS_OF_CONTROL, VISA_CATEGORIES } from "../../modules/cases/cases.vocab.ts";

/**
 * The rows the reports and exports are built from: Contract 1's case model (CASEWORK.md) flattened
 * to codes, counts and dates. Only what an aggregate needs; never a name, a narrative or a sealed
 * value. src/modules/stats/stats.repository.ts reads them (policy applied); everything in src/stats
 * is pure over arrays of these.
 */

export const TRAFFICKING_TYPES = ["sex", "labor", "sex_and_labor", "unknown"] as const;
export const CONFIRMATIONS = ["confirmed", "confirmed_not_trafficking", "open"] as const;
export const LEAD_AGENCY_TYPES = [
  "federal_le",
  "state_le",
  "local_le",
  "tribal_le",
  "prosecutor",
  "service_provider",
  "other",
  "none",
] as const;
export const SEXES = ["female", "male", "other", "unknown"] as const;
/** HTRS race/ethnicity categories (Contract 1 `race_ethnicity`). */
export const RACES = [
  "white",
  "black",
  "hispanic",
  "asian",
  "american_indian_alaska_native",
  "native_hawaiian_pacific_islander",
  "multiple",
  "other",
  "unknown",
] as const;
export const CITIZENSHIPS = [
  "us_citizen",
  "lawful_permanent_resident",
  "foreign_national",
  "unknown",
] as const;
// The case model's code lists, so a report's categories are exactly what a case can hold.
export { EXPLOITATION_TYPES, MEANS_OF_CONTROL };
export const VISAS = VISA_CATEGORIES;
export const SEX_INDUSTRIES = [
  "escort_services",
  "illicit_massage",
  "outdoor_solicitation",
  "residential",
  "bars_strip_clubs",
  "pornography",
  "remote_interactive",
  "personal_sexual_servitude",
] as const;
export const LABOR_INDUSTRIES = [
  "domestic_work",
  "agriculture",
  "travelling_sales",
  "restaurants",
  "peddling_begging",
  "commercial_cleaning",
  "construction",
  "hotels",
  "landscaping",
  "illicit_activities",
  "arts_entertainment",
  "carnivals",
  "forestry",
  "factories",
  "healthcare",
  "recreational_facilities",
] as const;
export const INDUSTRIES = [...SEX_INDUSTRIES, ...LABOR_INDUSTRIES, "other", "unknown"] as const;
export const NIBRS_CODES = ["64A", "64B", "40A", "40B", "40C", "370", "100", "other"] as const;
export const OUTCOMES = ["convicted", "pleaded_guilty", "acquitted", "dismissed", "pending"] as const;
export const JURISDICTIONS = ["federal", "state", "tribal"] as const;
export const RECRUITMENTS = [
  "intimate_partner",
  "family",
  "employer",
  "job_offer",
  "smuggling",
  "online",
  "other",
] as const;

/** One incident (a case). */
export interface IncidentRow {
  caseId: string;
  orgId: string;
  traffickingType: string;
  confirmation: string;
  leadAgencyType: string | null;
  /** Rows of case_agencies (HTRS "agencies involved"). */
  agencyCount: number;
  /** investigation_started_on, else the case's opening day (YYYY-MM-DD). */
  startedOn: string;
  incidentState: string | null;
  /** Year the case was opened (CTDC yearOfRegistration). */
  registeredYear: number;
}

/** One victim in a case the caller may see, already filtered by the statistics-consent rule. */
export interface VictimRow {
  personId: string;
  caseId: string;
  sex: string;
  age: number | null;
  raceEthnicity: string;
  citizenship: string;
  citizenshipCountry: string | null;
  visaCategory: string;
  meansOfControl: readonly string[];
  exploitationTypes: readonly string[];
  industry: string | null;
  recruitment: string | null;
  /** Country of the exploitation event, if recorded (ISO 3166-1 alpha-2). */
  exploitationCountry: string | null;
  incident: Pick<IncidentRow, "traffickingType" | "confirmation" | "incidentState" | "registeredYear">;
}

export interface ChargeRow {
  chargeId: string;
  statute: string;
  nibrsCode: string;
  jurisdiction: string;
  filedOn: string | null;
  outcome: string | null;
  decidedOn: string | null;
  prisonMonths: number | null;
  probationMonths: number | null;
  restitutionCents: number | null;
}

export interface SuspectRow {
  personId: string;
  caseId: string;
  sex: string;
  age: number | null;
  raceEthnicity: string;
  citizenship: string;
  arrested: boolean;
  charges: readonly ChargeRow[];
  incident: Pick<IncidentRow, "traffickingType" | "confirmation">;
}

export interface StatsRows {
  incidents: IncidentRow[];
  victims: VictimRow[];
  suspects: SuspectRow[];
}
