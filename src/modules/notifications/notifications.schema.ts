import { z } from "zod";

export const ListNotificationsQuery = z.strictObject({
  unread: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const MarkReadBody = z
  .strictObject({ ids: z.array(z.uuid()).min(1).max(200).optional(), all: z.literal(true).optional() })
  .refine((b) => (b.ids ? 1 : 0) + (b.all ? 1 : 0) === 1, "give exactly one of ids or all");

export const NotificationView = z.object({
  id: z.string(),
  /** A code such as "referral.received"; the web words it. */
  kind: z.string(),
  refType: z.string(),
  refId: z.string(),
  caseId: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const NotificationList = z.object({
  notifications: z.array(NotificationView),
  unreadCount: z.number(),
});
export const UnreadCount = z.object({ unreadCount: z.number() });
export const MarkReadResult = z.object({ updated: z.number(), unreadCount: z.number() });
