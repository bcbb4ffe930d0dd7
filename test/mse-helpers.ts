import { readFileSync } from "node:fs";
import type { CaptureTable } from "../src/stats/mse/capture-table.ts";
import { readCaptureCsv } from "../src/stats/mse/csv-input.ts";

/** A published capture table shipped in data/benchmarks/mse/. */
export function benchmarkTable(name: string): CaptureTable {
  return readCaptureCsv(readFileSync(new URL(`../data/benchmarks/mse/${name}.csv`, import.meta.url), "utf8"));
}

/** |actual − expected| ≤ tolerance · expected. */
export const within = (actual: number, expected: number, tolerance: number) =>
  Math.abs(actual - expected) <= tolerance * Math.abs(expected);
