import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { safeCell, toCsv } from "../src/stats/exports/csv.ts";
import { ctdcExport } from "../src/stats/exports/ctdc.ts";
import { QUASI_IDENTIFIERS } from "../src/stats/exports/ctdc-row.ts";
import { htcdsExport } from "../src/stats/exports/htcds.ts";
import { classKey } from "../src/stats/exports/k-anonymity.ts";
import { reportCsv } from "../src/stats/reports/report-csv.ts";
import { buildReport, REPORTS } from "../src/stats/reports/reports.ts";
import { statsRowsArb } from "./support/stats-rows.ts";

test("every CTDC export is k-anonymous (k ≥ 11) over the quasi-identifiers, and says what it did", () => {
  fc.assert(
    fc.property(statsRowsArb(120), fc.integer({ min: 11, max: 20 }), (rows, k) => {
      const out = ctdcExport(rows.victims, k);
      const sizes = new Map<string, number>();
      for (const r of out.rows) sizes.set(classKey(r), (sizes.get(classKey(r)) ?? 0) + 1);
      for (const [key, n] of sizes) assert.ok(n >= k, `class ${key} has ${n} < ${k} rows`);
      assert.equal(out.report.rowsIn, rows.victims.length);
      assert.equal(out.report.rowsOut + out.report.suppressedRows, rows.victims.length);
      assert.equal(out.rows.length, out.report.rowsOut);
      if (out.rows.length) assert.ok(out.report.smallestClass >= k);
      for (const r of out.rows) {
        assert.deepEqual(Object.keys(r), [...out.columns]);
        for (const c of out.columns)
          if (c.startsWith("meansOfControl") && c !== "meansOfControlConcatenated")
            assert.ok(r[c] === 0 || r[c] === 1);
      }
    }),
    { numRuns: 150 },
  );
  assert.throws(() => ctdcExport([], 5), /at least 11/);
});

test("a large homogeneous CTDC export keeps exact values (no needless generalization)", () => {
  const rows = fc.sample(statsRowsArb(1), { numRuns: 1, seed: 3 })[0]!;
  const base =
    rows.victims[0] ?? fc.sample(statsRowsArb(5), { numRuns: 20, seed: 1 }).flatMap((r) => r.victims)[0]!;
  const victims = Array.from({ length: 30 }, (_, i) => ({
    ...base,
    personId: `p${i}`,
    age: 25,
    citizenshipCountry: "MX",
    exploitationCountry: "US",
  }));
  const out = ctdcExport(victims);
  assert.equal(out.report.level, 0);
  assert.equal(out.rows.length, 30);
  assert.equal(out.rows[0]!.citizenship, "MX");
  assert.equal(out.rows[0]!.ageBroad, "24--26");
  for (const q of QUASI_IDENTIFIERS) assert.ok(q in out.rows[0]!);
});

test("every HTCDS charge carries its NIBRS code", () => {
  fc.assert(
    fc.property(statsRowsArb(), (rows) => {
      const out = htcdsExport(rows);
      const charges = rows.suspects.flatMap((s) => s.charges);
      assert.equal(out.charges.length, charges.length);
      for (const c of out.charges)
        assert.match(String(c.chg_NIBRSCode), /^(64A|64B|40A|40B|40C|370|100|other)$/);
    }),
    { numRuns: 100 },
  );
});

test("CSV cells cannot become spreadsheet formulas", () => {
  for (const bad of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")'])
    assert.equal(String(safeCell(bad))[0], "'");
  assert.equal(safeCell("-99"), "-99");
  assert.equal(safeCell(-5), -5);
  const text = toCsv(["a"], [{ a: '=cmd|" /C calc"!A0' }, { a: "ok, fine" }]);
  const parsed = parse(text, { columns: true }) as Array<{ a: string }>;
  assert.equal(parsed[0]!.a, `'=cmd|" /C calc"!A0`);
  assert.equal(parsed[1]!.a, "ok, fine");
  fc.assert(
    fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
      const rows = cells.map((a) => ({ a }));
      const back = parse(toCsv(["a"], rows), { columns: true, relax_column_count: true }) as Array<{
        a: string;
      }>;
      back.forEach((r, i) => {
        assert.ok(!/^[=+\-@\t\r]/.test(r.a) || /^-?\d+(?:\.\d+)?$/.test(r.a), `row ${i}`);
      });
    }),
  );
});

test("reports count what they say, from fixed categories, with every small cell suppressed", () => {
  fc.assert(
    fc.property(statsRowsArb(60), fc.integer({ min: 3, max: 11 }), (rows, threshold) => {
      for (const name of REPORTS) {
        const report = buildReport(name, rows, {}, threshold);
        for (const t of report.tables) {
          for (const row of t.cells)
            for (const cell of row)
              if (cell.value !== null) assert.ok(cell.value === 0 || cell.value >= threshold);
        }
        const csv = reportCsv(report);
        assert.ok(!/\n[=+@]/.test(csv));
      }
      const incidents = buildReport("incidents", rows, {}, threshold).tables[0]!;
      if (incidents.total?.value !== null && incidents.total)
        assert.equal(incidents.total.value, rows.incidents.length);
      const victims = buildReport("victims", rows, {}, threshold).tables.find(
        (t) => t.id === "victims_by_sex",
      )!;
      const total = victims.rowTotals![0]!;
      if (total.value !== null) assert.equal(total.value, rows.victims.length);
    }),
    { numRuns: 60 },
  );
});

test("filters keep only the incidents in the date range and their people", () => {
  const rows = fc.sample(statsRowsArb(40), { numRuns: 1, seed: 7 })[0]!;
  const report = buildReport("incidents", rows, { from: "2020-01-01", to: "2020-12-31" }, 3);
  const expected = rows.incidents.filter((i) => i.startedOn.startsWith("2020")).length;
  const t = report.tables[0]!;
  if (t.total?.value !== null) assert.equal(t.total?.value, expected);
});
