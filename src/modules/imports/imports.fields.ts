import {
  AGENCY_TYPES,
  CONFIRMATIONS,
  EXPLOITATION_TYPES,
  INDUSTRIES,
  ISO_COUNTRIES,
  JURISDICTIONS,
  MEANS_OF_CONTROL,
  NIBRS_CODES,
  OUTCOMES,
  PERSON_ROLES,
  RACE_ETHNICITIES,
  RECRUITMENTS,
  SEXES,
  TRAFFICKING_TYPES,
  US_STATES,
  VISA_CATEGORIES,
} from "../cases/cases.vocab.ts";

/**
 * Harbor's importable fields, as data: the mapping template lists them with their allowed codes, and
 * the CSV planner reads a row through them. One CSV row is one person in a case; rows with the same
 * `caseRef` are one case (its fields taken from its first row), rows with the same `caseRef` and
 * `personRef` are one person (later rows add charges).
 */
export type FieldType = "text" | "code" | "codes" | "date" | "integer" | "boolean";
export interface ImportField {
  field: string;
  entity: "case" | "person" | "charge";
  type: FieldType;
  required?: boolean;
  codes?: readonly string[];
  about: string;
}

const CITIZENSHIPS = ["us_citizen", "lawful_permanent_resident", "foreign_national", "unknown"] as const;

export const CSV_FIELDS: readonly ImportField[] = [
  {
    field: "caseRef",
    entity: "case",
    type: "text",
    required: true,
    about: "your case number; rows sharing it are one case",
  },
  { field: "title", entity: "case", type: "text", required: true, about: "case title (sealed, searchable)" },
  { field: "narrative", entity: "case", type: "text", about: "case narrative (sealed, searchable)" },
  {
    field: "traffickingType",
    entity: "case",
    type: "code",
    codes: TRAFFICKING_TYPES,
    about: "HTRS type of trafficking",
  },
  {
    field: "confirmation",
    entity: "case",
    type: "code",
    codes: CONFIRMATIONS,
    about: "HTRS confirmation status",
  },
  {
    field: "leadAgencyType",
    entity: "case",
    type: "code",
    codes: AGENCY_TYPES,
    about: "type of the lead agency",
  },
  { field: "investigationStartedOn", entity: "case", type: "date", about: "YYYY-MM-DD" },
  { field: "incidentState", entity: "case", type: "code", codes: US_STATES, about: "USPS state code" },
  {
    field: "personRef",
    entity: "person",
    type: "text",
    about: "your person number in the case; rows sharing it are one person",
  },
  {
    field: "role",
    entity: "person",
    type: "code",
    required: true,
    codes: PERSON_ROLES,
    about: "the person's role in the case",
  },
  { field: "givenName", entity: "person", type: "text", about: "sealed" },
  { field: "familyName", entity: "person", type: "text", about: "sealed" },
  { field: "dateOfBirth", entity: "person", type: "date", about: "YYYY-MM-DD, sealed" },
  { field: "phone", entity: "person", type: "text", about: "sealed, blind-indexed" },
  { field: "email", entity: "person", type: "text", about: "sealed, blind-indexed" },
  { field: "address", entity: "person", type: "text", about: "sealed" },
  { field: "sex", entity: "person", type: "code", codes: SEXES, about: "CTDC gender" },
  {
    field: "ageAtExploitation",
    entity: "person",
    type: "integer",
    about: "0-120 (CTDC ageBroad is derived)",
  },
  {
    field: "raceEthnicity",
    entity: "person",
    type: "code",
    codes: RACE_ETHNICITIES,
    about: "HTRS race/ethnicity",
  },
  { field: "citizenship", entity: "person", type: "code", codes: CITIZENSHIPS, about: "HTRS citizenship" },
  {
    field: "citizenshipCountry",
    entity: "person",
    type: "code",
    codes: ISO_COUNTRIES,
    about: "ISO 3166-1 alpha-2",
  },
  {
    field: "visaCategory",
    entity: "person",
    type: "code",
    codes: VISA_CATEGORIES,
    about: "8 U.S.C. 1367 protected",
  },
  {
    field: "meansOfControl",
    entity: "person",
    type: "codes",
    codes: MEANS_OF_CONTROL,
    about: "CTDC means of control, separated by ;",
  },
  {
    field: "exploitationTypes",
    entity: "person",
    type: "codes",
    codes: EXPLOITATION_TYPES,
    about: "CTDC types of exploitation, separated by ;",
  },
  { field: "industry", entity: "person", type: "code", codes: INDUSTRIES, about: "Polaris typology" },
  {
    field: "recruitment",
    entity: "person",
    type: "code",
    codes: RECRUITMENTS,
    about: "method of recruitment",
  },
  { field: "immigrationStatus", entity: "person", type: "text", about: "sealed; 8 U.S.C. 1367 protected" },
  {
    field: "protected1367",
    entity: "person",
    type: "boolean",
    about: "true for a T/U visa or VAWA applicant",
  },
  {
    field: "chargeStatute",
    entity: "charge",
    type: "text",
    about: "a suspect's charge: the statute, e.g. 18 U.S.C. 1591",
  },
  {
    field: "chargeNibrsCode",
    entity: "charge",
    type: "code",
    codes: NIBRS_CODES,
    about: "NIBRS offense code (required with a charge)",
  },
  {
    field: "chargeJurisdiction",
    entity: "charge",
    type: "code",
    codes: JURISDICTIONS,
    about: "required with a charge",
  },
  { field: "chargeFiledOn", entity: "charge", type: "date", about: "YYYY-MM-DD" },
  { field: "chargeOutcome", entity: "charge", type: "code", codes: OUTCOMES, about: "adjudication outcome" },
  { field: "chargeDecidedOn", entity: "charge", type: "date", about: "YYYY-MM-DD" },
];

