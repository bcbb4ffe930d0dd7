import { z } from "zod";
import { MIN_THRESHOLD } from "../../stats/disclosure/suppression.ts";
import { HTCDS_TABLES, type HtcdsTableName } from "../../stats/exports/htcds.ts";
import { REPORTS } from "../../stats/reports/reports.ts";
import { CONFIRMATIONS, TRAFFICKING_TYPES } from "../../stats/reports/rows.ts";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "a real date");

export const ReportParams = z.object({ report: z.enum(REPORTS) }).strict();
const reportFilters = {
  from: day.optional(),
  to: day.optional(),
  traffickingType: z.enum(TRAFFICKING_TYPES).optional(),
  confirmation: z.enum(CONFIRMATIONS).optional(),
  state: z
    .string()
    .regex(/^[A-Z]{2}$/, "a USPS state code")
    .optional(),
  threshold: z.coerce.number().int().min(MIN_THRESHOLD).max(1000).optional(),
};
const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const fromAfterTo = { message: "from must not be after to", path: ["from"] };
export const ReportQuery = z.object(reportFilters).strict().refine(fromNotAfterTo, fromAfterTo);

/** The report's formats: JSON (the default), CSV (formula-safe) and tagged PDF; `Accept` chooses too. */
export const REPORT_FORMATS = ["json", "csv", "pdf"] as const;
export const ReportRequestQuery = z
  .object({
    ...reportFilters,
    format: z.enum(REPORT_FORMATS).optional(),
    lang: z.enum(["en", "es"]).optional(),
  })
  .strict()
  .refine(fromNotAfterTo, fromAfterTo);

/** The exports' query: the reports' filters (no threshold: CTDC is k-anonymous, HTCDS codes only), and the format. */
export const EXPORT_FORMATS = ["json", "csv"] as const;
const { threshold: _threshold, ...exportFilters } = reportFilters;
export const CtdcExportQuery = z
  .object({ ...exportFilters, format: z.enum(EXPORT_FORMATS).optional() })
  .strict()
  .refine(fromNotAfterTo, fromAfterTo);
export const HtcdsExportQuery = z
  .object({
    ...exportFilters,
    format: z.enum(EXPORT_FORMATS).optional(),
    /** With `format=csv`: only this table (else every table, each after a `# name` line, as the CLI writes). */
    table: z.enum(Object.keys(HTCDS_TABLES) as [HtcdsTableName, ...HtcdsTableName[]]).optional(),
  })
  .strict()
  .refine(fromNotAfterTo, fromAfterTo);

const ExportValue = z.union([z.string(), z.number(), z.null()]);
export const KAnonymityReportView = z.object({
  k: z.number(),
  level: z.number(),
  generalized: z.array(z.string()),
  rowsIn: z.number(),
  rowsOut: z.number(),
  suppressedRows: z.number(),
  smallestClass: z.number(),
});
export const CtdcExportView = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), ExportValue)),
  report: KAnonymityReportView,
});
export const HtcdsExportView = z.object(
  Object.fromEntries(
    Object.keys(HTCDS_TABLES).map((name) => [name, z.array(z.record(z.string(), ExportValue))]),
  ) as Record<HtcdsTableName, z.ZodArray<z.ZodRecord<z.ZodString, typeof ExportValue>>>,
);

const Cell = z.object({
  value: z.number().nullable(),
  suppressed: z.enum(["primary", "complementary"]).optional(),
});
export const ReportView = z.object({
  report: z.enum(REPORTS),
  filters: z.object({
    from: z.string().optional(),
    to: z.string().optional(),
    traffickingType: z.string().optional(),
    confirmation: z.string().optional(),
    state: z.string().optional(),
  }),
  threshold: z.number(),
  tables: z.array(
    z.object({
      id: z.string(),
      unit: z.string(),
      kind: z.enum(["one_way", "two_way", "multi"]),
      rows: z.array(z.string()),
      cols: z.array(z.string()),
      cells: z.array(z.array(Cell)),
      rowTotals: z.array(Cell).nullable(),
      colTotals: z.array(Cell).nullable(),
      total: Cell.nullable(),
      threshold: z.number(),
      suppressed: z.array(
        z.object({ row: z.string(), col: z.string(), reason: z.enum(["primary", "complementary"]) }),
      ),
    }),
  ),
});

/**
 * The 95% interval: profile likelihood (the model taken as known), or a bootstrap that repeats the model's
 * selection on each replicate (BCa or parametric), with its replicates and seed.
 */
const intervalOptions = {
  interval: z.enum(["profile", "bca", "parametric"]).default("profile"),
  replicates: z.number().int().min(20).max(2000).default(1000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
};

/** A capture table in the body: the lists, and one row per observed history (0/1 per list, then count). */
export const MseTableBody = z
  .object({
    lists: z.array(z.string().min(1).max(64)).min(2).max(10),
    histories: z
      .array(
        z
          .object({
            on: z.array(z.union([z.literal(0), z.literal(1)])),
            count: z.number().int().min(0).max(1e9),
          })
          .strict(),
      )
      .min(1)
      .max(1024),
    model: z.enum(["independence", "stepwise", "aic", "bic"]).default("stepwise"),
    ...intervalOptions,
  })
  .strict();

/**
 * The capture table built from the victim records the caller's organization may see: each record's
 * list is its holding organization (or that organization's type), records of one person are linked.
 */
export const MseLinkedBody = z
  .object({
    source: z.literal("records"),
    by: z.enum(["org", "orgType"]).default("org"),
    model: z.enum(["independence", "stepwise", "aic", "bic"]).default("stepwise"),
    ...intervalOptions,
    /** History counts below this are not shown (the estimate still uses them). */
    threshold: z.number().int().min(MIN_THRESHOLD).max(1000).optional(),
  })
  .strict();

export const MseBody = z.union([MseTableBody, MseLinkedBody]);
/**
 * The estimate (loose: the table form also carries the fit's details, see src/stats/mse/presenter.ts). From
 * records, `observed` is absent (it would give away the withheld counts) and histories may be withheld.
 */
export const MseView = z.looseObject({
  source: z.literal("records").optional(),
  by: z.enum(["org", "orgType"]).optional(),
  observed: z.number().optional(),
  estimate: z.number(),
  ci95: z.array(z.number().nullable()).length(2),
  interval: z.string(),
  lists: z.array(z.string()),
  model: z.looseObject({
    selection: z.string(),
    terms: z.array(z.string()),
    interactions: z.array(z.string()),
    infiniteInteractions: z.array(z.string()),
  }),
  warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })),
  threshold: z.number().optional(),
  histories: z
    .array(
      z.object({
        on: z.array(z.number()),
        count: z.number().nullable(),
        suppressed: z.boolean().optional(),
      }),
    )
    .optional(),
});

/** The language of the warnings' messages (else the Accept-Language). */
export const MseQuery = z.object({ lang: z.enum(["en", "es"]).optional() }).strict();
export type MseReq = z.infer<typeof MseBody>;
