import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { AppError, locked, unauthorized } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import {
  addLoginFailure,
  clearLoginFailures,
  consumeTotpStep,
  getUserByEmail,
  getUserById,
  type UserRow,
  updateUser,
} from "../users/users.repository.ts";
import {
  consumeChallenge,
  endSession,
  getChallenge,
  insertChallenge,
  insertSession,
} from "./auth.repository.ts";
import type { AuditMeta } from "./authorize.ts";
import { clock } from "./clock.ts";
import { SESSION_ABSOLUTE_MS } from "./credentials.service.ts";
import { verifyPassword } from "./passwords.ts";
import { csrfTokenFor, randomSecret, sha256Hex } from "./secrets.ts";
import { otpauthUrl, verifyTotp } from "./totp.ts";
import { openTotpSecret } from "./totp-secrets.ts";

/** CJIS AC-7: this many failed attempts within the window lock the account until an admin unlocks it. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
/** An MFA challenge (after the password step) lives 5 minutes and is used once. */
export const CHALLENGE_MS = 5 * 60 * 1000;

const invalidCredentials = () => unauthorized("The email or password is wrong.", "invalid_credentials");
const accountLocked = () =>
  locked("This account is locked after too many failed attempts; an administrator must unlock it.");

/** The password step's answer. `enrolment` appears only until the user's first successful MFA. */
export interface LoginStep {
  mfa: "required";
  challengeId: string;
  enrolment?: { secret: string; otpauthUrl: string };
}

/** Records a failed attempt (password or code) and locks the account at the fifth in 15 minutes. */
async function fail(
  db: Kysely<Database>,
  user: UserRow,
  action: string,
  reason: string,
  meta: AuditMeta,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const failures = await addLoginFailure(trx, user, now, new Date(now.getTime() - LOCKOUT_WINDOW_MS));
    const nowLocked = failures >= LOCKOUT_FAILURES && !user.locked_at;
    if (nowLocked) await updateUser(trx, user.id, { locked_at: now });
    await recordAudit(trx, {
      ...meta,
      action,
      outcome: "failure",
      actorUserId: user.id,
      actorOrgId: user.org_id,
      targetType: "user",
      targetIds: [user.id],
      details: { reason, failures },
    });
    if (nowLocked) {
      await recordAudit(trx, {
        ...meta,
        action: "user.lock",
        outcome: "success",
        actorUserId: "system:lockout",
        actorOrgId: user.org_id,
        targetType: "user",
        targetIds: [user.id],
        details: { failures },
      });
    }
  });
}

/**
 * Password step. Unknown email, disabled account and wrong password all answer 401
 * `invalid_credentials` after one argon2id verification each (no enumeration by message or time).
 * A locked account answers 423 even with the right password. Success opens a 5-minute MFA challenge.
 */
export async function loginWithPassword(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  email: string,
  password: string,
  meta: AuditMeta,
): Promise<LoginStep> {
  const user = await getUserByEmail(db, email);
  const usable = user && !user.disabled_at ? user : undefined;
  const ok = await verifyPassword(usable?.password_hash, password);
  if (!user || !usable) {
    await recordAudit(db, {
      ...meta,
      action: "auth.login",
      outcome: "failure",
      ...(user ? { actorUserId: user.id, actorOrgId: user.org_id } : {}),
      details: { reason: user ? "disabled" : "unknown_email" },
    });
    throw invalidCredentials();
  }
  if (user.locked_at) {
    await recordAudit(db, {
      ...meta,
      action: "auth.login",
      outcome: "failure",
      actorUserId: user.id,
      actorOrgId: user.org_id,
      details: { reason: "locked" },
    });
    throw accountLocked();
  }
  if (!ok) {
    await fail(db, user, "auth.login", "wrong_password", meta);
    throw invalidCredentials();
  }
  const now = clock.now();
  const challengeId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertChallenge(trx, {
      id: challengeId,
      org_id: user.org_id,
      user_id: user.id,
      created_at: now,
      expires_at: new Date(now.getTime() + CHALLENGE_MS),
    });
    await recordAudit(trx, {
      ...meta,
      action: "auth.login",
      outcome: "success",
      actorUserId: user.id,
      actorOrgId: user.org_id,
      details: { step: "password" },
    });
  });
  const secret = user.totp_confirmed_at ? null : await openTotpSecret(db, crypto, user);
  return {
    mfa: "required",
    challengeId,
    ...(secret ? { enrolment: { secret, otpauthUrl: otpauthUrl(secret, user.email) } } : {}),
  };
}