/** The HTCDS tables as `harbor export htcds` writes them, with the codes import accepts. */
export const HTCDS_CODES: Record<string, readonly string[]> = {
  "case.cas_TraffickingType": TRAFFICKING_TYPES,
  "case.cas_Confirmation": CONFIRMATIONS,
  "case.cas_LeadAgencyType": AGENCY_TYPES,
  "case.cas_State": US_STATES,
  "person.prs_Role": ["Victim", "Perpetrator"],
  "person.prs_Gender": ["Female", "Male", "NonConforming", "Unknown"],
  "person.prs_AgeBroad": [
    "0--8",
    "9--17",
    "18--20",
    "21--23",
    "24--26",
    "27--29",
    "30--38",
    "39--47",
    "48+",
    "-99",
  ],
  "person.prs_Citizenship": ISO_COUNTRIES,
  "victim.vic_MethodsOfControl": [
    "DebtBondage",
    "TakesEarnings",
    "RestrictsMovement",
    "Threats",
    "PsychologicalAbuse",
    "PhysicalAbuse",
    "SexualAbuse",
    "FalsePromises",
    "PsychoactiveSubstances",
    "WithholdsDocuments",
    "WithholdsNecessities",
    "Other",
  ],
  "victim.vic_TypeOfExploitation": EXPLOITATION_TYPES,
  "victim.vic_Industry": INDUSTRIES,
  "victim.vic_MethodOfRecruitment": RECRUITMENTS,
  "victim.vic_VisaCategory": VISA_CATEGORIES,
  "perpetrator.per_Arrested": ["0", "1"],
  "historic_event.hte_Type": ["Exploitation"],
  "historic_event.hte_Country": ISO_COUNTRIES,
  "charges.chg_NIBRSCode": [...NIBRS_CODES, "other"],
  "charges.chg_Jurisdiction": JURISDICTIONS,
  "charges.chg_Outcome": OUTCOMES,
};

/** The mapping template: every field mapped to a column of the same name, to edit. */
export function mappingTemplate(kind: "csv" | "htcds", htcdsTables: Record<string, readonly string[]>) {
  if (kind === "csv")
    return {
      kind,
      about:
        "Set each value of `columns` to the name of your file's column holding that Harbor field (remove fields you do not have). One row is one person in a case.",
      columns: Object.fromEntries(CSV_FIELDS.map((f) => [f.field, f.field])),
      fields: CSV_FIELDS,
    };
  const names = Object.entries(htcdsTables).flatMap(([t, cols]) => cols.map((c) => `${t}.${c}`));
  return {
    kind,
    about:
      "HTCDS tables as `harbor export htcds` writes them (JSON, the sectioned CSV, or a folder of <table>.csv). Set a value of `columns` to your column's name when it differs.",
    columns: Object.fromEntries(names.map((n) => [n, n.split(".")[1]])),
    fields: names.map((n) => ({ field: n, ...(HTCDS_CODES[n] ? { codes: HTCDS_CODES[n] } : {}) })),
  };
}
