import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { badRequest, conflict, notFound } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { AuthContext, Role } from "../auth/auth.context.ts";
import { type Actor, type AuditMeta, actorFields } from "../auth/authorize.ts";
import { clock } from "../auth/clock.ts";
import { endSessionsOfUser } from "../auth/credentials.service.ts";
import { hashPassword } from "../auth/passwords.ts";
import { newTotpSecret, otpauthUrl } from "../auth/totp.ts";
import { sealTotpSecret } from "../auth/totp-secrets.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import { findOrg, mayCreateOrgs } from "../orgs/orgs.service.ts";
import { administersAccounts, readsAudit } from "../policy/policy.engine.ts";
import type { AccountAction } from "../policy/policy.rules.ts";
import { assertAcceptablePassword, newOneTimePassword, oneTimePasswordExpiry } from "./password-policy.ts";
import { type UserChanges, type UserRow, usersRepository } from "./users.repository.ts";
import type { Capabilities } from "./users.schema.ts";

/** What creating a user hands back once: the enrolment secret and, when generated, the first password. */
export interface CreatedUser {
  user: UserRow;
  totpSecret: string;
  otpauthUrl: string;
  initialPassword?: string;
}

/** True when the actor administers the accounts of `orgId`: its own as an admin, any from the host. */
async function administersOrg(db: Kysely<Database>, actor: Actor, orgId: string): Promise<boolean> {
  if (actor.kind === "user" && administersAccounts(actor) && actor.orgId === orgId) return true;
  return mayCreateOrgs(db, actor);
}

/**
 * Creates a user with a TOTP secret (shown once, to be given to the user) and a one-time password:
 * the one given, or a generated one returned once. Either must be changed at the first sign-in and
 * expires after 72 hours. Audited in the same transaction.
 */
export async function createUser(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  actor: Actor,
  input: { orgId: string; email: string; roles: Role[]; password?: string },
  meta: AuditMeta = {},
): Promise<CreatedUser> {
  if (!(await administersOrg(db, actor, input.orgId)) || !(await findOrg(db, actor, input.orgId)))
    throw notFound("No such organization.");
  if (input.roles.length === 0) throw badRequest("roles: give at least one role.", "invalid_request");
  const initialPassword = input.password === undefined ? newOneTimePassword() : undefined;
  const password = input.password ?? (initialPassword as string);
  assertAcceptablePassword(password, [input.email, input.orgId]);
  const passwordHash = await hashPassword(password);
  const totpSecret = newTotpSecret();
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const row = {
      id,
      org_id: input.orgId,
      email: input.email,
      roles: [...new Set(input.roles)],
      password_hash: passwordHash,
      password_change_required: true,
      password_expires_at: oneTimePasswordExpiry(),
      ...(await sealTotpSecret(trx, crypto, { id, orgId: input.orgId }, totpSecret)),
      created_at: clock.now(),
    };
    if (!(await usersRepository.insert(trx, row)))
      throw conflict("A user with this email exists.", "email_taken");
    await recordAudit(trx, {
      ...actorFields(actor),
      ...meta,
      action: "user.create",
      outcome: "success",
      targetType: "user",
      targetIds: [row.id],
      details: { orgId: row.org_id, roles: row.roles.join(",") },
    });
    return {
      user: await userIn(trx, actor, "manage", row.id),
      totpSecret,
      otpauthUrl: otpauthUrl(totpSecret, input.email),
      ...(initialPassword ? { initialPassword } : {}),
    };
  });
}

/** The users of an organization the actor administers (404 for any other organization). */
export async function usersOf(db: Kysely<Database>, actor: Actor, orgId: string): Promise<UserRow[]> {
  if (!(await administersOrg(db, actor, orgId))) throw notFound("No such organization.");
  return usersRepository.listOfOrg(db, actor, orgId);
}

/** A user in the actor's scope for `action`, by id: 404 otherwise, exactly like one that does not exist. */
export async function userIn(
  db: Kysely<Database>,
  actor: Actor,
  action: AccountAction,
  userId: string,
): Promise<UserRow> {
  const user = await usersRepository.get(db, actor, action, userId);
  if (!user) throw notFound("No such user.");
  return user;
}

/** A user the actor may manage, by id (404 otherwise). */
export const manageableUser = (db: Kysely<Database>, actor: Actor, userId: string) =>
  userIn(db, actor, "manage", userId);

/** The signed-in user's own account. */
export const ownAccount = (db: Kysely<Database>, auth: AuthContext) => userIn(db, auth, "self", auth.userId);

/** A user by email the actor may manage (the CLI names users by email). */
export async function userByEmail(db: Kysely<Database>, actor: Actor, email: string): Promise<UserRow> {
  const user = await usersRepository.getByEmail(db, actor, "manage", email);
  if (!user) throw notFound("No such user.");
  return user;
}

/** What the signed-in user may do, from the access policy (the web shows its links by this). */
export async function capabilitiesOf(db: Kysely<Database>, auth: AuthContext): Promise<Capabilities> {
  return {
    manageUsers: administersAccounts(auth),
    createOrgs: await mayCreateOrgs(db, auth),
    readAudit: readsAudit(auth),
  };
}

