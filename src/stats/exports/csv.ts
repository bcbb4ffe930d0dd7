import { stringify } from "csv-stringify/sync";

/**
 * CSV that a spreadsheet cannot execute: a text cell starting with = + - @, a tab or a carriage return
 * is prefixed with an apostrophe (OWASP "CSV injection"), so Excel or LibreOffice shows it as text
 * instead of evaluating it. Plain numbers ("-99", "12.5") are left as they are: they are not formulas.
 */
const DANGEROUS = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

export function safeCell(value: unknown): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  const text = String(value);
  return DANGEROUS.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  return stringify(
    rows.map((r) => columns.map((c) => safeCell(r[c]))),
    {
      header: true,
      columns: columns.map((c) => ({ key: c, header: String(safeCell(c)) })),
      record_delimiter: "\r\n",
    },
  );
}
