import { z } from "zod";

/** Path parameter of every case route. */
export const CaseParams = z.object({ id: z.uuid() });
export const OrgIdField = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "must be an organization id");

export const CreateCaseBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
});
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
  status: z.enum(["open", "closed"]),
  createdAt: z.string(),
  relation: z.enum(["owner", "shared_write", "shared_read"]),
  permissions: z.object({
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
