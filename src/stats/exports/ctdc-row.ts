import { ctdcAgeBand } from "../reports/bands.ts";
import type { VictimRow } from "../reports/rows.ts";

/**
 * One victim → one row in CTDC's k-anonymized column layout (domain.md §2, dictionary 20210825):
 * 0/1 flags, `ageBroad` bands, ISO 3166-1 alpha-2 countries, "-99" for not reported. Harbor keeps the
 * age at exploitation only, so `ageBroad` and `majorityStatusAtExploit` come from it and
 * `majorityStatus`, `majorityEntry` and `isAbduction` are "-99".
 */

const MEANS: Record<string, string> = {
  debt_bondage: "DebtBondage",
  takes_earnings: "TakesEarnings",
  restricts_movement: "RestrictsMovement",
  threats: "Threats",
  psychological_abuse: "PsychologicalAbuse",
  physical_abuse: "PhysicalAbuse",
  sexual_abuse: "SexualAbuse",
  false_promises: "FalsePromises",
  psychoactive_substances: "PsychoactiveSubstances",
  withholds_documents: "WithholdsDocuments",
  withholds_necessities: "WithholdsNecessities",
  other: "Other",
};
const MEANS_COLUMNS = [
  "DebtBondage",
  "TakesEarnings",
  "RestrictsFinancialAccess",
  "Threats",
  "PsychologicalAbuse",
  "PhysicalAbuse",
  "SexualAbuse",
  "FalsePromises",
  "PsychoactiveSubstances",
  "RestrictsMovement",
  "RestrictsMedicalCare",
  "ExcessiveWorkingHours",
  "UsesChildren",
  "ThreatOfLawEnforcement",
  "WithholdsNecessities",
  "WithholdsDocuments",
  "Other",
  "NotSpecified",
];
const LABOUR: Record<string, string> = {
  agriculture: "Agriculture",
  construction: "Construction",
  domestic_work: "DomesticWork",
  hotels: "Hospitality",
  restaurants: "Hospitality",
  illicit_activities: "IllicitActivities",
  factories: "Manufacturing",
  peddling_begging: "Begging",
  travelling_sales: "Peddling",
};
const LABOUR_COLUMNS = [
  "Agriculture",
  "Aquafarming",
  "Begging",
  "Construction",
  "DomesticWork",
  "Hospitality",
  "IllicitActivities",
  "Manufacturing",
  "MiningOrDrilling",
  "Peddling",
  "Transportation",
  "Other",
  "NotSpecified",
];
const SEX: Record<string, string> = {
  escort_services: "Prostitution",
  illicit_massage: "Prostitution",
  outdoor_solicitation: "Prostitution",
  residential: "Prostitution",
  bars_strip_clubs: "Prostitution",
  pornography: "Pornography",
  remote_interactive: "RemoteInteractiveServices",
  personal_sexual_servitude: "PrivateSexualServices",
};
const SEX_COLUMNS = ["Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices"];
const RECRUITER: Record<string, string> = {
  intimate_partner: "IntimatePartner",
  family: "Family",
  employer: "Other",
  job_offer: "Other",
  smuggling: "Other",
  online: "Other",
  other: "Other",
};
const RECRUITER_COLUMNS = ["IntimatePartner", "Friend", "Family", "Other", "Unknown"];
const GENDER: Record<string, string> = { female: "Female", male: "Male" };

/** The quasi-identifiers k-anonymity is enforced over. */
export const QUASI_IDENTIFIERS = [
  "yearOfRegistration",
  "gender",
  "ageBroad",
  "majorityStatusAtExploit",
  "citizenship",
  "CountryOfExploitation",
] as const;

