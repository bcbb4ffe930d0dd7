import { z } from "zod";

/** USPS codes of the states, D.C. and the territories (Contract 1 `incident_state`). */
export const US_STATES =
  `AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI`.split(/\s+/);

export const TRAFFICKING_TYPES = ["sex", "labor", "sex_and_labor", "unknown"] as const;
export const CONFIRMATIONS = ["open", "confirmed", "confirmed_not_trafficking"] as const;

const day = z.iso.date();

/** The filters of a case search, as they appear in the URL (also what a saved search keeps). */
export const SearchFilters = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: z.enum(["open", "closed"]).optional(),
  traffickingType: z.enum(TRAFFICKING_TYPES).optional(),
  confirmation: z.enum(CONFIRMATIONS).optional(),
  state: z
    .string()
    .refine((s) => US_STATES.includes(s), "must be a USPS state code such as TX")
    .optional(),
  lead: z.uuid().optional(),
  from: day.optional(),
  to: day.optional(),
});
export type SearchFiltersReq = z.infer<typeof SearchFilters>;

const withDateOrder = <T extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(s: T) =>
  s.refine((f) => !f.from || !f.to || f.from <= f.to, { message: "must not be after `to`", path: ["from"] });

export const SearchCasesQuery = withDateOrder(
  SearchFilters.extend({
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  }),
);
export type SearchCasesReq = z.infer<typeof SearchCasesQuery>;

export const CaseHit = z.object({
  id: z.string(),
  orgId: z.string(),
  title: z.string(),
  status: z.enum(["open", "closed"]),
  createdAt: z.string(),
  relation: z.enum(["owner", "shared_write", "shared_read"]),
});

export const SearchCasesResult = z.object({
  cases: z.array(CaseHit),
  page: z.number(),
  pageSize: z.number(),
  /** Whether a next page exists (cheaper than counting every match). */
  hasMore: z.boolean(),
});

/** A saved search: its name and the URL query string of its filters (e.g. `q=harbor&status=open`). */
export const SavedSearchBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  query: z.string().max(1000),
});
export type SavedSearchReq = z.infer<typeof SavedSearchBody>;

export const SavedSearchParams = z.object({ id: z.uuid() });

export const SavedSearchView = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const Created = z.object({ id: z.string() });
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * The filters of a saved query string, validated like the search itself, in a canonical order
 * (unknown or repeated parameters are refused, paging is not part of a saved search).
 */
export function parseSavedQuery(query: string): { ok: true; query: string } | { ok: false; message: string } {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  const raw: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in raw) return { ok: false, message: `body.query: repeats ${k}` };
    raw[k] = v;
  }
  const parsed = withDateOrder(SearchFilters).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `body.query.${issue.path.join(".") || "?"}: ${issue.message}` };
  }
  const out = new URLSearchParams();
  for (const key of Object.keys(SearchFilters.shape) as (keyof SearchFiltersReq)[]) {
    const v = parsed.data[key];
    if (v) out.set(key, v);
  }
  return { ok: true, query: out.toString() };
}
