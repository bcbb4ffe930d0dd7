import {
  DEFAULT_THRESHOLD,
  type ProtectedTable,
  protectTable,
  type TableInput,
} from "../disclosure/suppression.ts";
import {
  AGENCY_COUNT_BANDS,
  agencyCountBand,
  PRISON_BANDS,
  prisonBand,
  REPORT_AGE_BANDS,
  reportAgeBand,
} from "./bands.ts";
import {
  CITIZENSHIPS,
  CONFIRMATIONS,
  INDUSTRIES,
  JURISDICTIONS,
  LEAD_AGENCY_TYPES,
  MEANS_OF_CONTROL,
  NIBRS_CODES,
  OUTCOMES,
  RACES,
  SEXES,
  type StatsRows,
  TRAFFICKING_TYPES,
  VISAS,
} from "./rows.ts";
import { US_STATES } from "./states.ts";
import { STATUTES, statuteCategory } from "./statutes.ts";

/**
 * The HTRS-style reports: pure functions from the rows the caller may see to tables of counts, each
 * protected by protectTable before it leaves. Categories are fixed vocabularies (never taken from the
 * data), so a row label cannot itself reveal that a rare value exists.
 */

export const REPORTS = ["incidents", "victims", "suspects", "hotline"] as const;
export type ReportName = (typeof REPORTS)[number];

export interface ReportFilters {
  from?: string;
  to?: string;
  traffickingType?: string;
  confirmation?: string;
  state?: string;
}

export interface ReportTable extends ProtectedTable {
  /** Stable id, also the i18n key of its title. */
  id: string;
  /** What is counted: incidents, victims, suspects, charges, adjudications, sentences. */
  unit: string;
  /** "multi": a person can be in several columns, so no total is published. */
  kind: "one_way" | "two_way" | "multi";
}

export interface Report {
  report: ReportName;
  filters: ReportFilters;
  threshold: number;
  tables: ReportTable[];
}

const inVocab = (vocab: readonly string[], v: string | null | undefined, fallback: string) =>
  v && vocab.includes(v) ? v : fallback;

function oneWay(
  id: string,
  unit: string,
  cols: readonly string[],
  values: string[],
): [string, string, TableInput, "one_way"] {
  const counts = cols.map((c) => values.filter((v) => v === c).length);
  return [id, unit, { rows: [unit], cols, counts: [counts], totals: "rows" }, "one_way"];
}

function multi(
  id: string,
  unit: string,
  cols: readonly string[],
  values: (readonly string[])[],
): [string, string, TableInput, "multi"] {
  const counts = cols.map((c) => values.filter((vs) => vs.includes(c)).length);
  return [id, unit, { rows: [unit], cols, counts: [counts], totals: "none" }, "multi"];
}

function twoWay(
  id: string,
  unit: string,
  rows: readonly string[],
  cols: readonly string[],
  pairs: Array<[string, string]>,
): [string, string, TableInput, "two_way"] {
  const counts = rows.map((r) => cols.map((c) => pairs.filter(([a, b]) => a === r && b === c).length));
  return [id, unit, { rows, cols, counts, totals: "both" }, "two_way"];
}

/** Keeps the rows inside the filters (date range on the incident's start day). */
export function filterRows(rows: StatsRows, f: ReportFilters): StatsRows {
  const keepCase = new Set(
    rows.incidents
      .filter(
        (i) =>
          (!f.from || i.startedOn >= f.from) &&
          (!f.to || i.startedOn <= f.to) &&
          (!f.traffickingType || i.traffickingType === f.traffickingType) &&
          (!f.confirmation || i.confirmation === f.confirmation) &&
          (!f.state || i.incidentState === f.state),
      )
      .map((i) => i.caseId),
  );
  return {
    incidents: rows.incidents.filter((i) => keepCase.has(i.caseId)),
    victims: rows.victims.filter((v) => keepCase.has(v.caseId)),
    suspects: rows.suspects.filter((s) => keepCase.has(s.caseId)),
  };
}

