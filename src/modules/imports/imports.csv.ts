import { CsvParser } from "../../linkage/csv-read.ts";
import { AddPersonBody } from "../persons/persons.schema.ts";
import { CSV_FIELDS, type ImportField } from "./imports.fields.ts";
import {
  checkValue,
  type ImportPlan,
  type PlannedCase,
  type PlannedCharge,
  type PlannedPerson,
  type RowError,
} from "./imports.plan.ts";

/** Parsed CSV: the header and each data row with the physical line it starts on (a spreadsheet's row). */
export function readCsv(text: string): {
  header: string[];
  rows: { line: number; fields: string[] }[];
  errors: RowError[];
} {
  const all: { line: number; fields: string[] }[] = [];
  const errors: RowError[] = [];
  const parser = new CsvParser(
    (fields, line) => all.push({ fields, line }),
    (issue) => errors.push({ row: issue.line, column: "", message: issue.message }),
  );
  parser.push(text);
  parser.end();
  const [head, ...rows] = all;
  return {
    header: (head?.fields ?? []).map((h) => h.trim()),
    rows: rows.filter((r) => r.fields.some((f) => f.trim() !== "")),
    errors,
  };
}

/** Harbor field → the file's column: the mapping's choice, else a column named like the field. */
export function resolveColumns(header: string[], mapping: Record<string, string> | undefined) {
  const errors: RowError[] = [];
  const columns = new Map<string, number>();
  const known = new Set(CSV_FIELDS.map((f) => f.field));
  for (const [field, column] of Object.entries(mapping ?? {})) {
    if (!known.has(field)) {
      errors.push({
        row: 0,
        column,
        message: `the mapping names "${field}", which is not a Harbor field (see the template)`,
      });
      continue;
    }
    const at = header.indexOf(column);
    if (at < 0)
      errors.push({
        row: 1,
        column,
        message: `the mapping maps ${field} to this column, which the file does not have`,
      });
    else columns.set(field, at);
  }
  for (const f of CSV_FIELDS)
    if (!columns.has(f.field) && !mapping?.[f.field] && header.includes(f.field))
      columns.set(f.field, header.indexOf(f.field));
  for (const f of CSV_FIELDS.filter((x) => x.required))
    if (!columns.has(f.field) && !errors.some((e) => e.message.includes(` ${f.field} `)))
      errors.push({ row: 1, column: f.field, message: `no column holds ${f.field}, which every row needs` });
  return { columns, errors };
}

/**
 * Validates every row of a CSV (one person in a case per row) and plans the import. Every problem is
 * reported, with its line and column; the plan is only usable when there are none.
 */
