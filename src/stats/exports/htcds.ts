import { ctdcAgeBand } from "../reports/bands.ts";
import type { StatsRows } from "../reports/rows.ts";

/**
 * The HTCDS tables (IOM's Human Trafficking Case Data Standard, domain.md §2) from the case model, codes
 * only: no names, no narratives, ages as bands. Harbor adds a `charges` table (HTCDS has none) so that
 * every charge carries its NIBRS offense code (`chg_NIBRSCode`, never empty: "other" when unknown).
 */

const STATUS: Record<string, string> = {
  open: "Active",
  confirmed: "Active",
  confirmed_not_trafficking: "Closed",
};
const GENDER: Record<string, string> = {
  female: "Female",
  male: "Male",
  other: "NonConforming",
  unknown: "Unknown",
};
const CONTROL: Record<string, string> = {
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

export const HTCDS_TABLES = {
  case: [
    "cas_ID",
    "cas_Status",
    "cas_TraffickingType",
    "cas_Confirmation",
    "cas_LeadAgencyType",
    "cas_AgenciesInvolved",
    "cas_StartDate",
    "cas_State",
  ],
  person: ["prs_ID", "prs_CaseID", "prs_Role", "prs_Gender", "prs_AgeBroad", "prs_Citizenship"],
  victim: [
    "vic_PersonID",
    "vic_MethodsOfControl",
    "vic_TypeOfExploitation",
    "vic_Industry",
    "vic_MethodOfRecruitment",
    "vic_VisaCategory",
  ],
  perpetrator: ["per_PersonID", "per_Arrested"],
  historic_event: ["hte_PersonID", "hte_Type", "hte_Country"],
  charges: [
    "chg_ID",
    "chg_PersonID",
    "chg_Statute",
    "chg_NIBRSCode",
    "chg_Jurisdiction",
    "chg_FiledOn",
    "chg_Outcome",
    "chg_DecidedOn",
    "chg_PrisonMonths",
    "chg_ProbationMonths",
    "chg_RestitutionCents",
  ],
} as const;
export type HtcdsTableName = keyof typeof HTCDS_TABLES;
export type HtcdsExport = Record<HtcdsTableName, Array<Record<string, string | number | null>>>;

const NIBRS = /^(64A|64B|40A|40B|40C|370|100)$/;

export function htcdsExport(rows: StatsRows): HtcdsExport {
  return {
    case: rows.incidents.map((i) => ({
      cas_ID: i.caseId,
      cas_Status: STATUS[i.confirmation] ?? "Active",
      cas_TraffickingType: i.traffickingType,
      cas_Confirmation: i.confirmation,
      cas_LeadAgencyType: i.leadAgencyType,
      cas_AgenciesInvolved: i.agencyCount,
      cas_StartDate: i.startedOn,
      cas_State: i.incidentState,
    })),
    person: [
      ...rows.victims.map((v) => ({
        id: v.personId,
        caseId: v.caseId,
        role: "Victim",
        sex: v.sex,
        age: v.age,
        cit: v.citizenshipCountry,
      })),
      ...rows.suspects.map((s) => ({
        id: s.personId,
        caseId: s.caseId,
        role: "Perpetrator",
        sex: s.sex,
        age: s.age,
        cit: null,
      })),
    ].map((p) => {
      return {
        prs_ID: p.id,
        prs_CaseID: p.caseId,
        prs_Role: p.role,
        prs_Gender: GENDER[p.sex] ?? "Unknown",
        prs_AgeBroad: ctdcAgeBand(p.age),
        prs_Citizenship: p.cit,
      };
    }),
    victim: rows.victims.map((v) => ({
      vic_PersonID: v.personId,
      vic_MethodsOfControl: v.meansOfControl.map((m) => CONTROL[m] ?? "Other").join(";") || null,
      vic_TypeOfExploitation: v.exploitationTypes.join(";") || null,
      vic_Industry: v.industry,
      vic_MethodOfRecruitment: v.recruitment,
      vic_VisaCategory: v.visaCategory,
    })),
    perpetrator: rows.suspects.map((s) => ({ per_PersonID: s.personId, per_Arrested: s.arrested ? 1 : 0 })),
    historic_event: rows.victims
      .filter((v) => v.exploitationCountry)
      .map((v) => ({
        hte_PersonID: v.personId,
        hte_Type: "Exploitation",
        hte_Country: v.exploitationCountry,
      })),
    charges: rows.suspects.flatMap((s) =>
      s.charges.map((c) => ({
        chg_ID: c.chargeId,
        chg_PersonID: s.personId,
        chg_Statute: c.statute,
        chg_NIBRSCode: NIBRS.test(c.nibrsCode) ? c.nibrsCode : "other",
        chg_Jurisdiction: c.jurisdiction,
        chg_FiledOn: c.filedOn,
        chg_Outcome: c.outcome,
        chg_DecidedOn: c.decidedOn,
        chg_PrisonMonths: c.prisonMonths,
        chg_ProbationMonths: c.probationMonths,
        chg_RestitutionCents: c.restitutionCents,
      })),
    ),
  };
}
