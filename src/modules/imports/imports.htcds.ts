import { HTCDS_TABLES } from "../../stats/exports/htcds.ts";
import { AddPersonBody } from "../persons/persons.schema.ts";
import { plainZod } from "./imports.csv.ts";
import { HTCDS_CODES } from "./imports.fields.ts";
import type { HtcdsRows } from "./imports.htcds-read.ts";
import {
  checkValue,
  type ImportPlan,
  type PlannedCase,
  type PlannedPerson,
  type RowError,
} from "./imports.plan.ts";

const TABLES = Object.keys(HTCDS_TABLES) as (keyof typeof HTCDS_TABLES)[];

const GENDER: Record<string, string> = { Female: "female", Male: "male", NonConforming: "other" };
const AGE_LOW: Record<string, number> = {
  "0--8": 0,
  "9--17": 9,
  "18--20": 18,
  "21--23": 21,
  "24--26": 24,
  "27--29": 27,
  "30--38": 30,
  "39--47": 39,
  "48+": 48,
};
const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();

/**
 * Validates HTCDS tables and plans them as Harbor cases: persons by role with their CTDC attributes,
 * charges (NIBRS "other" becomes 90Z, which the export writes back as "other"), and each victim's
 * exploitation country. Every problem is reported with its table, row and column.
 */
