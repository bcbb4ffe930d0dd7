import { z } from "zod";
import { FactsSchema } from "../routing/routing.schema.ts";
import { INDICATOR_CODES, LEVELS, SCREEN_CODES } from "./tips.screening.ts";

/** Receipts: 10 characters of Crockford base32 (no I, L, O, U), shown grouped as XXXXX-XXXXX. */
export const ReceiptParams = z.strictObject({
  receipt: z
    .string()
    .trim()
    .toUpperCase()
    .transform((s) => s.replace(/-/g, ""))
    .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, "must be a receipt code such as 7K3QD-MX2PA")),
});
export const TipParams = z.strictObject({ id: z.uuid() });

const text = (max: number) => z.string().trim().min(1).max(max);

export const SubmitTipBody = z.strictObject({
  narrative: text(20_000),
  reporter: z
    .strictObject({
      name: text(200).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^[0-9+().\-\s]{7,30}$/, "must be a phone number")
        .optional(),
      email: z.email().max(254).optional(),
    })
    .optional(),
  location: z
    .strictObject({
      state: z
        .string()
        .regex(/^[A-Z]{2}$/, "a two-letter U.S. state or territory code")
        .optional(),
      city: text(120).optional(),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code")
        .optional(),
    })
    .optional(),
  facts: FactsSchema.optional(),
  screening: z
    .strictObject({
      indicators: z.array(z.enum(INDICATOR_CODES)).max(INDICATOR_CODES.length).optional(),
      answers: z.partialRecord(z.enum(SCREEN_CODES), z.enum(["yes", "no", "unknown"])).optional(),
    })
    .optional(),
});
export type SubmitTipReq = z.infer<typeof SubmitTipBody>;

export const TipCreated = z.object({ id: z.string(), receipt: z.string() });
export const ReceiptStatus = z.object({ status: z.enum(["received", "under_review", "closed"]) });

export const STATUSES = ["received", "under_review", "closed"] as const;
export const ListTipsQuery = z.strictObject({
  status: z.enum(STATUSES).optional(),
  level: z.enum(LEVELS).optional(),
  assignee: z.union([z.literal("me"), z.literal("none"), z.string().min(1).max(64)]).optional(),
  clock: z.enum(["running", "overdue"]).optional(),
  sort: z.enum(["priority", "newest"]).default("priority"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListTipsQ = z.infer<typeof ListTipsQuery>;

export const CLOSE_REASONS = [
  "no_trafficking",
  "insufficient_information",
  "referred_out",
  "duplicate",
  "other",
] as const;
export const AssignBody = z.strictObject({ userId: z.string().min(1).max(64).nullable() });
export const CloseBody = z.strictObject({
  reason: z.enum(CLOSE_REASONS.filter((r) => r !== "duplicate") as [string, ...string[]]),
});
export const MergeBody = z.strictObject({ into: z.uuid() });
export const ConvertBody = z.strictObject({ title: text(200) });
export const HhsNotifiedBody = z.strictObject({
  method: z.enum(["phone", "email", "online_form", "fax", "other"]),
  at: z.iso.datetime().optional(),
});

const Clock = z.object({
  dueAt: z.string(),
  metAt: z.string().nullable(),
  metBy: z.string().nullable(),
  method: z.string().nullable(),
  overdue: z.boolean(),
  met: z.boolean(),
});

export const TipSummary = z.object({
  id: z.string(),
  channel: z.enum(["public", "hotline", "partner"]),
  status: z.enum(STATUSES),
  receivedAt: z.string(),
  state: z.string().nullable(),
  country: z.string().nullable(),
  screeningLevel: z.enum(LEVELS),
  screeningDrivers: z.array(z.string()),
  priority: z.number(),
  assigneeUserId: z.string().nullable(),
  mergedInto: z.string().nullable(),
  caseId: z.string().nullable(),
  closeReason: z.string().nullable(),
  hhsClock: Clock.nullable(),
  version: z.number(),
});
export const TipView = TipSummary.extend({
  narrative: z.string(),
  city: z.string().nullable(),
  reporter: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  facts: z.record(z.string(), z.unknown()),
  screening: z.record(z.string(), z.unknown()),
  recommendations: z.array(z.unknown()),
  /** Narratives of duplicates merged into this tip (they stay attached to the survivor). */
  merged: z.array(z.object({ id: z.string(), receivedAt: z.string(), narrative: z.string() })),
});
export type TipViewT = z.infer<typeof TipView>;
export type TipSummaryT = z.infer<typeof TipSummary>;
