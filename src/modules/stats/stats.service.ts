import { badRequest } from "../../server/errors.ts";
import { ThresholdError } from "../../stats/disclosure/suppression.ts";
import { ctdcExport } from "../../stats/exports/ctdc.ts";
import { htcdsExport } from "../../stats/exports/htcds.ts";
import { CaptureTableError, captureTable } from "../../stats/mse/capture-table.ts";
import { estimatePopulation, MseDataError } from "../../stats/mse/estimate.ts";
import { presentEstimate } from "../../stats/mse/presenter.ts";
import { buildReport, type ReportFilters, type ReportName } from "../../stats/reports/reports.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { audit, type Caller, FORBIDDEN, guarded } from "../policy/access.ts";
import { STATS_EXPORT_ROLES, STATS_READER_ROLES } from "../policy/policy.rules.ts";
import { statsRepository } from "./stats.repository.ts";

const hasRole = (caller: Caller, roles: readonly string[]) =>
  caller.auth.roles.some((r) => roles.includes(r));

/**
 * A protected report over the cases the caller may read; audited (the report name, filters and the format
 * it leaves in: json, or a csv/pdf download, codes only).
 */
export async function statsReport(
  store: Store,
  caller: Caller,
  name: ReportName,
  query: ReportFilters & { threshold?: number },
  format: "json" | "csv" | "pdf" = "json",
) {
  const { threshold, ...filters } = query;
  return guarded(
    store.db,
    caller,
    { action: "stats.report", targetType: "report", targetIds: [] },
    async (trx) => {
      if (!hasRole(caller, STATS_READER_ROLES)) return FORBIDDEN;
      const rows = await statsRepository.rows(trx, caller.auth, filters, clock.now());
      let report: ReturnType<typeof buildReport>;
      try {
        report = buildReport(name, rows, filters, threshold);
      } catch (e) {
        if (e instanceof ThresholdError) throw badRequest(`query.threshold: ${e.message}`);
        throw e;
      }
      await audit(trx, caller, {
        action: "stats.report",
        outcome: "success",
        targetType: "report",
        targetIds: [],
        details: { report: name, ...filters, threshold: report.threshold, format },
      });
      return report;
    },
  );
}

/** Row-level exports (CTDC k-anonymous; HTCDS codes only): analysts only, audited with their size. */
export async function statsExport(
  store: Store,
  caller: Caller,
  kind: "ctdc" | "htcds",
  filters: ReportFilters,
) {
  return guarded(
    store.db,
    caller,
    { action: `stats.export_${kind}`, targetType: "export", targetIds: [] },
    async (trx) => {
      if (!hasRole(caller, STATS_EXPORT_ROLES)) return FORBIDDEN;
      const rows = await statsRepository.rows(trx, caller.auth, filters, clock.now());
      const out =
        kind === "ctdc" ? { kind, ctdc: ctdcExport(rows.victims) } : { kind, htcds: htcdsExport(rows) };
      await audit(trx, caller, {
        action: `stats.export_${kind}`,
        outcome: "success",
        targetType: "export",
        targetIds: [],
        details:
          out.kind === "ctdc" ? { rows: out.ctdc?.rows.length ?? 0 } : { cases: out.htcds?.case.length ?? 0 },
      });
      return out;
    },
  );
}

/**
 * MSE on a capture table the caller sends (the lists are organizations or organization types, as the
 * analyst chose when counting). MERGE: once a linkage result is stored, the capture table is to be built
 * from its clusters' sources instead (no stored linkage result exists on this branch).
 */
export async function statsMse(
  store: Store,
  caller: Caller,
  body: {
    lists: string[];
    histories: Array<{ on: Array<0 | 1>; count: number }>;
    model: "independence" | "stepwise" | "aic" | "bic";
  },
) {
  return guarded(
    store.db,
    caller,
    { action: "stats.mse", targetType: "estimate", targetIds: [] },
    async (trx) => {
      if (!hasRole(caller, STATS_READER_ROLES)) return FORBIDDEN;
      body.histories.forEach((h, i) => {
        if (h.on.length !== body.lists.length)
          throw badRequest(`body.histories[${i}].on: expected ${body.lists.length} values, one per list`);
        if (h.count > 0 && !h.on.includes(1))
          throw badRequest(
            `body.histories[${i}]: a history with no list marked is the unknown being estimated`,
          );
      });
      let result: ReturnType<typeof presentEstimate>;
      try {
        const table = captureTable(
          body.lists,
          body.histories.map((h) => ({ on: h.on.map((x) => x === 1), count: h.count })),
        );
        result = presentEstimate(estimatePopulation(table, { selection: body.model }), "en");
      } catch (e) {
        if (e instanceof CaptureTableError || e instanceof MseDataError)
          throw badRequest(`body: ${e.message}`);
        throw e;
      }
      await audit(trx, caller, {
        action: "stats.mse",
        outcome: "success",
        targetType: "estimate",
        targetIds: [],
        details: { lists: body.lists.length, model: body.model },
      });
      return result;
    },
  );
}