export function planCsv(
  text: string,
  mapping?: Record<string, string>,
): { plan: ImportPlan; errors: RowError[] } {
  const { header, rows, errors } = readCsv(text);
  const { columns, errors: mapErrors } = resolveColumns(header, mapping);
  errors.push(...mapErrors);
  const plan: ImportPlan = { cases: [], notes: [] };
  const used = new Set(columns.values());
  const unused = header.filter((_, i) => !used.has(i));
  if (unused.length) plan.notes.push(`columns not imported: ${unused.join(", ")}`);
  if (mapErrors.length) return { plan, errors };
  const columnOf = (field: string) => header[columns.get(field)!] ?? field;
  const byCase = new Map<string, PlannedCase>();
  const byPerson = new Map<string, PlannedPerson>();
  const firstRowFailed = new Map<string, Set<string>>();
  for (const { line, fields } of rows) {
    const values: Record<string, unknown> = {};
    const failed = new Set<string>();
    const fail = (field: string, message: string) => {
      // One problem per cell: a bad code is not also reported as missing.
      if (failed.has(field)) return;
      failed.add(field);
      errors.push({ row: line, column: columnOf(field), message });
    };
    for (const f of CSV_FIELDS as ImportField[]) {
      const at = columns.get(f.field);
      const raw = at === undefined ? "" : (fields[at] ?? "").trim();
      if (raw === "") {
        if (f.required) fail(f.field, "is empty; every row needs it");
        continue;
      }
      const checked = checkValue(f.type, raw, f.codes);
      if ("problem" in checked) fail(f.field, checked.problem);
      else values[f.field] = checked.value;
    }
    const ref = values.caseRef as string | undefined;
    if (!ref || !values.role) continue;
    let kase = byCase.get(ref);
    if (!kase) {
      if (!values.title) continue;
      kase = {
        ref,
        row: line,
        input: {
          title: values.title as string,
          narrative: values.narrative as string | undefined,
          traffickingType: values.traffickingType as never,
          incidentState: values.incidentState as string | undefined,
          confirmation: values.confirmation as never,
          leadAgencyType: values.leadAgencyType as never,
          investigationStartedOn: values.investigationStartedOn as string | undefined,
        },
        persons: [],
      };
      if (kase.input.title.length > 200) fail("title", "is longer than 200 characters");
      if ((kase.input.narrative?.length ?? 0) > 20_000) fail("narrative", "is longer than 20,000 characters");
      byCase.set(ref, kase);
      firstRowFailed.set(ref, failed);
    } else
      for (const f of [
        "title",
        "traffickingType",
        "confirmation",
        "leadAgencyType",
        "incidentState",
      ] as const)
        if (
          values[f] !== undefined &&
          // A bad value on the case's first row is reported there, not again on every later row.
          !firstRowFailed.get(ref)?.has(f) &&
          values[f] !== (kase.input as unknown as Record<string, unknown>)[f]
        )
          fail(f, `differs from line ${kase.row}, the first row of case ${ref}; a case has one value`);
    const charge = chargeOf(values, line, fail);
    const personKey = values.personRef ? `${ref}\u0000${values.personRef as string}` : undefined;
    const existing = personKey ? byPerson.get(personKey) : undefined;
    if (existing) {
      if (charge) existing.charges.push(charge);
      continue;
    }
    const person = personInput(values, line, fail);
    if (!person) continue;
    if (charge && person.input.role !== "suspect")
      fail("chargeStatute", "a charge is for a suspect; this row's role is not suspect");
    if (charge) person.charges.push(charge);
    kase.persons.push(person);
    if (personKey) byPerson.set(personKey, person);
  }
  plan.cases = [...byCase.values()];
  if (!rows.length) errors.push({ row: 2, column: "", message: "the file has no data rows" });
  return { plan, errors };
}

const PERSON_FIELDS = CSV_FIELDS.filter((f) => f.entity === "person" && f.field !== "personRef").map(
  (f) => f.field,
);

function personInput(values: Record<string, unknown>, row: number, fail: (field: string, m: string) => void) {
  const body: Record<string, unknown> = {};
  for (const f of PERSON_FIELDS) if (values[f] !== undefined) body[f] = values[f];
  const parsed = AddPersonBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(String(issue.path[0] ?? "role"), plainZod(issue.message));
    return undefined;
  }
  const person: PlannedPerson = { row, input: parsed.data, charges: [] };
  return person;
}

function chargeOf(values: Record<string, unknown>, row: number, fail: (field: string, m: string) => void) {
  const given = [
    "chargeStatute",
    "chargeNibrsCode",
    "chargeJurisdiction",
    "chargeFiledOn",
    "chargeOutcome",
    "chargeDecidedOn",
  ].filter((f) => values[f] !== undefined);
  if (!given.length) return undefined;
  const statute = values.chargeStatute as string | undefined;
  if (!statute) fail("chargeStatute", "is empty, but the row has a charge");
  else if (!/^[A-Za-z0-9 .§()/-]{1,80}$/.test(statute))
    fail("chargeStatute", "may hold letters, digits, spaces and . § ( ) / - only, up to 80 characters");
  if (!values.chargeNibrsCode) fail("chargeNibrsCode", "is empty, but the row has a charge");
  if (!values.chargeJurisdiction) fail("chargeJurisdiction", "is empty, but the row has a charge");
  if (!statute || !values.chargeNibrsCode || !values.chargeJurisdiction) return undefined;
  return {
    row,
    statute,
    nibrsCode: values.chargeNibrsCode as string,
    jurisdiction: values.chargeJurisdiction as string,
    filedOn: (values.chargeFiledOn as string | undefined) ?? null,
    outcome: (values.chargeOutcome as string | undefined) ?? null,
    decidedOn: (values.chargeDecidedOn as string | undefined) ?? null,
    prisonMonths: null,
    probationMonths: null,
    restitutionCents: null,
  } satisfies PlannedCharge;
}

/** Zod's messages, as a person reads them (the column is named beside). */
export const plainZod = (message: string) =>
  message
    .replace(/^Invalid input: expected (\w+), received (\w+)$/, "is missing or not a $1")
    .replace(/^Invalid /, "is not a valid ");
