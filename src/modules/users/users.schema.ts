import { z } from "zod";
import { ORG_TYPES, ROLES } from "../auth/auth.context.ts";

/** A user as presented (see users.presenter.ts). */
export const UserSchema = z.object({
  id: z.uuid(),
  orgId: z.string(),
  orgType: z.enum(ORG_TYPES),
  email: z.string(),
  roles: z.array(z.string()),
  mfaEnrolled: z.boolean(),
  locked: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const Email = z.email().max(254);
/** Passwords: length checked by the policy (8–1024); the schema only bounds the body. */
export const Password = z.string().min(1).max(4096);

export const CreateUserBody = z.object({
  email: Email,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  password: Password.optional(),
  /** Another organization: only for government admins. */
  orgId: z.string().max(63).optional(),
});
export type CreateUserReq = z.infer<typeof CreateUserBody>;

export const CreatedUserSchema = z.object({
  user: UserSchema,
  totpSecret: z.string(),
  otpauthUrl: z.string(),
  initialPassword: z.string().optional(),
});

export const UserIdParams = z.object({ id: z.uuid() });
export const ListUsersQuery = z.object({ orgId: z.string().max(63).optional() });
