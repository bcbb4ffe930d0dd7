/**
 * Reads a capture-history CSV in the browser, as `harbor mse estimate` does (src/stats/mse/csv-input.ts):
 * one 0/1 column per list, then `count`, one row per observed history. The table goes to the API, which
 * checks it again; this only lets the page name a mistake's line before sending anything.
 */
export interface CaptureTableBody {
  lists: string[];
  histories: Array<{ on: Array<0 | 1>; count: number }>;
}
export interface CaptureCsvError {
  key:
    | "missing"
    | "empty"
    | "lastNotCount"
    | "fewLists"
    | "manyLists"
    | "listName"
    | "listTwice"
    | "flag"
    | "count"
    | "nobodyRow"
    | "nobody"
    | "width";
  params: Record<string, string | number>;
}

const MAX_LISTS = 10;
const cells = (line: string) =>
  line.split(",").map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );

export function readCaptureCsv(text: string): { table: CaptureTableBody } | { error: CaptureCsvError } {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim() !== "");
  const fail = (key: CaptureCsvError["key"], params: CaptureCsvError["params"] = {}) => ({
    error: { key, params },
  });
  const head = lines[0];
  if (!head) return fail("empty");
  const header = cells(head.line);
  const lists = header.slice(0, -1);
  const last = header.at(-1) ?? "";
  if (last.toLowerCase() !== "count") return fail("lastNotCount", { found: last });
  if (lists.length < 2) return fail("fewLists");
  if (lists.length > MAX_LISTS) return fail("manyLists", { max: MAX_LISTS });
  for (const [i, name] of lists.entries()) {
    if (name === "") return fail("listName", { column: i + 1 });
    if (lists.indexOf(name) !== i) return fail("listTwice", { name });
  }
  const histories: CaptureTableBody["histories"] = [];
  for (const { line, n } of lines.slice(1)) {
    const row = cells(line);
    if (row.length !== header.length)
      return fail("width", { line: n, expected: header.length, found: row.length });
    const on: Array<0 | 1> = [];
    for (const [i, name] of lists.entries()) {
      const v = row[i];
      if (v !== "0" && v !== "1") return fail("flag", { line: n, column: name, value: v ?? "" });
      on.push(v === "1" ? 1 : 0);
    }
    const raw = row[lists.length] ?? "";
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
      return fail("count", { line: n, value: raw });
    const count = Number(raw);
    if (count > 0 && !on.includes(1)) return fail("nobodyRow", { line: n });
    if (on.includes(1)) histories.push({ on, count });
  }
  if (histories.every((h) => h.count === 0)) return fail("nobody");
  return { table: { lists, histories } };
}
