import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext, OrgType, Role } from "./auth.context.ts";
import {
  type CredentialRow,
  endSession,
  endUserSessions,
  getApiTokenByHash,
  getSessionByHash,
  touchApiToken,
  touchSession,
} from "./auth.repository.ts";
import { sha256Hex, splitOrg } from "./secrets.ts";

/** How stale a credential's last-use time may get before a request writes it again. */
const TOUCH_EVERY_MS = 60_000;

/** CJIS AC-11 / ASVS 7.3.1: a session unused for 30 minutes ends. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** CJIS IA-5 / ASVS 7.3.2: a session ends 12 hours after sign-in whatever its use. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export type CredentialCheck =
  | { ok: true; auth: AuthContext; csrfHash?: string }
  | {
      ok: false;
      reason: "unknown" | "ended" | "expired" | "idle" | "disabled" | "revoked";
      userId?: string;
      orgId?: string;
    };

function toAuth(
  row: Pick<CredentialRow, "id" | "user_id" | "org_id" | "org_type" | "roles">,
  via: AuthContext["via"],
): AuthContext {
  return {
    kind: "user",
    userId: row.user_id,
    orgId: row.org_id,
    orgType: row.org_type,
    roles: row.roles,
    via,
    credentialId: row.id,
  };
}

/** The context of a session just opened for a user (the MFA step answers with it). */
export function sessionAuth(
  user: { id: string; org_id: string; org_type: OrgType; roles: Role[] },
  sessionId: string,
): AuthContext {
  const { id, org_id, org_type, roles } = user;
  return toAuth({ id: sessionId, user_id: id, org_id, org_type, roles }, "session");
}

/**
 * Checks a session cookie value at `now`: it must exist, be open, be within 12 hours of sign-in and
 * 30 minutes of last use, and belong to an enabled user. A valid session's idle clock restarts;
 * a timed-out one is ended for good. Roles are read fresh, so role changes apply at once.
 */
export async function checkSessionToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<CredentialCheck> {
  const row = await getSessionByHash(db, splitOrg(token)?.orgId, sha256Hex(token));
  if (!row) return { ok: false, reason: "unknown" };
  const who = { userId: row.user_id, orgId: row.org_id };
  if (row.ended_at) return { ok: false, reason: "ended", ...who };
  if (row.user_disabled_at) return { ok: false, reason: "disabled", ...who };
  if (now.getTime() >= row.expires_at.getTime()) {
    await endSession(db, row.org_id, row.id, now, "absolute_timeout");
    return { ok: false, reason: "expired", ...who };
  }
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_IDLE_MS) {
    await endSession(db, row.org_id, row.id, now, "idle_timeout");
    return { ok: false, reason: "idle", ...who };
  }
  // The idle clock moves at most once a minute: a session may end up to a minute early, never late,
  // and most requests write nothing.
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS)
    await touchSession(db, row.org_id, row.id, now);
  return { ok: true, auth: toAuth(row, "session"), csrfHash: row.csrf_hash };
}

/** Checks an API bearer token at `now`: it must exist, be unrevoked, unexpired, of an enabled user. */
export async function checkApiToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<CredentialCheck> {
  const row = await getApiTokenByHash(db, splitOrg(token.replace(/^hbr_/, ""))?.orgId, sha256Hex(token));
  if (!row) return { ok: false, reason: "unknown" };
  const who = { userId: row.user_id, orgId: row.org_id };
  if (row.ended_at) return { ok: false, reason: "revoked", ...who };
  if (row.user_disabled_at) return { ok: false, reason: "disabled", ...who };
  if (now.getTime() >= row.expires_at.getTime()) return { ok: false, reason: "expired", ...who };
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_EVERY_MS)
    await touchApiToken(db, row.org_id, row.id, now);
  return { ok: true, auth: toAuth(row, "token") };
}

/**
 * Ends every open session of a user at once, inside the caller's transaction (account disabled,
 * password reset or changed, MFA reset); `exceptSessionId` keeps the caller's own. Returns how many.
 */
export function endSessionsOfUser(
  trx: Transaction<Database> | Kysely<Database>,
  userId: string,
  at: Date,
  reason: string,
  exceptSessionId?: string,
): Promise<number> {
  return endUserSessions(trx, userId, at, reason, exceptSessionId);
}
