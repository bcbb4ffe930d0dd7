import { z } from "zod";

/** Filters of the auditor's view; all optional. Paging is newest first with `before` = a seq. */
export const AuditQuery = z.object({
  actor: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  outcome: z.enum(["success", "failure", "denied"]).optional(),
  target: z.string().max(80).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQueryReq = z.infer<typeof AuditQuery>;

export const AuditEventSchema = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  orgId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  targetType: z.string().nullable(),
  targetIds: z.array(z.string()),
  clientAddress: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  rowHash: z.string(),
});

export const AuditPage = z.object({ events: z.array(AuditEventSchema), nextBefore: z.number().nullable() });
