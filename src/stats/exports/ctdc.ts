import type { VictimRow } from "../reports/rows.ts";
import { CTDC_COLUMNS, type CtdcRow, ctdcRow } from "./ctdc-row.ts";
import { CTDC_K, type KAnonymityReport, kAnonymize } from "./k-anonymity.ts";

export interface CtdcExport {
  columns: readonly string[];
  rows: CtdcRow[];
  report: KAnonymityReport;
}

/** The CTDC export: one row per victim, k-anonymous over the quasi-identifiers (k ≥ 11). */
export function ctdcExport(victims: readonly VictimRow[], k = CTDC_K): CtdcExport {
  if (k < CTDC_K) throw new Error(`k must be at least ${CTDC_K} for a CTDC export`);
  const { rows, report } = kAnonymize(victims.map(ctdcRow), k);
  return { columns: CTDC_COLUMNS, rows, report };
}