/**
 * Runs one administrative change to a user the actor manages, in a transaction with its audit
 * record. With `keepsAdmin: false` (disabling, removing the admin role) it first locks the
 * organization's enabled admins and refuses to leave none: 409 `last_admin`.
 */
export async function changeUser<T>(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  what: { action: string; keepsAdmin?: boolean; meta?: AuditMeta },
  change: (trx: Transaction<Database>, user: UserRow) => Promise<{ result: T; details?: AuditDetails }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const before = await userIn(trx, actor, "manage", userId);
    if (what.keepsAdmin === false) {
      const admins = await usersRepository.lockActiveAdmins(trx, before.org_id);
      if (admins.length === 1 && admins[0] === before.id)
        throw conflict(
          "This is the organization's last active admin: make another user an admin first.",
          "last_admin",
        );
    }
    const { result, details } = await change(trx, before);
    await recordAudit(trx, {
      ...actorFields(actor),
      ...what.meta,
      action: what.action,
      outcome: "success",
      targetType: "user",
      targetIds: [before.id],
      ...(details ? { details } : {}),
    });
    return result;
  });
}
type AuditDetails = Record<string, string | number | boolean>;

/** Sets fields of the user inside a change (the actor's manage scope applies in SQL). */
export async function setUser(trx: Transaction<Database>, actor: Actor, id: string, set: UserChanges) {
  if (!(await usersRepository.update(trx, actor, "manage", id, set))) throw notFound("No such user.");
}

/** Disables a user and ends every session at once (ASVS 7.4.2); never the last active admin. */
export function disableUser(db: Kysely<Database>, actor: Actor, userId: string, meta: AuditMeta = {}) {
  return changeUser(
    db,
    actor,
    userId,
    { action: "user.disable", keepsAdmin: false, meta },
    async (trx, u) => {
      const now = clock.now();
      await setUser(trx, actor, u.id, { disabled_at: now });
      const ended = await endSessionsOfUser(trx, u.id, now, "account_disabled");
      return {
        result: { user: await userIn(trx, actor, "manage", u.id), sessionsEnded: ended },
        details: { sessionsEnded: ended },
      };
    },
  );
}

/** Enables a disabled user again (with the same credentials; its sessions stay ended). */
export function enableUser(db: Kysely<Database>, actor: Actor, userId: string, meta: AuditMeta = {}) {
  return changeUser(db, actor, userId, { action: "user.enable", meta }, async (trx, u) => {
    await setUser(trx, actor, u.id, { disabled_at: null });
    return {
      result: await userIn(trx, actor, "manage", u.id),
      details: { wasDisabled: Boolean(u.disabled_at) },
    };
  });
}

/** Releases a locked account (CJIS AC-7: only an admin does) and forgets its failed attempts. */
export function unlockUser(db: Kysely<Database>, actor: Actor, userId: string, meta: AuditMeta = {}) {
  return changeUser(db, actor, userId, { action: "user.unlock", meta }, async (trx, u) => {
    await setUser(trx, actor, u.id, { locked_at: null });
    await usersRepository.clearLoginFailures(trx, u.id);
    return { result: await userIn(trx, actor, "manage", u.id), details: { wasLocked: Boolean(u.locked_at) } };
  });
}

/** Replaces a user's roles (they apply on the user's next request); never demotes the last active admin. */
export function setRoles(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  roles: Role[],
  meta: AuditMeta = {},
) {
  const next = [...new Set(roles)];
  if (next.length === 0) throw badRequest("roles: give at least one role.");
  return changeUser(
    db,
    actor,
    userId,
    { action: "user.set_roles", keepsAdmin: next.includes("admin"), meta },
    async (trx, u) => {
      await setUser(trx, actor, u.id, { roles: next });
      return {
        result: await userIn(trx, actor, "manage", u.id),
        details: { from: u.roles.join(","), to: next.join(",") },
      };
    },
  );
}

/** The caller's colleagues, to pick an assignee, a case lead or team member from (id and e-mail). */
export async function assignableUsers(db: Kysely<Database>, auth: AuthContext) {
  return db.transaction().execute(async (trx) => {
    const users = await usersRepository.colleagues(trx, auth);
    await recordAudit(trx, {
      ...actorFields(auth),
      action: "user.list_assignable",
      outcome: "success",
      targetType: "org",
      targetIds: [auth.orgId],
      details: { count: users.length },
    });
    return users;
  });
}

/**
 * Is `userId` an enabled user of one of `orgIds`? For other modules checking an assignee or a team
 * member inside their transaction; it answers only yes or no about an id the caller already holds.
 */
export function isEnabledUserOf(db: Kysely<Database>, orgIds: string[], userId: string): Promise<boolean> {
  if (!orgIds.length) return Promise.resolve(false);
  return usersRepository.isEnabledIn(db, [...new Set(orgIds)], userId);
}
