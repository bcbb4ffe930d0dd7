import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { AppError, badRequest, unauthorized } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import { assertAcceptablePassword } from "../users/password-policy.ts";
import {
  accountById,
  accountForSignIn,
  completeSignIn,
  oneTimePasswordExpired,
  recordSignInFailure,
  type UserRow,
} from "../users/users.signin.ts";
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
import { hashPassword, verifyPassword } from "./passwords.ts";
import { csrfTokenFor, randomSecret, sha256Hex, splitOrg, withOrg } from "./secrets.ts";
import { otpauthUrl, verifyTotp } from "./totp.ts";
import { openTotpSecret } from "./totp-secrets.ts";

export { LOCKOUT_FAILURES, LOCKOUT_WINDOW_MS } from "../users/users.signin.ts";
/** An MFA challenge (after the password step) lives 5 minutes and is used once. */
export const CHALLENGE_MS = 5 * 60 * 1000;

/**
 * The one answer for an unknown email, a disabled or locked account and a wrong password: neither
 * the status, the message nor the time tells them apart. The real user of a locked account learns
 * it from an administrator, who sees it on the users page and in the audit trail (`user.lock`).
 */
const invalidCredentials = () =>
  unauthorized(
    "The email or password is wrong. After 5 failed attempts an account is locked until an administrator unlocks it.",
    "invalid_credentials",
  );
const invalidCode = () => unauthorized("The code is wrong or was already used.", "invalid_code");

/**
 * The password step's answer. `enrolment` appears only until the user's first successful MFA;
 * `passwordChange` when the password is a one-time password: the MFA step must then set a new one.
 */
export interface LoginStep {
  mfa: "required";
  challengeId: string;
  enrolment?: { secret: string; otpauthUrl: string };
  passwordChange?: "required";
}

/** A failed password step, audited; no account state changes. */
function refuseLogin(db: Kysely<Database>, user: UserRow | undefined, reason: string, meta: AuditMeta) {
  return recordAudit(db, {
    ...meta,
    action: "auth.login",
    outcome: "failure",
    ...(user ? { actorUserId: user.id, actorOrgId: user.org_id } : {}),
    details: { reason },
  });
}

/**
 * Password step. An unknown email, a disabled or locked account and a wrong password all answer
 * 401 `invalid_credentials` after one argon2id verification each, so nothing tells an attacker
 * which accounts exist or are locked. A right one-time password past its expiry answers 401
 * `password_expired`. Success opens a 5-minute MFA challenge.
 */
export async function loginWithPassword(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  email: string,
  password: string,
  meta: AuditMeta,
): Promise<LoginStep> {
  const user = await accountForSignIn(db, email);
  const usable = user && !user.disabled_at ? user : undefined;
  const ok = await verifyPassword(usable?.password_hash, password);
  if (!user || !usable) {
    await refuseLogin(db, user, user ? "disabled" : "unknown_email", meta);
    throw invalidCredentials();
  }
  if (user.locked_at) {
    await refuseLogin(db, user, "locked", meta);
    throw invalidCredentials();
  }
  if (!ok) {
    await recordSignInFailure(db, user, "auth.login", "wrong_password", meta);
    throw invalidCredentials();
  }
  if (oneTimePasswordExpired(user)) {
    await refuseLogin(db, user, "one_time_password_expired", meta);
    throw unauthorized(
      "This one-time password has expired; ask your administrator for a new one.",
      "password_expired",
    );
  }
  const now = clock.now();
  const challengeKey = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertChallenge(trx, {
      id: challengeKey,
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
    // The MFA step arrives with this id alone: it names the organization, so it routes to its rows.
    challengeId: withOrg(user.org_id, challengeKey),
    ...(secret ? { enrolment: { secret, otpauthUrl: otpauthUrl(secret, user.email) } } : {}),
    ...(user.password_change_required ? { passwordChange: "required" as const } : {}),
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
  const token = withOrg(user.org_id, randomSecret(16));
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
 * The new password of a first sign-in with a one-time password, checked before the code is used, so
 * a refused password costs the user nothing: 400 naming `newPassword` when it is missing, breaks the
 * policy or is the one-time password itself. Returns its argon2id hash (undefined when none is due).
 */
async function newPasswordHash(user: UserRow, newPassword: string | undefined): Promise<string | undefined> {
  if (!user.password_change_required) return undefined;
  if (newPassword === undefined)
    throw badRequest("newPassword: this sign-in must set a new password.", "password_change_required");
  assertAcceptablePassword(newPassword, [user.email, user.org_id], "newPassword");
  if (await verifyPassword(user.password_hash, newPassword))
    throw badRequest(
      "newPassword: choose a password different from the one-time password.",
      "password_reused",
    );
  return hashPassword(newPassword);
}

/**
 * MFA step: the challenge must be open and unused, the TOTP code valid and not used before
 * (its time step later than the last accepted one). A wrong code counts towards the lockout.
 * A one-time password must be replaced here (`newPassword`). Success consumes the challenge,
 * confirms enrolment, clears failures, sets the new password and opens a session.
 */
export async function completeMfa(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  input: { challengeId: string; code: string; newPassword?: string | undefined },
  meta: AuditMeta,
): Promise<{ user: UserRow; session: NewSession }> {
  const now = clock.now();
  const named = splitOrg(input.challengeId);
  const challenge = named ? await getChallenge(db, named.orgId, named.rest) : undefined;
  const user = challenge ? await accountById(db, challenge.user_id) : undefined;
  const refuse = (reason: string) =>
    recordAudit(db, {
      ...meta,
      action: "auth.mfa",
      outcome: "failure",
      ...(user ? { actorUserId: user.id, actorOrgId: user.org_id } : {}),
      details: { reason },
    });
  if (
    !challenge ||
    !user ||
    challenge.used_at ||
    challenge.expires_at.getTime() <= now.getTime() ||
    user.disabled_at ||
    oneTimePasswordExpired(user, now)
  ) {
    await refuse("invalid_challenge");
    throw unauthorized(
      "The sign-in step has expired or was already used; sign in again.",
      "invalid_challenge",
    );
  }
  if (user.locked_at) {
    await refuse("locked");
    throw invalidCode();
  }
  const passwordHash = await newPasswordHash(user, input.newPassword);
  const secret = await openTotpSecret(db, crypto, user);
  const step = secret ? await verifyTotp(secret, input.code, now, user.totp_last_step) : null;
  if (step === null) {
    await recordSignInFailure(db, user, "auth.mfa", "wrong_code", meta);
    throw invalidCode();
  }
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await consumeChallenge(trx, challenge.org_id, challenge.id, now)))
        throw unauthorized("The sign-in step was already used; sign in again.", "invalid_challenge");
      if (!(await completeSignIn(trx, user, step, passwordHash))) throw invalidCode();
      const session = await openSession(trx, user);
      await recordAudit(trx, {
        ...meta,
        action: "auth.mfa",
        outcome: "success",
        actorUserId: user.id,
        actorOrgId: user.org_id,
        targetType: "session",
        targetIds: [session.sessionId],
        details: { enrolled: !user.totp_confirmed_at, passwordChanged: Boolean(passwordHash) },
      });
      return { user, session };
    });
  } catch (error) {
    if (error instanceof AppError) await refuse(error.code);
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
    await endSession(trx, user.orgId, user.credentialId, clock.now(), "logout");
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