function tablesOf(name: ReportName, rows: StatsRows) {
  const { incidents, victims, suspects } = rows;
  switch (name) {
    case "incidents":
      return [
        twoWay(
          "incidents_by_type_confirmation",
          "incidents",
          TRAFFICKING_TYPES,
          CONFIRMATIONS,
          incidents.map((i) => [
            inVocab(TRAFFICKING_TYPES, i.traffickingType, "unknown"),
            inVocab(CONFIRMATIONS, i.confirmation, "open"),
          ]),
        ),
        oneWay(
          "incidents_by_lead_agency",
          "incidents",
          LEAD_AGENCY_TYPES,
          incidents.map((i) =>
            inVocab(LEAD_AGENCY_TYPES, i.leadAgencyType, i.leadAgencyType ? "other" : "none"),
          ),
        ),
        oneWay(
          "incidents_by_agency_count",
          "incidents",
          AGENCY_COUNT_BANDS,
          incidents.map((i) => agencyCountBand(i.agencyCount)),
        ),
      ];
    case "victims": {
      const foreign = victims.filter((v) => v.citizenship === "foreign_national");
      return [
        oneWay(
          "victims_by_age",
          "victims",
          REPORT_AGE_BANDS,
          victims.map((v) => reportAgeBand(v.age)),
        ),
        oneWay(
          "victims_by_sex",
          "victims",
          SEXES,
          victims.map((v) => inVocab(SEXES, v.sex, "unknown")),
        ),
        oneWay(
          "victims_by_race",
          "victims",
          RACES,
          victims.map((v) => inVocab(RACES, v.raceEthnicity, "unknown")),
        ),
        oneWay(
          "victims_by_citizenship",
          "victims",
          CITIZENSHIPS,
          victims.map((v) => inVocab(CITIZENSHIPS, v.citizenship, "unknown")),
        ),
        oneWay(
          "foreign_victims_by_visa",
          "victims",
          VISAS,
          foreign.map((v) => inVocab(VISAS, v.visaCategory, "unknown")),
        ),
      ];
    }
    case "suspects": {
      const charges = suspects.flatMap((s) => s.charges);
      const decided = charges.filter((c) => c.outcome);
      const sentenced = decided.filter((c) => c.outcome === "convicted" || c.outcome === "pleaded_guilty");
      return [
        oneWay(
          "suspects_by_sex",
          "suspects",
          SEXES,
          suspects.map((s) => inVocab(SEXES, s.sex, "unknown")),
        ),
        oneWay(
          "suspects_by_age",
          "suspects",
          REPORT_AGE_BANDS,
          suspects.map((s) => reportAgeBand(s.age)),
        ),
        oneWay(
          "suspects_by_race",
          "suspects",
          RACES,
          suspects.map((s) => inVocab(RACES, s.raceEthnicity, "unknown")),
        ),
        oneWay(
          "suspects_by_arrest",
          "suspects",
          ["arrested", "not_arrested"],
          suspects.map((s) => (s.arrested ? "arrested" : "not_arrested")),
        ),
        twoWay(
          "charges_by_nibrs_jurisdiction",
          "charges",
          NIBRS_CODES,
          JURISDICTIONS,
          charges.map((c) => [
            inVocab(NIBRS_CODES, c.nibrsCode, "other"),
            inVocab(JURISDICTIONS, c.jurisdiction, "state"),
          ]),
        ),
        oneWay(
          "charges_by_statute",
          "charges",
          STATUTES,
          charges.map((c) => statuteCategory(c.statute)),
        ),
        oneWay(
          "adjudications_by_outcome",
          "charges",
          OUTCOMES,
          decided.map((c) => inVocab(OUTCOMES, c.outcome, "pending")),
        ),
        oneWay(
          "sentences_by_prison_term",
          "sentences",
          PRISON_BANDS,
          sentenced.map((c) => prisonBand(c.prisonMonths)),
        ),
      ];
    }
    case "hotline":
      return [
        oneWay(
          "incidents_by_state",
          "incidents",
          [...US_STATES, "unknown"],
          incidents.map((i) => inVocab(US_STATES, i.incidentState, "unknown")),
        ),
        twoWay(
          "victims_by_industry_type",
          "victims",
          INDUSTRIES,
          TRAFFICKING_TYPES,
          victims.map((v) => [
            inVocab(INDUSTRIES, v.industry, v.industry ? "other" : "unknown"),
            inVocab(TRAFFICKING_TYPES, v.incident.traffickingType, "unknown"),
          ]),
        ),
        multi(
          "victims_by_means_of_control",
          "victims",
          MEANS_OF_CONTROL,
          victims.map((v) => v.meansOfControl),
        ),
      ];
  }
}

/** Builds one report over the rows the caller may see: filtered, counted, every table protected. */
export function buildReport(
  name: ReportName,
  rows: StatsRows,
  filters: ReportFilters = {},
  threshold = DEFAULT_THRESHOLD,
): Report {
  const kept = filterRows(rows, filters);
  const tables = tablesOf(name, kept).map(
    ([id, unit, input, kind]): ReportTable => ({
      id,
      unit,
      kind,
      ...protectTable(input, threshold),
    }),
  );
  return { report: name, filters, threshold, tables };
}
