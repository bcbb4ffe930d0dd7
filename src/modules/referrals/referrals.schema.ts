import { z } from "zod";
import {
  DECLINE_REASONS,
  REFERRAL_ACTIONS,
  REFERRAL_PURPOSES,
  REFERRAL_STATUSES,
} from "./referrals.rules.ts";

const OrgId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "must be an organization id");

export const ReferralParams = z.object({ id: z.uuid() });

export const SendReferralBody = z.strictObject({
  caseId: z.string().min(1).max(100),
  /** The victim referred; omit to refer the whole case. */
  personId: z.string().min(1).max(100).optional(),
  /** A Harbor organization, or a directory entry outside Harbor (tracked; nothing is transmitted). */
  recipient: z.union([
    z.strictObject({ orgId: OrgId }),
    z.strictObject({ directoryEntryId: z.string().min(1).max(200) }),
  ]),
  purpose: z.enum(REFERRAL_PURPOSES),
  /** When an answer is due; default three business days from now. */
  respondBy: z.iso.datetime({ offset: true }).optional(),
});
export type SendReferralReq = z.infer<typeof SendReferralBody>;

export const DeclineBody = z.strictObject({ reason: z.enum(DECLINE_REASONS) });

export const ListReferralsQuery = z.strictObject({
  direction: z.enum(["outgoing", "incoming"]),
  status: z.enum(REFERRAL_STATUSES).optional(),
  caseId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ConsentCheckQuery = z.strictObject({
  caseId: z.string().min(1).max(100),
  recipientOrgId: OrgId,
  purpose: z.enum(REFERRAL_PURPOSES),
});

export const ConsentCheck = z.object({
  /** Victims in the case, and how many have an active consent for this recipient and purpose. */
  victims: z.number(),
  covered: z.number(),
  /** True when the referral would carry identities (every victim consented). */
  identified: z.boolean(),
  /** The earliest expiry among the consents relied on. */
  expiresAt: z.string().nullable(),
});

const OrgRef = z.object({ orgId: z.string(), name: z.string() });

export const ReferralView = z.object({
  id: z.string(),
  side: z.enum(["sender", "recipient"]),
  status: z.enum(REFERRAL_STATUSES),
  purpose: z.enum(REFERRAL_PURPOSES),
  declineReason: z.enum(DECLINE_REASONS).nullable(),
  /** False: a de-identified referral (no consent): the recipient learns of it, never who. */
  identified: z.boolean(),
  sender: OrgRef,
  recipient: z.object({
    kind: z.enum(["org", "directory"]),
    orgId: z.string().nullable(),
    name: z.string().nullable(),
    directoryEntryId: z.string().nullable(),
  }),
  /** For the recipient, only while the referral's share lets it open the case. */
  caseId: z.string().nullable(),
  personId: z.string().nullable(),
  respondBy: z.string(),
  overdue: z.boolean(),
  sentAt: z.string(),
  answeredAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  version: z.number(),
  actions: z.array(z.enum(REFERRAL_ACTIONS)),
});
export type ReferralViewT = z.infer<typeof ReferralView>;