export const CTDC_COLUMNS = [
  "yearOfRegistration",
  "Datasource",
  "gender",
  "ageBroad",
  "majorityStatus",
  "majorityStatusAtExploit",
  "majorityEntry",
  "citizenship",
  ...MEANS_COLUMNS.map((c) => `meansOfControl${c}`),
  "meansOfControlConcatenated",
  "isForcedLabour",
  "isSexualExploit",
  "isOtherExploit",
  "isSexAndLabour",
  "isForcedMarriage",
  "isForcedMilitary",
  "isOrganRemoval",
  "isSlaveryAndPractices",
  "typeOfExploitConcatenated",
  ...LABOUR_COLUMNS.map((c) => `typeOfLabour${c}`),
  "typeOfLabourConcatenated",
  ...SEX_COLUMNS.map((c) => `typeOfSex${c}`),
  "typeOfSexConcatenated",
  "isAbduction",
  "RecruiterRelationship",
  "CountryOfExploitation",
  ...RECRUITER_COLUMNS.map((c) => `recruiterRelation${c}`),
] as const;

export type CtdcRow = Record<(typeof CTDC_COLUMNS)[number], string | number>;

const flag = (b: boolean) => (b ? 1 : 0);
const iso = (code: string | null) => (code && /^[A-Za-z]{2}$/.test(code) ? code.toUpperCase() : "-99");

export function ctdcRow(v: VictimRow): CtdcRow {
  const means = new Set(v.meansOfControl.map((m) => MEANS[m]).filter(Boolean));
  const labour = v.industry ? LABOUR[v.industry] : undefined;
  const sexType = v.industry ? SEX[v.industry] : undefined;
  const types = new Set(v.exploitationTypes);
  const isSex =
    types.has("sexual") ||
    v.incident.traffickingType === "sex" ||
    v.incident.traffickingType === "sex_and_labor";
  const isLabour =
    types.has("forced_labour") ||
    v.incident.traffickingType === "labor" ||
    v.incident.traffickingType === "sex_and_labor";
  const labourOn = isLabour ? (labour ?? (v.industry && !sexType ? "Other" : "NotSpecified")) : undefined;
  const recruiter = v.recruitment ? (RECRUITER[v.recruitment] ?? "Other") : "Unknown";
  const exploitNames = [
    isLabour && "Forced labour",
    isSex && "Sexual exploitation",
    types.has("forced_marriage") && "Forced marriage",
    types.has("organ_removal") && "Organ removal",
    types.has("other") && "Other",
  ].filter(Boolean);
  const row: Record<string, string | number> = {
    yearOfRegistration: v.incident.registeredYear,
    Datasource: "Case Management",
    gender: GENDER[v.sex] ?? "-99",
    ageBroad: ctdcAgeBand(v.age),
    majorityStatus: "-99",
    majorityStatusAtExploit: v.age === null ? "-99" : v.age < 18 ? "Minor" : "Adult",
    majorityEntry: "-99",
    citizenship: iso(v.citizenshipCountry ?? (v.citizenship === "us_citizen" ? "US" : null)),
  };
  for (const c of MEANS_COLUMNS)
    row[`meansOfControl${c}`] = flag(c === "NotSpecified" ? means.size === 0 : means.has(c));
  row.meansOfControlConcatenated = means.size ? [...means].join(";") : "-99";
  Object.assign(row, {
    isForcedLabour: flag(isLabour),
    isSexualExploit: flag(isSex),
    isOtherExploit: flag(types.has("other")),
    isSexAndLabour: flag(isSex && isLabour),
    isForcedMarriage: flag(types.has("forced_marriage")),
    isForcedMilitary: 0,
    isOrganRemoval: flag(types.has("organ_removal")),
    isSlaveryAndPractices: 0,
    typeOfExploitConcatenated: exploitNames.length ? exploitNames.join(";") : "-99",
  });
  for (const c of LABOUR_COLUMNS) row[`typeOfLabour${c}`] = flag(labourOn === c);
  row.typeOfLabourConcatenated = labourOn ?? "-99";
  for (const c of SEX_COLUMNS) row[`typeOfSex${c}`] = flag(isSex && sexType === c);
  row.typeOfSexConcatenated = isSex && sexType ? sexType : "-99";
  row.isAbduction = "-99";
  row.RecruiterRelationship = recruiter;
  row.CountryOfExploitation = iso(v.exploitationCountry);
  for (const c of RECRUITER_COLUMNS) row[`recruiterRelation${c}`] = flag(recruiter === c);
  return row as CtdcRow;
}
