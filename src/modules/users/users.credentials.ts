import type { Kysely } from "kysely";
import { badRequest, locked } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { type Actor, type AuditMeta, actorFields } from "../auth/authorize.ts";
import { clock } from "../auth/clock.ts";
import { endSessionsOfUser } from "../auth/credentials.service.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { newTotpSecret } from "../auth/totp.ts";
import { sealTotpSecret } from "../auth/totp-secrets.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import { assertAcceptablePassword, newOneTimePassword, oneTimePasswordExpiry } from "./password-policy.ts";
import { usersRepository } from "./users.repository.ts";
import type { MfaResetReason } from "./users.schema.ts";
import { changeUser, setUser, userIn } from "./users.service.ts";
import { recordSignInFailure } from "./users.signin.ts";

/**
 * An admin reset: a new one-time password (returned once, expiring in 72 hours, to be changed at
 * the next sign-in), the account unlocked, and every session of the user ended at once.
 */
export async function resetPassword(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  meta: AuditMeta = {},
) {
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return changeUser(db, actor, userId, { action: "user.reset_password", meta }, async (trx, u) => {
    const now = clock.now();
    const expiresAt = oneTimePasswordExpiry(now);
    await setUser(trx, actor, u.id, {
      password_hash: passwordHash,
      password_change_required: true,
      password_expires_at: expiresAt,
      locked_at: null,
    });
    await usersRepository.clearLoginFailures(trx, u.id);
    const sessionsEnded = await endSessionsOfUser(trx, u.id, now, "password_reset");
    const user = await userIn(trx, actor, "manage", u.id);
    return {
      result: { user, oneTimePassword, expiresAt, sessionsEnded },
      details: { sessionsEnded, wasLocked: Boolean(u.locked_at) },
    };
  });
}

/**
 * MFA re-enrolment by an admin, with a reason code (audited): a new TOTP secret replaces the old
 * one, which stops working at once, every session ends, and the user enrols the new secret at the
 * next sign-in (the password step shows it, as at a first sign-in).
 */
export async function resetMfa(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  actor: Actor,
  userId: string,
  reason: MfaResetReason,
  meta: AuditMeta = {},
) {
  return changeUser(db, actor, userId, { action: "user.reset_mfa", meta }, async (trx, u) => {
    const now = clock.now();
    const sealed = await sealTotpSecret(trx, crypto, { id: u.id, orgId: u.org_id }, newTotpSecret());
    await setUser(trx, actor, u.id, { ...sealed, totp_confirmed_at: null, totp_last_step: null });
    const sessionsEnded = await endSessionsOfUser(trx, u.id, now, "mfa_reset");
    return {
      result: { user: await userIn(trx, actor, "manage", u.id), sessionsEnded },
      details: { reason, sessionsEnded, wasEnrolled: Boolean(u.totp_confirmed_at) },
    };
  });
}

/**
 * The signed-in user changes their own password: the current one first (a wrong one counts towards
 * the lockout, so a stolen session cannot guess it), then the policy. Every other session of the
 * user ends (ASVS 7.4.3); the current one goes on.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  auth: AuthContext,
  input: { currentPassword: string; newPassword: string },
  meta: AuditMeta = {},
): Promise<{ sessionsEnded: number }> {
  const user = await userIn(db, auth, "self", auth.userId);
  if (user.locked_at)
    throw locked("This account is locked after too many failed attempts; an administrator must unlock it.");
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordSignInFailure(db, user, "auth.password_change", "wrong_password", meta);
    throw badRequest("currentPassword: the current password is wrong.", "current_password_wrong");
  }
  assertAcceptablePassword(input.newPassword, [user.email, user.org_id], "newPassword");
  if (input.newPassword === input.currentPassword)
    throw badRequest("newPassword: choose a password different from the current one.", "password_reused");
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    await usersRepository.update(trx, auth, "self", user.id, {
      password_hash: passwordHash,
      password_change_required: false,
      password_expires_at: null,
    });
    const sessionsEnded = await endSessionsOfUser(trx, user.id, now, "password_changed", auth.credentialId);
    await recordAudit(trx, {
      ...actorFields(auth),
      ...meta,
      action: "auth.password_change",
      outcome: "success",
      targetType: "user",
      targetIds: [user.id],
      details: { sessionsEnded },
    });
    return { sessionsEnded };
  });
}
