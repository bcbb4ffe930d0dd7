import { z } from "zod";
import { ORG_TYPES, ROLES } from "../auth/auth.context.ts";

/** A user as presented (see users.presenter.ts). */
export const UserSchema = z.object({
  id: z.uuid(),
  orgId: z.string(),
  orgType: z.enum(ORG_TYPES),
  email: z.string(),
  roles: z.array(z.enum(ROLES)),
  mfaEnrolled: z.boolean(),
  locked: z.boolean(),
  disabled: z.boolean(),
  /** The password is a one-time password: the next sign-in must set a new one. */
  passwordChangeRequired: z.boolean(),
  /** When that one-time password stops working (null when none is pending). */
  oneTimePasswordExpiresAt: z.string().nullable(),
  /** The only enabled admin of the organization: it can be neither disabled nor demoted. */
  lastActiveAdmin: z.boolean(),
  createdAt: z.string(),
});

export const Email = z.email().max(254);
/** Passwords: length checked by the policy (8–1024); the schema only bounds the body. */
export const Password = z.string().min(1).max(4096);
export const Roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);

export const CreateUserBody = z.object({
  email: Email,
  roles: Roles,
  /** An initial password; like a generated one, it must be changed at the first sign-in. */
  password: Password.optional(),
  /** Another organization: only for the host organization's admins. */
  orgId: z.string().max(63).optional(),
});
export type CreateUserReq = z.infer<typeof CreateUserBody>;

export const CreatedUserSchema = z.object({
  user: UserSchema,
  totpSecret: z.string(),
  otpauthUrl: z.string(),
  initialPassword: z.string().optional(),
});

/** Why an admin resets someone's second factor: codes only, never free text (no personal data in the audit log). */
export const MFA_RESET_REASONS = ["lost_device", "new_device", "suspected_compromise", "other"] as const;
export type MfaResetReason = (typeof MFA_RESET_REASONS)[number];

export const SetRolesBody = z.object({ roles: Roles });
export const ResetMfaBody = z.object({ reason: z.enum(MFA_RESET_REASONS) });
export const ResetPasswordResponse = z.object({
  user: UserSchema,
  oneTimePassword: z.string(),
  expiresAt: z.string(),
  sessionsEnded: z.number(),
});
export const UserChangeResponse = z.object({ user: UserSchema, sessionsEnded: z.number() });

export const UserIdParams = z.object({ id: z.uuid() });
export const ListUsersQuery = z.object({ orgId: z.string().max(63).optional() });

/** What the signed-in user may do, as the access policy decides (the web shows links by it). */
export const CapabilitiesSchema = z.object({
  manageUsers: z.boolean(),
  createOrgs: z.boolean(),
  readAudit: z.boolean(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

export const ChangePasswordBody = z.object({ currentPassword: Password, newPassword: Password });

/** A user someone may assign work to: id and e-mail only. */
export const AssignableUserSchema = z.object({ id: z.uuid(), email: z.string() });
