import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { readCsv } from "./imports.csv.ts";
import type { RowError } from "./imports.plan.ts";

/** One HTCDS table: its rows with the number the file gives them (CSV line, or 1-based JSON index). */
export type HtcdsRows = Record<string, Array<{ row: number; values: Record<string, string | null> }>>;

// safeCell's apostrophe before = + - @ (CSV injection guard) is taken off again.
const unsafe = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

function fromCsv(text: string, lineOffset: number) {
  const { header, rows, errors } = readCsv(text);
  return {
    rows: rows.map((r) => ({
      row: r.line + lineOffset,
      values: Object.fromEntries(
        header.map((h, i) => [h, (r.fields[i] ?? "") === "" ? null : unsafe(r.fields[i]!)]),
      ),
    })),
    errors: errors.map((e) => ({ ...e, row: e.row + lineOffset })),
  };
}

/** Reads `harbor export htcds` output: JSON, the sectioned CSV (`# table` lines), or a folder of <table>.csv. */
export function readHtcds(file: string): { tables: HtcdsRows; errors: RowError[] } {
  if (statSync(file).isDirectory())
    return readHtcdsTables(
      readdirSync(file)
        .filter((f) => f.endsWith(".csv"))
        .map((name) => ({ name, text: readFileSync(path.join(file, name), "utf8") })),
    );
  return readHtcdsText(readFileSync(file, "utf8"));
}

/** One table a file, each named <table>.csv (a folder of them, or the files of one upload). */
export function readHtcdsTables(files: { name: string; text: string }[]): {
  tables: HtcdsRows;
  errors: RowError[];
} {
  const tables: HtcdsRows = {};
  const errors: RowError[] = [];
  for (const { name, text } of files) {
    const table = name.replace(/\.csv$/i, "");
    if (table === name || !table) {
      errors.push({ row: 0, column: "", message: "each file of HTCDS tables is named <table>.csv" });
      continue;
    }
    const read = fromCsv(text, 0);
    tables[table] = read.rows;
    errors.push(...read.errors.map((e) => ({ ...e, table })));
  }
  return { tables, errors };
}

/** One file of HTCDS tables: JSON (one array per table) or the sectioned CSV (`# table` lines). */
export function readHtcdsText(text: string): { tables: HtcdsRows; errors: RowError[] } {
  const tables: HtcdsRows = {};
  const errors: RowError[] = [];
  if (/^\s*\{/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return {
        tables,
        errors: [{ row: 0, column: "", message: "the file starts like JSON but is not valid JSON" }],
      };
    }
    for (const [table, rows] of Object.entries(json as Record<string, unknown>)) {
      if (!Array.isArray(rows)) {
        errors.push({ table, row: 0, column: "", message: "is not a list of rows" });
        continue;
      }
      tables[table] = rows.map((r, i) => ({
        row: i + 1,
        values: Object.fromEntries(
          Object.entries((r ?? {}) as Record<string, unknown>).map(([k, v]) => [
            k,
            v === null || v === undefined ? null : String(v),
          ]),
        ),
      }));
    }
    return { tables, errors };
  }
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^# (\w+)$/.exec(lines[i]!.trim());
    if (!m) continue;
    let end = i + 1;
    while (end < lines.length && !/^# \w+$/.test(lines[end]!.trim())) end++;
    const read = fromCsv(lines.slice(i + 1, end).join("\n"), i + 1);
    tables[m[1]!] = read.rows;
    errors.push(...read.errors.map((e) => ({ ...e, table: m[1]! })));
    i = end - 1;
  }
  if (!Object.keys(tables).length)
    errors.push({
      row: 1,
      column: "",
      message: "no HTCDS table found (expected JSON, `# case` sections, or a folder of <table>.csv)",
    });
  return { tables, errors };
}
