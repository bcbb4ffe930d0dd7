import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { csvRows } from "../src/linkage/csv-write.ts";
import { parseCsv } from "./linkage-helpers.ts";

describe("CSV reader", () => {
  test("BOM, detected semicolon delimiter, quotes, embedded newlines, CRLF, blank lines, line numbers", () => {
    const text =
      '\uFEFFid;name;note\r\n1;"Smith; John";"two\r\nlines"\r\n\r\n2;Ann;"say ""hi"""\r\n3;x\r\n4;last;row';
    const { rows, issues, delimiter } = parseCsv([text]);
    assert.equal(delimiter, ";");
    assert.deepEqual(issues, []);
    assert.deepEqual(
      rows.map((r) => [r.line, r.fields]),
      [
        [1, ["id", "name", "note"]],
        [2, ["1", "Smith; John", "two\r\nlines"]],
        [5, ["2", "Ann", 'say "hi"']],
        [6, ["3", "x"]],
        [7, ["4", "last", "row"]],
      ],
    );
  });
  test("tab and pipe delimiters are detected; an unterminated quote is reported", () => {
    assert.equal(parseCsv(["a\tb\tc\n1\t2\t3\n"]).delimiter, "\t");
    assert.equal(parseCsv(["a|b\n1|2\n"]).delimiter, "|");
    const bad = parseCsv(['a,b\n1,"oops\n2,3\n']);
    assert.equal(bad.rows.length, 1);
    assert.equal(bad.issues[0]?.line, 2);
  });
  test("property: any table written by csv-stringify parses back identically, however it is chunked", () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "é", ";"),
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(200), { maxLength: 5 }),
        (table, cuts) => {
          const rows = [["h1", "h2", "h3"], ...table];
          const text = csvRows(rows).slice(0, -1);
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let last = 0;
          for (const p of points) {
            chunks.push(text.slice(last, p));
            last = p;
          }
          chunks.push(text.slice(last));
          const parsed = parseCsv(chunks, ",");
          // A row whose only cell is empty or blank is skipped as a blank line, by design.
          const expected = rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ""));
          assert.deepEqual(
            parsed.rows.map((r) => r.fields),
            expected,
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
