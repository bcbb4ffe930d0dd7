import { parse } from "csv-parse/sync";
import { type CaptureHistory, type CaptureTable, captureTable, MAX_LISTS } from "./capture-table.ts";

/** A capture file that cannot be read; the message names the line and the column. */
export class CaptureFileError extends Error {}

/**
 * Reads a capture-history CSV: one 0/1 column per list, then a `count` column, one row per observed history.
 * Histories the file leaves out are observed zeros. Repeated histories are added together.
 */
export function readCaptureCsv(text: string): CaptureTable {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (e) {
    throw new CaptureFileError(e instanceof Error ? e.message : String(e));
  }
  const header = rows[0]?.record;
  if (!header)
    throw new CaptureFileError("the file is empty: expected a header with the lists and a count column");
  const names = header.slice(0, -1);
  const last = header.at(-1) ?? "";
  if (last.toLowerCase() !== "count")
    throw new CaptureFileError(`line 1: the last column must be "count", found "${last}"`);
  if (names.length < 2)
    throw new CaptureFileError("line 1: at least two list columns are needed before count");
  if (names.length > MAX_LISTS)
    throw new CaptureFileError(`line 1: at most ${MAX_LISTS} lists are supported`);
  names.forEach((name, i) => {
    if (name === "") throw new CaptureFileError(`line 1, column ${i + 1}: a list needs a name`);
    if (names.indexOf(name) !== i) throw new CaptureFileError(`line 1: list "${name}" appears twice`);
  });
  const histories: CaptureHistory[] = [];
  for (const { record, info } of rows.slice(1)) {
    const where = (column: string) => `line ${info.lines}, column "${column}"`;
    const on = names.map((name, i) => {
      const v = record[i]!;
      if (v !== "0" && v !== "1") throw new CaptureFileError(`${where(name)}: expected 0 or 1, found "${v}"`);
      return v === "1";
    });
    const raw = record[names.length]!;
    if (!/^\d+$/.test(raw))
      throw new CaptureFileError(`${where(last)}: expected a whole number of people, found "${raw}"`);
    const count = Number(raw);
    if (!Number.isSafeInteger(count)) throw new CaptureFileError(`${where(last)}: ${raw} is too large`);
    if (!on.some(Boolean) && count > 0)
      throw new CaptureFileError(
        `line ${info.lines}: a row with no list marked would count people nobody observed (the unknown being estimated)`,
      );
    histories.push({ on, count });
  }
  if (histories.every((h) => h.count === 0)) throw new CaptureFileError("the file counts nobody");
  return captureTable(names, histories);
}
