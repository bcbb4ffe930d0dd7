import { z } from "zod";

export const ConsentParams = z.object({ id: z.uuid() });

export const RecordConsentBody = z.strictObject({
  recipientOrgId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "must be an organization id"),
  purpose: z.enum(["services_referral", "law_enforcement_sharing", "statistics"]),
  /** Required: VAWA consent is time-limited. Must be in the future. */
  expiresAt: z.iso.datetime({ offset: true }),
  /** Who signed: the victim, plus a parent or guardian when the victim is a minor. */
  signedBy: z
    .array(z.enum(["victim", "guardian"]))
    .min(1)
    .max(2)
    .refine((s) => s.includes("victim"), "must include the victim")
    .refine((s) => new Set(s).size === s.length, "must not repeat a signer"),
});
export type RecordConsentReq = z.infer<typeof RecordConsentBody>;

export const ConsentView = z.object({
  id: z.string(),
  personId: z.string(),
  caseId: z.string(),
  recipientOrgId: z.string(),
  purpose: z.enum(["services_referral", "law_enforcement_sharing", "statistics"]),
  signedBy: z.array(z.enum(["victim", "guardian"])),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: z.enum(["active", "expired", "revoked"]),
  createdAt: z.string(),
});
