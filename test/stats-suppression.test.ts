import assert from "node:assert/strict";
import { before, test } from "node:test";
import fc from "fast-check";
import highsModule from "highs";
import {
  buildGrid,
  type ProtectedTable,
  protectTable,
  type TableInput,
  ThresholdError,
} from "../src/stats/disclosure/suppression.ts";

const loadHighs = highsModule as unknown as (typeof highsModule)["default"];
let highs: Awaited<ReturnType<typeof loadHighs>>;
before(async () => {
  highs = await loadHighs();
});

/** Small counts are common in trafficking data: most cells 0–15, some large. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 15 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 200 }) },
);
const table = (totals: TableInput["totals"]) =>
  fc
    .record({
      r: totals === "both" ? fc.integer({ min: 1, max: 5 }) : fc.constant(1),
      c: fc.integer({ min: 1, max: 6 }),
    })
    .chain(({ r, c }) =>
      fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }).map(
        (counts): TableInput => ({
          rows: counts.map((_, i) => `r${i}`),
          cols: counts[0]!.map((_, j) => `c${j}`),
          counts,
          totals,
        }),
      ),
    );

/**
 * The attacker: everything published (cells and totals) plus the table's arithmetic, solved by HiGHS
 * over integers ≥ 0. Returns [min, max] of one hidden entry.
 */
function attack(input: TableInput, out: ProtectedTable, target: number): [number, number | null] {
  const grid = buildGrid(input);
  const hidden = new Set<number>();
  const r = input.rows.length;
  const c = input.cols.length;
  const known = new Map<number, number>();
  const take = (idx: number, cell: { value: number | null } | undefined | null) => {
    if (!cell) return;
    if (cell.value === null) hidden.add(idx);
    else known.set(idx, cell.value);
  };
  out.cells.forEach((row, i) => {
    row.forEach((cell, j) => {
      take(i * grid.width + j, cell);
    });
  });
  out.rowTotals?.forEach((cell, i) => {
    take(i * grid.width + c, cell);
  });
  out.colTotals?.forEach((cell, j) => {
    take(r * grid.width + j, cell);
  });
  take(r * grid.width + c, out.total);
  const solve = (sense: "Maximize" | "Minimize") => {
    const lines = [sense, ` obj: x${target}`, "Subject To"];
    let k = 0;
    for (const line of grid.lines) {
      if (!line.every(([idx]) => hidden.has(idx) || known.has(idx))) continue;
      const terms = line.filter(([idx]) => hidden.has(idx));
      if (!terms.length) continue;
      const rhs = -line
        .filter(([idx]) => known.has(idx))
        .reduce((s, [idx, sg]) => s + sg * known.get(idx)!, 0);
      lines.push(` l${k++}: ${terms.map(([idx, sg]) => `${sg < 0 ? "-" : "+"} x${idx}`).join(" ")} = ${rhs}`);
    }
    lines.push("General", ` ${[...hidden].map((i) => `x${i}`).join(" ")}`, "End");
    return highs.solve(lines.join("\n"), { output_flag: false });
  };
  const hi = solve("Maximize");
  const lo = solve("Minimize");
  assert.equal(lo.Status, "Optimal", "the published table must be consistent");
  return [Math.round(lo.ObjectiveValue), hi.Status === "Unbounded" ? null : Math.round(hi.ObjectiveValue)];
}

function checkProtected(input: TableInput, threshold: number) {
  const out = protectTable(input, threshold);
  const grid = buildGrid(input);
  // Every published value is the true one; every small count is hidden.
  const r = input.rows.length;
  const c = input.cols.length;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) {
      const v = input.counts[i]![j]!;
      const cell = out.cells[i]![j]!;
      if (cell.value !== null) assert.equal(cell.value, v);
      if (v > 0 && v < threshold) assert.equal(cell.suppressed, "primary");
    }
  // Each constraint line hides 0 or ≥ 2 entries.
  const hiddenIdx = new Set<number>();
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) if (out.cells[i]![j]!.value === null) hiddenIdx.add(i * grid.width + j);
  for (let i = 0; i < r; i++) if (out.rowTotals?.[i]?.value === null) hiddenIdx.add(i * grid.width + c);
  for (let j = 0; j < c; j++) if (out.colTotals?.[j]?.value === null) hiddenIdx.add(r * grid.width + j);
  if (out.total?.value === null) hiddenIdx.add(r * grid.width + c);
  for (const line of grid.lines) {
    const n = line.filter(([idx]) => hiddenIdx.has(idx)).length;
    assert.ok(n === 0 || n >= 2, `a line hides exactly one entry: ${JSON.stringify(out)}`);
  }
  // No primary cell can be pinned down by the attacker.
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) {
      if (out.cells[i]![j]!.suppressed !== "primary") continue;
      const [lo, hi] = attack(input, out, i * grid.width + j);
      assert.ok(hi === null || hi > lo, `cell ${i},${j} derivable as ${lo}: ${JSON.stringify(out)}`);
      assert.ok(lo <= input.counts[i]![j]! && (hi === null || input.counts[i]![j]! <= hi));
    }
  // The output names every hidden entry and why.
  assert.equal(out.suppressed.length, hiddenIdx.size);
  return out;
}

test("two-way tables with all totals: no suppressed count can be derived from what is published", () => {
  fc.assert(
    fc.property(table("both"), fc.integer({ min: 3, max: 15 }), (input, threshold) => {
      checkProtected(input, threshold);
    }),
    { numRuns: 300 },
  );
});

test("one-way tables with their total: the same guarantee", () => {
  fc.assert(
    fc.property(table("rows"), fc.integer({ min: 3, max: 15 }), (input, threshold) => {
      checkProtected(input, threshold);
    }),
    { numRuns: 300 },
  );
});

test("a 2×2 with one small cell hides the whole rectangle and says why", () => {
  const out = protectTable(
    {
      rows: ["sex", "labor"],
      cols: ["confirmed", "open"],
      counts: [
        [4, 30],
        [25, 40],
      ],
      totals: "both",
    },
    11,
  );
  assert.deepEqual(out.suppressed.map((s) => `${s.row}/${s.col}/${s.reason}`).sort(), [
    "labor/confirmed/complementary",
    "labor/open/complementary",
    "sex/confirmed/primary",
    "sex/open/complementary",
  ]);
  assert.equal(out.total?.value, 99);
  assert.equal(out.rowTotals?.[0]?.value, 34);
});

test("the threshold defaults to 11 and cannot go below 3", () => {
  assert.equal(
    protectTable({ rows: ["a"], cols: ["x", "y"], counts: [[10, 50]], totals: "rows" }).threshold,
    11,
  );
  assert.throws(
    () => protectTable({ rows: ["a"], cols: ["x"], counts: [[1]], totals: "rows" }, 2),
    ThresholdError,
  );
});

test("multi-response tables (no totals) only hide the small counts", () => {
  const out = protectTable({
    rows: ["victims"],
    cols: ["threats", "debt"],
    counts: [[5, 40]],
    totals: "none",
  });
  assert.deepEqual(out.cells[0], [{ value: null, suppressed: "primary" }, { value: 40 }]);
  assert.equal(out.rowTotals, null);
});
