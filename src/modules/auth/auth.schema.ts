import { z } from "zod";
import { CapabilitiesSchema, Password, UserSchema } from "../users/users.schema.ts";

/** `<organization>.<uuid>`: the MFA challenge names its organization (docs/scale-out.md). */
const ChallengeId = z
  .string()
  .max(120)
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    "must be a challenge id",
  );

export const LoginBody = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(4096),
});
export type LoginReq = z.infer<typeof LoginBody>;

export const LoginResponse = z.object({
  mfa: z.literal("required"),
  challengeId: ChallengeId,
  /** Present only before the first successful MFA: the secret to add to an authenticator app. */
  enrolment: z.object({ secret: z.string(), otpauthUrl: z.string() }).optional(),
  /** Present when the password is a one-time password: the MFA step must carry `newPassword`. */
  passwordChange: z.literal("required").optional(),
});

export const MfaBody = z.object({
  challengeId: ChallengeId,
  code: z.string().min(1).max(12),
  /** Required when the password step answered `passwordChange: "required"`. */
  newPassword: Password.optional(),
});
export type MfaReq = z.infer<typeof MfaBody>;

/** The signed-in user, and the CSRF token to send in `x-csrf-token` on writes. */
export const SessionResponse = z.object({
  user: UserSchema,
  csrfToken: z.string().optional(),
  /** What this user may do, as the access policy decides. */
  can: CapabilitiesSchema,
});

export const CreateTokenBody = z.object({
  userId: z.uuid(),
  expiresInDays: z.number().int().min(1).max(365),
  label: z.string().trim().min(1).max(100).optional(),
});
export const TokenSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const CreatedTokenSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  token: z.string(),
  expiresAt: z.string(),
});
