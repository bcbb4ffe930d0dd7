import type { OpenCaseInput } from "../cases/cases.service.ts";
import type { AddPersonReq } from "../persons/persons.schema.ts";

/**
 * What an import will create, validated, before anything is written: cases with their persons, the
 * suspects' charges and the victims' exploitation countries. Pure data; imports.service.ts writes it.
 */
export interface PlannedCharge {
  row: number;
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
export interface PlannedPerson {
  row: number;
  input: AddPersonReq;
  charges: PlannedCharge[];
  /** HTCDS historic event (exploitation country), recorded as the case's exploitation event. */
  exploitationCountry?: string;
}
export interface PlannedCase {
  ref: string;
  row: number;
  input: OpenCaseInput;
  persons: PlannedPerson[];
}
export interface ImportPlan {
  cases: PlannedCase[];
  /** What the file holds that Harbor does not import (plain words, no values). */
  notes: string[];
}

/** One thing wrong in the file: where (table for HTCDS, row as the file numbers it, column) and what. */
export interface RowError {
  table?: string;
  row: number;
  column: string;
  message: string;
}

export class ImportInvalid extends Error {
  constructor(readonly errors: RowError[]) {
    super(`${errors.length} problem${errors.length === 1 ? "" : "s"} in the file; nothing was imported`);
  }
}

export function planCounts(plan: ImportPlan) {
  const persons = plan.cases.flatMap((c) => c.persons);
  const byRole: Record<string, number> = {};
  for (const p of persons) byRole[p.input.role] = (byRole[p.input.role] ?? 0) + 1;
  return {
    cases: plan.cases.length,
    persons: persons.length,
    personsByRole: byRole,
    charges: persons.reduce((n, p) => n + p.charges.length, 0),
    events: persons.filter((p) => p.exploitationCountry).length,
  };
}

/** A field's value checked against its type: the parsed value, or the plain-words problem. */
export function checkValue(
  type: "text" | "code" | "codes" | "date" | "integer" | "boolean",
  raw: string,
  codes?: readonly string[],
): { value: unknown } | { problem: string } {
  const v = raw.trim();
  switch (type) {
    case "code":
      return codes && !codes.includes(v)
        ? { problem: `"${short(v)}" is not one of the allowed codes (${list(codes)})` }
        : { value: v };
    case "codes": {
      const parts = v
        .split(";")
        .map((p) => p.trim())
        .filter(Boolean);
      const bad = parts.find((p) => codes && !codes.includes(p));
      return bad !== undefined
        ? { problem: `"${short(bad)}" is not one of the allowed codes (${list(codes ?? [])})` }
        : { value: [...new Set(parts)] };
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
        ? { value: v }
        : { problem: "is not a date written YYYY-MM-DD" };
    case "integer":
      return /^\d{1,9}$/.test(v) ? { value: Number(v) } : { problem: "is not a whole number" };
    case "boolean":
      if (/^(true|yes|1)$/i.test(v)) return { value: true };
      if (/^(false|no|0)$/i.test(v)) return { value: false };
      return { problem: "is not true or false" };
    default:
      return { value: v };
  }
}

// Only codes are quoted back (so the user finds them), shortened: dates and text may be personal data.
const short = (v: string) => (v.length > 24 ? `${v.slice(0, 24)}…` : v);
const list = (codes: readonly string[]) =>
  codes.length > 12 ? `${codes.slice(0, 12).join(", ")}, … see the template` : codes.join(", ");
