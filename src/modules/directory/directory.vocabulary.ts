// The directory's closed vocabularies and languages as plain data, without zod, so that the CLI's command
// definitions (and their help) can list them without loading the schemas. directory.schema.ts and
// directory.lang.ts build their zod enums from these and export them again.

/** What an entry does (the fixed vocabulary; also the routing answer's `action`). */
export const FUNCTIONS = [
  "investigate",
  "prosecute",
  "victim_services",
  "certification",
  "eligibility_letter",
  "immigration_relief",
  "funding",
  "technical_assistance",
  "research",
  "statistics",
  "awareness",
  "hotline",
  "information",
  "case_status",
  "policy",
  "publication",
  "coordination",
] as const;

/**
 * Who an entry serves. Two axes: citizenship (`foreign_nationals`, `us_citizens`) and age (`minors`,
 * `adults`); `any` lifts every restriction. A lawful permanent resident is on neither citizenship value
 * (HHS and the hotline count LPRs with citizens for benefits, but a "U.S. citizen" program need not take them).
 */
export const POPULATIONS = ["foreign_nationals", "us_citizens", "minors", "adults", "any"] as const;

/** Crime types: the routing facts' exploitation values, plus two labor categories the seed names. */
export const CRIME_TYPES = [
  "sex_trafficking",
  "labor_trafficking",
  "child_sexual_abuse_material",
  "online_enticement",
  "child_sex_tourism",
  "parental_child_abduction",
  "human_smuggling",
  "labor_law_violations",
  "international_child_labor",
] as const;

/**
 * The languages the directory and routing answers are written in. English is the reviewed original;
 * Spanish is reviewed data beside it (`*.es.json`). Source quotes stay in English in every language.
 */
export const LANGS = ["en", "es"] as const;
