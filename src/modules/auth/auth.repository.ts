import { type Kysely, sql, type Transaction } from "kysely";
import { PREPARE } from "../../store/prepared.ts";
import type { Database } from "../../store/schema.ts";
import type { OrgType, Role } from "./auth.context.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A credential (session or API token) joined with its user and organization, for the auth hook. */
export interface CredentialRow {
  id: string;
  user_id: string;
  org_id: string;
  org_type: OrgType;
  roles: Role[];
  user_disabled_at: Date | null;
  created_at: Date;
  expires_at: Date;
  ended_at: Date | null;
}

/** Stores a new MFA challenge. */
export async function insertChallenge(
  db: Db,
  c: { id: string; org_id: string; user_id: string; created_at: Date; expires_at: Date },
): Promise<void> {
  await db.insertInto("mfa_challenges").values(c).execute();
}

/** An MFA challenge by organization and id. */
export async function getChallenge(db: Db, orgId: string, id: string) {
  return db
    .selectFrom("mfa_challenges")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Marks a challenge used; false when it already was (single use, also under concurrency). */
export async function consumeChallenge(db: Db, orgId: string, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable("mfa_challenges")
    .set({ used_at: at })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Stores a new session (token and CSRF token hashed). */
export async function insertSession(
  db: Db,
  s: {
    id: string;
    org_id: string;
    user_id: string;
    token_hash: string;
    csrf_hash: string;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
  },
): Promise<void> {
  await db.insertInto("sessions").values(s).execute();
}

/**
 * A session by token hash, with its user's current roles and state: within the organization the
 * token names, or by hash alone for a token issued before tokens named it.
 */
export async function getSessionByHash(
  db: Db,
  orgId: string | undefined,
  tokenHash: string,
): Promise<(CredentialRow & { last_seen_at: Date; csrf_hash: string }) | undefined> {
  let q = db
    .selectFrom("sessions")
    .innerJoin("users", (join) =>
      join.onRef("users.org_id", "=", "sessions.org_id").onRef("users.id", "=", "sessions.user_id"),
    )
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "users.org_id",
      "orgs.type as org_type",
      "users.roles",
      "users.disabled_at as user_disabled_at",
      "sessions.created_at",
      "sessions.expires_at",
      "sessions.ended_at",
      "sessions.last_seen_at",
      "sessions.csrf_hash",
    ])
    .where("sessions.token_hash", "=", tokenHash);
  if (orgId !== undefined) q = q.where("sessions.org_id", "=", orgId);
  return q.executeTakeFirst();
}

/** Moves a session's idle clock. */
export async function touchSession(db: Db, orgId: string, id: string, at: Date): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: at })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** Ends one session (logout, idle, absolute limit). */
export async function endSession(db: Db, orgId: string, id: string, at: Date, reason: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ ended_at: at, end_reason: reason })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("ended_at", "is", null)
    .execute();
}

/** Ends every open session of a user but `exceptId` (disabled, reset, password changed); returns how many. */
export async function endUserSessions(
  db: Db,
  userId: string,
  at: Date,
  reason: string,
  exceptId?: string,
): Promise<number> {
  let q = db
    .updateTable("sessions")
    .set({ ended_at: at, end_reason: reason })
    .where("user_id", "=", userId)
    .where("ended_at", "is", null);
  if (exceptId !== undefined) q = q.where("id", "<>", exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Stores a new API token (hashed). */
export async function insertApiToken(
  db: Db,
  t: {
    id: string;
    org_id: string;
    user_id: string;
    token_hash: string;
    label: string;
    created_at: Date;
    expires_at: Date;
  },
): Promise<void> {
  await db.insertInto("api_tokens").values(t).execute();
}

/** An API token by hash (within the organization it names, when it names one), with its user's state. */
export async function getApiTokenByHash(
  db: Db,
  orgId: string | undefined,
  tokenHash: string,
): Promise<(CredentialRow & { last_used_at: Date | null }) | undefined> {
  let q = db
    .selectFrom("api_tokens")
    .innerJoin("users", (join) =>
      join.onRef("users.org_id", "=", "api_tokens.org_id").onRef("users.id", "=", "api_tokens.user_id"),
    )
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "api_tokens.id",
      "api_tokens.user_id",
      "users.org_id",
      "orgs.type as org_type",
      "users.roles",
      "users.disabled_at as user_disabled_at",
      "api_tokens.created_at",
      "api_tokens.expires_at",
      "api_tokens.revoked_at as ended_at",
      "api_tokens.last_used_at",
    ])
    .where("api_tokens.token_hash", "=", tokenHash);
  if (orgId !== undefined) q = q.where("api_tokens.org_id", "=", orgId);
  // Every API call runs it: prepared, so it is not planned again each time (store/prepared.ts).
  type Row = CredentialRow & { last_used_at: Date | null };
  return (await sql<Row>`${sql.raw(PREPARE)}${q}`.execute(db)).rows[0];
}

/** Notes when a token was last used (for reviews of unused credentials). */
export async function touchApiToken(db: Db, orgId: string, id: string, at: Date): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: at })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** An organization's API tokens (metadata only; the secret is never stored). */
export async function listApiTokens(db: Db, orgId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "label", "created_at", "expires_at", "revoked_at", "last_used_at"])
    .where("org_id", "=", orgId)
    .orderBy("created_at", "desc")
    .execute();
}

/** Revokes a token (of the organization, when given); false when there is no such open token. */
export async function revokeApiToken(
  db: Db,
  id: string,
  orgId: string | undefined,
  at: Date,
): Promise<boolean> {
  let q = db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null);
  if (orgId !== undefined) q = q.where("org_id", "=", orgId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