/** A new session: the cookie value and CSRF token, returned once; only their hashes are stored. */
export interface NewSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a session for a user (new 128-bit token at every sign-in, ASVS 7.2.4). Inside the caller's transaction. */
export async function openSession(
  trx: Transaction<Database> | Kysely<Database>,
  user: { id: string; org_id: string },
): Promise<NewSession> {
  const now = clock.now();
  const token = randomSecret(16);
  const s: NewSession = {
    sessionId: randomUUID(),
    token,
    csrfToken: csrfTokenFor(token),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  };
  await insertSession(trx, {
    id: s.sessionId,
    org_id: user.org_id,
    user_id: user.id,
    token_hash: sha256Hex(s.token),
    csrf_hash: sha256Hex(s.csrfToken),
    created_at: now,
    last_seen_at: now,
    expires_at: s.expiresAt,
  });
  return s;
}

/**
 * MFA step: the challenge must be open and unused, the TOTP code valid and not used before
 * (its time step later than the last accepted one). A wrong code counts towards the lockout.
 * Success consumes the challenge, confirms enrolment, clears failures and opens a session.
 */
export async function completeMfa(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  challengeId: string,
  code: string,
  meta: AuditMeta,
): Promise<{ user: UserRow; session: NewSession }> {
  const now = clock.now();
  const challenge = await getChallenge(db, challengeId);
  const user = challenge ? await getUserById(db, challenge.user_id) : undefined;
  if (
    !challenge ||
    !user ||
    challenge.used_at ||
    challenge.expires_at.getTime() <= now.getTime() ||
    user.disabled_at
  ) {
    await recordAudit(db, {
      ...meta,
      action: "auth.mfa",
      outcome: "failure",
      ...(user ? { actorUserId: user.id, actorOrgId: user.org_id } : {}),
      details: { reason: "invalid_challenge" },
    });
    throw unauthorized(
      "The sign-in step has expired or was already used; sign in again.",
      "invalid_challenge",
    );
  }
  if (user.locked_at) {
    await recordAudit(db, {
      ...meta,
      action: "auth.mfa",
      outcome: "failure",
      actorUserId: user.id,
      actorOrgId: user.org_id,
      details: { reason: "locked" },
    });
    throw accountLocked();
  }
  const secret = await openTotpSecret(db, crypto, user);
  const step = secret ? await verifyTotp(secret, code, now, user.totp_last_step) : null;
  if (step === null) {
    await fail(db, user, "auth.mfa", "wrong_code", meta);
    throw unauthorized("The code is wrong or was already used.", "invalid_code");
  }
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await consumeChallenge(trx, challenge.id, now)))
        throw unauthorized("The sign-in step was already used; sign in again.", "invalid_challenge");
      if (!(await consumeTotpStep(trx, user.id, step)))
        throw unauthorized("The code is wrong or was already used.", "invalid_code");
      if (!user.totp_confirmed_at) await updateUser(trx, user.id, { totp_confirmed_at: now });
      await clearLoginFailures(trx, user.id);
      const session = await openSession(trx, user);
      await recordAudit(trx, {
        ...meta,
        action: "auth.mfa",
        outcome: "success",
        actorUserId: user.id,
        actorOrgId: user.org_id,
        targetType: "session",
        targetIds: [session.sessionId],
        details: { enrolled: !user.totp_confirmed_at },
      });
      return { user, session };
    });
  } catch (error) {
    if (error instanceof AppError)
      await recordAudit(db, {
        ...meta,
        action: "auth.mfa",
        outcome: "failure",
        actorUserId: user.id,
        actorOrgId: user.org_id,
        details: { reason: error.code },
      });
    throw error;
  }
}

/** Ends the caller's session server-side at once (ASVS 7.4.1). */
export async function logout(
  db: Kysely<Database>,
  user: { userId: string; orgId: string; credentialId: string },
  meta: AuditMeta,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await endSession(trx, user.credentialId, clock.now(), "logout");
    await recordAudit(trx, {
      ...meta,
      action: "auth.logout",
      outcome: "success",
      actorUserId: user.userId,
      actorOrgId: user.orgId,
      targetType: "session",
      targetIds: [user.credentialId],
    });
  });
}
