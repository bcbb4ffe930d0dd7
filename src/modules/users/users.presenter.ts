import type { UserRow } from "./users.repository.ts";

/** A user as the API shows it: an allow-list (never the password hash or TOTP secret). */
export function presentUser(u: UserRow) {
  return {
    id: u.id,
    orgId: u.org_id,
    orgType: u.org_type,
    email: u.email,
    roles: u.roles,
    mfaEnrolled: Boolean(u.totp_confirmed_at),
    locked: Boolean(u.locked_at),
    disabled: Boolean(u.disabled_at),
    passwordChangeRequired: u.password_change_required,
    oneTimePasswordExpiresAt: u.password_change_required
      ? (u.password_expires_at?.toISOString() ?? null)
      : null,
    lastActiveAdmin: u.last_active_admin,
    createdAt: u.created_at.toISOString(),
  };
}
