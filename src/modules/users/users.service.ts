import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest, conflict, notFound } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { Role } from "../auth/auth.context.ts";
import { endUserSessions } from "../auth/auth.repository.ts";
import { type Actor, type AuditMeta, actorFields } from "../auth/authorize.ts";
import { clock } from "../auth/clock.ts";
import { hashPassword, passwordProblem } from "../auth/passwords.ts";
import { randomSecret } from "../auth/secrets.ts";
import { newTotpSecret, otpauthUrl } from "../auth/totp.ts";
import { sealTotpSecret } from "../auth/totp-secrets.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import { getOrg } from "../orgs/orgs.repository.ts";
import { mayManageAllOrgs } from "../orgs/orgs.service.ts";
import {
  clearLoginFailures,
  getUserByEmail,
  getUserById,
  insertUser,
  listUsers,
  type UserRow,
  updateUser,
} from "./users.repository.ts";

const PASSWORD_MESSAGES = {
  password_too_short: "The password must have at least 8 characters.",
  password_too_long: "The password may have at most 1024 characters.",
  password_common: "This password is on the list of common or breached passwords; choose another.",
} as const;

/** Throws 400 with a stable code when a new password breaks the policy (length, common list). */
export function assertAcceptablePassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(PASSWORD_MESSAGES[problem], problem);
}

/** What creating a user hands back once: the enrolment secret and, when generated, the first password. */
export interface CreatedUser {
  user: UserRow;
  totpSecret: string;
  otpauthUrl: string;
  initialPassword?: string;
}

/** The organization an actor may manage users of: its own, or any for the system and government admins. */
function assertMayManage(actor: Actor, orgId: string): void {
  if (mayManageAllOrgs(actor)) return;
  if (actor.kind === "user" && actor.orgId === orgId) return;
  throw notFound("No such organization.");
}

/**
 * Creates a user with a TOTP secret (shown once, to be given to the user) and a password: the one
 * given, or a generated 20-character one returned once. Audited in the same transaction.
 */
export async function createUser(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  actor: Actor,
  input: { orgId: string; email: string; roles: Role[]; password?: string },
  meta: AuditMeta = {},
): Promise<CreatedUser> {
  assertMayManage(actor, input.orgId);
  if (input.roles.length === 0) throw badRequest("Give at least one role.", "invalid_request");
  const initialPassword = input.password === undefined ? randomSecret(15) : undefined;
  const password = input.password ?? (initialPassword as string);
  assertAcceptablePassword(password);
  const passwordHash = await hashPassword(password);
  const totpSecret = newTotpSecret();
  return db.transaction().execute(async (trx) => {
    if (!(await getOrg(trx, input.orgId))) throw notFound("No such organization.");
    const id = randomUUID();
    const row = {
      id,
      org_id: input.orgId,
      email: input.email,
      roles: [...new Set(input.roles)],
      password_hash: passwordHash,
      ...(await sealTotpSecret(trx, crypto, { id, orgId: input.orgId }, totpSecret)),
      created_at: clock.now(),
    };
    const inserted = await insertUser(trx, row).catch((e: { code?: string }) => {
      if (e.code === "23505") return false;
      throw e;
    });
    if (!inserted) throw conflict("A user with this email exists.", "email_taken");
    await recordAudit(trx, {
      ...actorFields(actor),
      ...meta,
      action: "user.create",
      outcome: "success",
      targetType: "user",
      targetIds: [row.id],
      details: { orgId: row.org_id, roles: row.roles.join(",") },
    });
    const user = (await getUserById(trx, row.id)) as UserRow;
    return {
      user,
      totpSecret,
      otpauthUrl: otpauthUrl(totpSecret, input.email),
      ...(initialPassword ? { initialPassword } : {}),
    };
  });
}

/** The users of an organization the actor may manage. */
export async function usersOf(db: Kysely<Database>, actor: Actor, orgId: string): Promise<UserRow[]> {
  assertMayManage(actor, orgId);
  return listUsers(db, orgId);
}

/** A user the actor may manage, by id: 404 otherwise (another organization's users do not exist to it). */
export async function manageableUser(db: Kysely<Database>, actor: Actor, userId: string): Promise<UserRow> {
  const user = await getUserById(db, userId);
  if (!user || (actor.kind === "user" && actor.orgId !== user.org_id)) throw notFound("No such user.");
  return user;
}

/** A user by email, for the CLI (system actor). */
export async function userByEmail(db: Kysely<Database>, email: string): Promise<UserRow> {
  const user = await getUserByEmail(db, email);
  if (!user) throw notFound("No such user.");
  return user;
}

/** Disables a user and ends every session at once (ASVS 7.4.2). Returns the sessions ended. */
export async function disableUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  meta: AuditMeta = {},
): Promise<number> {
  const user = await manageableUser(db, actor, userId);
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    await updateUser(trx, user.id, { disabled_at: now });
    const ended = await endUserSessions(trx, user.id, now, "account_disabled");
    await recordAudit(trx, {
      ...actorFields(actor),
      ...meta,
      action: "user.disable",
      outcome: "success",
      targetType: "user",
      targetIds: [user.id],
      details: { sessionsEnded: ended },
    });
    return ended;
  });
}

/** Releases a locked account (CJIS AC-7: only an admin does) and forgets its failed attempts. */
export async function unlockUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  meta: AuditMeta = {},
): Promise<void> {
  const user = await manageableUser(db, actor, userId);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { locked_at: null });
    await clearLoginFailures(trx, user.id);
    await recordAudit(trx, {
      ...actorFields(actor),
      ...meta,
      action: "user.unlock",
      outcome: "success",
      targetType: "user",
      targetIds: [user.id],
      details: { wasLocked: Boolean(user.locked_at) },
    });
  });
}