export function planHtcds(
  input: HtcdsRows,
  mapping?: Record<string, string>,
): { plan: ImportPlan; errors: RowError[] } {
  const errors: RowError[] = [];
  const plan: ImportPlan = { cases: [], notes: [] };
  const unknownTables = Object.keys(input).filter((t) => !TABLES.includes(t as never));
  if (unknownTables.length) plan.notes.push(`tables not imported: ${unknownTables.join(", ")}`);
  const cell = (table: string, values: Record<string, string | null>, col: string) =>
    values[mapping?.[`${table}.${col}`] ?? col] ?? null;
  const each = (
    table: string,
    fn: (get: (col: string) => string | null, row: number, fail: (col: string, m: string) => void) => void,
  ) => {
    for (const { row, values } of input[table] ?? []) {
      const fail = (col: string, message: string) =>
        errors.push({ table, row, column: mapping?.[`${table}.${col}`] ?? col, message });
      const get = (col: string) => {
        const v = cell(table, values, col);
        const codes = HTCDS_CODES[`${table}.${col}`];
        if (v === null || !codes) return v;
        const parts = col === "vic_MethodsOfControl" || col === "vic_TypeOfExploitation" ? v.split(";") : [v];
        const bad = parts.find((p) => !codes.includes(p));
        if (bad === undefined) return v;
        fail(col, `"${bad.slice(0, 24)}" is not one of the allowed codes (see the template)`);
        return null;
      };
      fn(get, row, fail);
    }
  };
  if (!input.case?.length)
    errors.push({ table: "case", row: 0, column: "", message: "the case table is missing or empty" });
  const cases = new Map<string, PlannedCase>();
  each("case", (get, row, fail) => {
    const id = get("cas_ID");
    if (!id) return fail("cas_ID", "is empty; every case needs its id");
    if (cases.has(id)) return fail("cas_ID", `repeats the id of row ${cases.get(id)!.row}`);
    const started = get("cas_StartDate");
    if (started && "problem" in checkValue("date", started))
      fail("cas_StartDate", "is not a date written YYYY-MM-DD");
    cases.set(id, {
      ref: id,
      row,
      input: {
        title: `HTCDS case ${id.slice(0, 150)}`,
        traffickingType: (get("cas_TraffickingType") ?? undefined) as never,
        confirmation: (get("cas_Confirmation") ?? undefined) as never,
        leadAgencyType: (get("cas_LeadAgencyType") ?? undefined) as never,
        investigationStartedOn: started ?? undefined,
        incidentState: get("cas_State") ?? undefined,
      },
      persons: [],
    });
  });
  if ((input.case ?? []).some((r) => r.values.cas_AgenciesInvolved && r.values.cas_AgenciesInvolved !== "0"))
    plan.notes.push("cas_AgenciesInvolved not imported: HTCDS gives a count, not the agencies");
  const persons = new Map<string, { person: PlannedPerson; kind: string; row: number }>();
  each("person", (get, row, fail) => {
    const id = get("prs_ID");
    const caseId = get("prs_CaseID");
    const role = get("prs_Role");
    if (!id) return fail("prs_ID", "is empty; every person needs its id");
    if (persons.has(id)) return fail("prs_ID", `repeats the id of row ${persons.get(id)!.row}`);
    const kase = caseId ? cases.get(caseId) : undefined;
    if (!kase) return fail("prs_CaseID", caseId ? "names no case of the case table" : "is empty");
    if (!role) return fail("prs_Role", "is empty");
    const age = get("prs_AgeBroad");
    const sex = GENDER[get("prs_Gender") ?? ""];
    const person: PlannedPerson = {
      row,
      input: AddPersonBody.parse({
        role: role === "Victim" ? "victim" : "suspect",
        ...(sex ? { sex } : {}),
        ...(age && AGE_LOW[age] !== undefined ? { ageAtExploitation: AGE_LOW[age] } : {}),
        ...(get("prs_Citizenship") ? { citizenshipCountry: get("prs_Citizenship") } : {}),
      }),
      charges: [],
    };
    persons.set(id, { person, kind: role, row });
    kase.persons.push(person);
  });
  if ((input.person ?? []).some((r) => r.values.prs_AgeBroad && r.values.prs_AgeBroad !== "-99"))
    plan.notes.push("ages are imported as the lowest age of their HTCDS band");
  const personOf = (
    table: string,
    col: string,
    get: (c: string) => string | null,
    fail: (c: string, m: string) => void,
    kind: string,
  ) => {
    const id = get(col);
    const p = id ? persons.get(id) : undefined;
    if (!p) fail(col, id ? "names no person of the person table" : "is empty");
    else if (p.kind !== kind) fail(col, `names a ${p.kind}, but the ${table} table is for a ${kind}`);
    else return p.person;
    return undefined;
  };
  each("victim", (get, _row, fail) => {
    const p = personOf("victim", "vic_PersonID", get, fail, "Victim");
    if (!p) return;
    const control = get("vic_MethodsOfControl");
    const visa = get("vic_VisaCategory");
    const body = {
      ...p.input,
      ...(control ? { meansOfControl: control.split(";").map(snake) } : {}),
      ...(get("vic_TypeOfExploitation")
        ? { exploitationTypes: get("vic_TypeOfExploitation")!.split(";") }
        : {}),
      ...(get("vic_Industry") ? { industry: get("vic_Industry") } : {}),
      ...(get("vic_MethodOfRecruitment") ? { recruitment: get("vic_MethodOfRecruitment") } : {}),
      // "unknown" is what the export writes for no visa category: importing it would be a new fact.
      ...(visa && visa !== "unknown" ? { visaCategory: visa } : {}),
    };
    const parsed = AddPersonBody.safeParse(body);
    if (!parsed.success) for (const i of parsed.error.issues) fail(String(i.path[0]), plainZod(i.message));
    else p.input = parsed.data;
  });
  each("perpetrator", (get, _row, fail) => {
    personOf("perpetrator", "per_PersonID", get, fail, "Perpetrator");
  });
  if ((input.perpetrator ?? []).some((r) => r.values.per_Arrested === "1"))
    plan.notes.push("per_Arrested not imported: HTCDS gives no arrest date or agency");
  each("historic_event", (get, _row, fail) => {
    const p = personOf("historic_event", "hte_PersonID", get, fail, "Victim");
    const country = get("hte_Country");
    if (p && country) p.exploitationCountry = country;
  });
  const numberOf = (
    get: (c: string) => string | null,
    fail: (c: string, m: string) => void,
    col: string,
    max: number,
  ) => {
    const v = get(col);
    if (v === null) return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > max) {
      fail(col, `is not a whole number from 0 to ${max}`);
      return null;
    }
    return n;
  };
  each("charges", (get, row, fail) => {
    const p = personOf("charges", "chg_PersonID", get, fail, "Perpetrator");
    const statute = get("chg_Statute");
    if (!statute || !/^[A-Za-z0-9 .§()/-]{1,80}$/.test(statute))
      fail(
        "chg_Statute",
        statute ? "may hold letters, digits, spaces and . § ( ) / - only, up to 80 characters" : "is empty",
      );
    const nibrs = get("chg_NIBRSCode");
    const jurisdiction = get("chg_Jurisdiction");
    if (!nibrs) fail("chg_NIBRSCode", "is empty; every charge carries its NIBRS code");
    if (!jurisdiction) fail("chg_Jurisdiction", "is empty");
    for (const col of ["chg_FiledOn", "chg_DecidedOn"]) {
      const d = get(col);
      if (d && "problem" in checkValue("date", d)) fail(col, "is not a date written YYYY-MM-DD");
    }
    const outcome = get("chg_Outcome");
    const prisonMonths = numberOf(get, fail, "chg_PrisonMonths", 1200);
    const probationMonths = numberOf(get, fail, "chg_ProbationMonths", 1200);
    const restitutionCents = numberOf(get, fail, "chg_RestitutionCents", Number.MAX_SAFE_INTEGER);
    if (!outcome && (prisonMonths ?? probationMonths ?? restitutionCents) !== null)
      fail("chg_Outcome", "is empty, but the charge has a sentence");
    if (!p || !statute || !nibrs || !jurisdiction) return;
    p.charges.push({
      row,
      statute,
      nibrsCode: nibrs === "other" ? "90Z" : nibrs,
      jurisdiction,
      filedOn: get("chg_FiledOn"),
      outcome,
      decidedOn: get("chg_DecidedOn"),
      prisonMonths,
      probationMonths,
      restitutionCents,
    });
  });
  plan.cases = [...cases.values()];
  return { plan, errors };
}
