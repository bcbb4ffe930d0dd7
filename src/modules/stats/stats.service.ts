import { badRequest } from "../../server/errors.ts";
import { DEFAULT_THRESHOLD, ThresholdError } from "../../stats/disclosure/suppression.ts";
import { ctdcExport } from "../../stats/exports/ctdc.ts";
import { htcdsExport } from "../../stats/exports/htcds.ts";
import { CaptureTableError, captureTable } from "../../stats/mse/capture-table.ts";
import { estimatePopulation, MseDataError } from "../../stats/mse/estimate.ts";
import { linkedCaptureTable } from "../../stats/mse/linked-capture.ts";
import { presentEstimate } from "../../stats/mse/presenter.ts";
import { type MseLang, warningMessage } from "../../stats/mse/warnings.ts";
import { buildReport, type ReportFilters, type ReportName } from "../../stats/reports/reports.ts";
import type { Store } from "../../store/store.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import { findOrg } from "../orgs/orgs.service.ts";
import { identitiesForLinkage } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded } from "../policy/access.ts";
import { STATS_EXPORT_ROLES, STATS_READER_ROLES } from "../policy/policy.rules.ts";
import { statsRepository } from "./stats.repository.ts";
import type { MseReq } from "./stats.schema.ts";

const ORG_TYPES_READER: SystemContext = { kind: "system", reason: "stats.mse_list_names" };

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

/**
 * Row-level exports (CTDC k-anonymous; HTCDS codes only): analysts only, audited with their size, filters
 * and the format they leave in (codes only).
 */
export async function statsExport(
  store: Store,
  caller: Caller,
  kind: "ctdc" | "htcds",
  filters: ReportFilters,
  format: "json" | "csv" = "json",
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
        details: {
          ...(out.kind === "ctdc"
            ? { rows: out.ctdc?.rows.length ?? 0 }
            : { cases: out.htcds?.case.length ?? 0 }),
          ...filters,
          format,
        },
      });
      return out;
    },
  );
}

/**
 * MSE on a capture table: the one the caller sends (its lists are organizations or organization types,
 * as the analyst chose when counting), or, with `source: "records"`, the one built from the victim
 * records the caller may see (statsLinkedCapture). The estimate is audited, codes and sizes only.
 */
export async function statsMse(store: Store, caller: Caller, body: MseReq, lang: MseLang = "en") {
  const crypto = "source" in body ? fieldCryptoOf(store) : undefined;
  return guarded(
    store.db,
    caller,
    { action: "stats.mse", targetType: "estimate", targetIds: [] },
    async (trx) => {
      if (!hasRole(caller, STATS_READER_ROLES)) return FORBIDDEN;
      const linked = "source" in body ? await linkedCapture(trx, caller, body.by, crypto!) : undefined;
      const table = linked ?? ("lists" in body ? body : undefined)!;
      table.histories.forEach((h, i) => {
        if (h.on.length !== table.lists.length)
          throw badRequest(`body.histories[${i}].on: expected ${table.lists.length} values, one per list`);
        if (h.count > 0 && !h.on.includes(1))
          throw badRequest(
            `body.histories[${i}]: a history with no list marked is the unknown being estimated`,
          );
      });
      if (linked && linked.lists.length < 2)
        throw badRequest(
          `body.by: the victim records you may see are on ${linked.lists.length} list${linked.lists.length === 1 ? "" : "s"}; an estimate needs at least two`,
        );
      let result: ReturnType<typeof presentEstimate>;
      try {
        const capture = captureTable(
          table.lists,
          table.histories.map((h) => ({ on: h.on.map((x) => x === 1), count: h.count })),
        );
        const { model: selection, interval, replicates, seed } = body;
        result = presentEstimate(
          estimatePopulation(capture, { selection, interval, replicates, seed }),
          lang,
        );
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
        details: linked
          ? {
              lists: table.lists.length,
              model: body.model,
              interval: body.interval,
              source: "records",
              by: linked.by,
              records: linked.records,
            }
          : { lists: table.lists.length, model: body.model, interval: body.interval },
      });
      if (!linked) return result;
      // Disclosure: the estimate, its interval, the model's terms, the warnings, the lists and the history
      // counts, each count below the threshold withheld (primary suppression; no total or fitted cell is
      // shown to subtract from, and an exploding estimate's ratio to the observed is given in whole units).
      const threshold = "source" in body ? (body.threshold ?? DEFAULT_THRESHOLD) : DEFAULT_THRESHOLD;
      return {
        source: "records",
        by: linked.by,
        estimate: result.estimate,
        ci95: result.ci95,
        interval: result.interval,
        model: {
          selection: result.model.selection,
          terms: result.model.terms,
          interactions: result.model.interactions,
          infiniteInteractions: result.model.infiniteInteractions,
        },
        warnings: result.warnings.map((w) => linkedWarning(w, lang)),
        lists: table.lists,
        threshold,
        histories: table.histories.map((h) =>
          h.count >= threshold ? h : { on: h.on, count: null, suppressed: true },
        ),
      };
    },
  );
}

/** A warning about linked records, without a figure the observed total could be worked out from. */
function linkedWarning(w: ReturnType<typeof presentEstimate>["warnings"][number], lang: MseLang) {
  if (w.code !== "exploding-estimate") return w;
  const coarse = { code: w.code, ratio: Math.floor(w.ratio) } as const;
  return { ...coarse, message: warningMessage(coarse, lang) };
}

/**
 * The capture table of the victim records the caller may see (the statistics rows: policy and the
 * VAWA statistics-consent rule applied): each record's list is its holding organization, or that
 * organization's type; records of one person are linked on name and date of birth (opened here,
 * never returned or logged), and each linked person's set of lists is its capture history.
 */
async function linkedCapture(
  trx: Parameters<typeof statsRepository.rows>[0],
  caller: Caller,
  by: "org" | "orgType",
  crypto: ReturnType<typeof fieldCryptoOf>,
) {
  const now = clock.now();
  const rows = await statsRepository.rows(trx, caller.auth, {}, now);
  const orgOfCase = new Map(rows.incidents.map((i) => [i.caseId, i.orgId]));
  const victims = rows.victims.map((v) => ({
    id: v.personId,
    caseId: v.caseId,
    orgId: orgOfCase.get(v.caseId)!,
    sex: v.sex,
  }));
  const identities = await identitiesForLinkage(trx, crypto, victims, now);
  const typeOf = new Map<string, string>();
  if (by === "orgType")
    // An organization's type is directory data, not the caller's to be denied: read as the system.
    for (const orgId of new Set(victims.map((v) => v.orgId)))
      typeOf.set(orgId, (await findOrg(trx, ORG_TYPES_READER, orgId))?.type ?? "unknown");
  const table = await linkedCaptureTable(
    victims.map((v) => {
      const who = identities.get(v.id) ?? {};
      return {
        source: by === "org" ? v.orgId : typeOf.get(v.orgId)!,
        person: {
          ...(who.givenName ? { given_name: who.givenName } : {}),
          ...(who.familyName ? { family_name: who.familyName } : {}),
          ...(who.dateOfBirth ? { date_of_birth: who.dateOfBirth } : {}),
          ...(v.sex !== "unknown" ? { sex: v.sex } : {}),
        },
      };
    }),
  );
  return { ...table, by, records: victims.length };
}
