import { z } from "zod";
import { FactsSchema } from "../routing/routing.schema.ts";
import { AGENCY_TYPES, CLOSE_REASONS, CONFIRMATIONS, TRAFFICKING_TYPES, US_STATES } from "./cases.vocab.ts";

/** A calendar date, YYYY-MM-DD, that exists and is not in the future. */
export const PastDate = z.iso
  .date()
  .refine((v) => new Date(`${v}T00:00:00Z`).getTime() <= Date.now(), "must not be in the future");
const Title = z.string().trim().min(1).max(200);
/** Narratives hold names and places: bounded, sealed at rest. */
const Narrative = z.string().trim().min(1).max(20_000);
const UsState = z.enum(US_STATES as [string, ...string[]], "must be a USPS state or territory code");

/** Path parameter of every case route. */
export const CaseParams = z.object({ id: z.uuid() });
export const OrgIdField = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "must be an organization id");

export const CreateCaseBody = z.strictObject({
  title: Title,
  narrative: Narrative.optional(),
  traffickingType: z.enum(TRAFFICKING_TYPES).optional(),
  incidentState: UsState.optional(),
});

/** PATCH: the fields to change (null clears); the version edited comes in If-Match. */
export const UpdateCaseBody = z
  .strictObject({
    title: Title.optional(),
    narrative: Narrative.nullable().optional(),
    traffickingType: z.enum(TRAFFICKING_TYPES).optional(),
    confirmation: z.enum(CONFIRMATIONS).optional(),
    leadAgencyType: z.enum(AGENCY_TYPES).nullable().optional(),
    /** The case lead: an enabled user of the owning organization (null: no lead). */
    leadUserId: z.uuid().nullable().optional(),
    investigationStartedOn: PastDate.nullable().optional(),
    incidentState: UsState.nullable().optional(),
    facts: FactsSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "give at least one field to change");
export type UpdateCaseReq = z.infer<typeof UpdateCaseBody>;

export const CloseCaseBody = z.strictObject({ reason: z.enum(CLOSE_REASONS) });
export type CreateCaseReq = z.infer<typeof CreateCaseBody>;

export const ListCasesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ShareCaseBody = z.strictObject({
  orgId: OrgIdField,
  access: z.enum(["read", "write"]),
});
export type ShareCaseReq = z.infer<typeof ShareCaseBody>;

export const CaseView = z.object({
  id: z.string(),
  orgId: z.string(),
  title: z.string(),
  narrative: z.string().nullable().optional(),
  status: z.enum(["open", "closed"]),
  version: z.number(),
  traffickingType: z.enum(TRAFFICKING_TYPES),
  confirmation: z.enum(CONFIRMATIONS),
  leadAgencyType: z.enum(AGENCY_TYPES).nullable(),
  investigationStartedOn: z.string().nullable(),
  incidentState: z.string().nullable(),
  leadUserId: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  facts: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  relation: z.enum(["owner", "shared_write", "shared_read"]),
  permissions: z.object({
    update: z.boolean(),
    work: z.boolean(),
    addPerson: z.boolean(),
    share: z.boolean(),
    readConsents: z.boolean(),
    recordConsent: z.boolean(),
    revokeConsent: z.boolean(),
  }),
});

export const ShareView = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgType: z.string(),
  access: z.enum(["read", "write"]),
  createdAt: z.string(),
});

export const Created = z.object({ id: z.string() });

export const TimelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime().optional(),
});

export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actorUserId: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  ref: z.object({ type: z.string(), id: z.string() }).nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
