import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import type { AuditMeta } from "../auth/authorize.ts";
import { clock } from "../auth/clock.ts";
import { type UserRow, usersRepository } from "./users.repository.ts";

export type { UserRow };

/**
 * The account state sign-in reads and writes (auth module): sign-in runs before anyone is signed
 * in, so it acts as this named system context, and only through these functions.
 */
export const SIGN_IN: SystemContext = { kind: "system", reason: "sign-in" };

/** CJIS AC-7: this many failed attempts within the window lock the account until an admin unlocks it. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

/** The account an email signs in to, if any. */
export function accountForSignIn(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return usersRepository.getByEmail(db, SIGN_IN, "read", email);
}

/** The account of an MFA challenge, if it still exists. */
export function accountById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return usersRepository.get(db, SIGN_IN, "read", id);
}

/** True when the user's one-time password has expired (a password the user chose never does). */
export function oneTimePasswordExpired(user: UserRow, now = clock.now()): boolean {
  return (
    user.password_change_required &&
    user.password_expires_at !== null &&
    user.password_expires_at.getTime() <= now.getTime()
  );
}

/**
 * Records a failed attempt (password or code) and locks the account at the fifth within 15 minutes;
 * audited, with the lock as its own `user.lock` record, for the admin and the audit trail to see.
 */
export async function recordSignInFailure(
  db: Kysely<Database>,
  user: UserRow,
  action: string,
  reason: string,
  meta: AuditMeta,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS);
    const failures = await usersRepository.addLoginFailure(trx, user, now, since);
    const nowLocked = failures >= LOCKOUT_FAILURES && !user.locked_at;
    if (nowLocked) await usersRepository.update(trx, SIGN_IN, "read", user.id, { locked_at: now });
    const who = { actorUserId: user.id, actorOrgId: user.org_id, targetType: "user", targetIds: [user.id] };
    await recordAudit(trx, { ...meta, ...who, action, outcome: "failure", details: { reason, failures } });
    if (nowLocked) {
      await recordAudit(trx, {
        ...meta,
        ...who,
        action: "user.lock",
        outcome: "success",
        actorUserId: "system:lockout",
        details: { failures },
      });
    }
  });
}

/**
 * What a successful MFA step changes, in its transaction: the code's time step is used up (false
 * when it already was: a replay), enrolment is confirmed, failures are forgotten and, at a first
 * sign-in with a one-time password, the user's new password replaces it.
 */
export async function completeSignIn(
  trx: Transaction<Database>,
  user: UserRow,
  step: number,
  newPasswordHash: string | undefined,
): Promise<boolean> {
  if (!(await usersRepository.consumeTotpStep(trx, SIGN_IN, user.id, step))) return false;
  const changes = {
    ...(user.totp_confirmed_at ? {} : { totp_confirmed_at: clock.now() }),
    ...(newPasswordHash
      ? { password_hash: newPasswordHash, password_change_required: false, password_expires_at: null }
      : {}),
  };
  if (Object.keys(changes).length) await usersRepository.update(trx, SIGN_IN, "read", user.id, changes);
  await usersRepository.clearLoginFailures(trx, user.id);
  return true;
}
