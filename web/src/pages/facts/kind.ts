import type { ComponentType, ReactNode } from "react";
import { ApiError, type FactCommon, type KindApi } from "./api.ts";
import type { FieldProps } from "./Fields.tsx";

/** A form's values, as the inputs hold them (strings), keyed by the API's field names. */
export type Draft = Record<string, string>;

/** What a kind's form renders its fields with: `f("place")` gives that field's id, value, error, setter. */
export type FieldOf<D extends Draft> = (name: keyof D & string) => FieldProps;

/**
 * One kind of fact as the page shows it: how a row becomes a draft and a draft a request, the table's
 * columns, and the form's fields. The generic section and form do the rest (list, add, edit with
 * If-Match and its 412, void with a reason, the API's field errors by the field).
 */
export interface KindView<V extends FactCommon, I, D extends Draft> {
  /** The URL and id segment ("events"), the section's heading and its strings' prefix in `facts`. */
  name: "events" | "identifiers" | "charges" | "arrests" | "adjudications" | "sentences";
  api: KindApi<V, I>;
  blank: D;
  draftOf(row: V): D;
  /** A draft value as the request's: null when empty (left out of an add, cleared by an edit). */
  convert(field: keyof D & string, value: string): unknown;
  /** The field as the page shows its value (in a version conflict's list). */
  shown(field: keyof D & string, draft: D): string;
  /** The table's columns after the first (the row's name, a row header). */
  columns: Array<{ label: string; cell(row: V): ReactNode }>;
  rowName(row: V): string;
  /** A row that cannot be edited by this user (an identifier whose value is withheld). */
  locked?(row: V): boolean;
  Fields: ComponentType<{ f: FieldOf<D>; draft: D }>;
}

/** The request of a new fact: the filled-in fields, converted. */
export function createBody<D extends Draft>(kind: { convert(f: string, v: string): unknown }, d: D) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    const value = kind.convert(k, v);
    if (value !== null) out[k] = value;
  }
  return out;
}

/** An edit: only the fields changed from the version opened, empty ones as null (cleared). */
export function patchBody<D extends Draft>(
  kind: { convert(f: string, v: string): unknown },
  opened: D,
  d: D,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) if (opened[k] !== v) out[k] = kind.convert(k, v);
  return out;
}

/** The field a 400 names ("body.nibrsCode: …" → nibrsCode, and its message), when it is one of the form's. */
export function fieldErrorOf(
  error: unknown,
  fields: readonly string[],
): { field: string; message: string } | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  const match = /^body\.([A-Za-z]+)[^:]*:\s*(.*)$/s.exec(error.message);
  if (!match || !fields.includes(match[1]!)) return undefined;
  return { field: match[1]!, message: match[2]! };
}

/** Nothing typed yet is a null; numbers as numbers (an unparseable one goes as it is, for the API to name). */
export const text = (v: string) => (v.trim() === "" ? null : v);
export const int = (v: string): unknown => {
  if (v.trim() === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
};
