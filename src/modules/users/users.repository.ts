import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { OrgType, Role } from "../auth/auth.context.ts";
import type { Actor } from "../policy/policy.engine.ts";
import type { AccountAction } from "../policy/policy.rules.ts";
import { colleagueScope, userScope } from "../policy/policy.sql.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A user joined with its organization's type, as the caller may see it. */
export interface UserRow {
  id: string;
  org_id: string;
  org_type: OrgType;
  email: string;
  roles: Role[];
  password_hash: string | null;
  password_change_required: boolean;
  password_expires_at: Date | null;
  totp_secret: string | null;
  totp_data_key_id: string | null;
  totp_confirmed_at: Date | null;
  totp_last_step: number | null;
  locked_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
  /** The only enabled admin of its organization (it can be neither disabled nor demoted). */
  last_active_admin: boolean;
}

/** Columns an update may set. */
export type UserChanges = Partial<{
  roles: Role[];
  password_hash: string;
  password_change_required: boolean;
  password_expires_at: Date | null;
  totp_secret: string;
  totp_data_key_id: string;
  totp_confirmed_at: Date | null;
  totp_last_step: number | null;
  locked_at: Date | null;
  disabled_at: Date | null;
}>;

const activeAdmin = (alias: string) =>
  sql<boolean>`('admin' = any(${sql.ref(`${alias}.roles`)}) and ${sql.ref(`${alias}.disabled_at`)} is null)`;

function users(db: Db, actor: Actor, action: AccountAction) {
  return db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "users.id",
      "users.org_id",
      "orgs.type as org_type",
      "users.email",
      "users.roles",
      "users.password_hash",
      "users.password_change_required",
      "users.password_expires_at",
      "users.totp_secret",
      "users.totp_data_key_id",
      "users.totp_confirmed_at",
      "users.totp_last_step",
      "users.locked_at",
      "users.disabled_at",
      "users.created_at",
    ])
    .select(
      sql<boolean>`(${activeAdmin("users")} and (select count(*) from users a
        where a.org_id = users.org_id and ${activeAdmin("a")}) = 1)`.as("last_active_admin"),
    )
    .where(userScope(actor, action));
}

/**
 * All SQL over `users` and `login_failures`. Every statement carries the policy's account scope for
 * the actor (`userScope`), so an account outside it is neither read nor written. Sign-in, which
 * runs before anyone is signed in, acts as the named system context `SIGN_IN` (users.signin.service.ts).
 */
export const usersRepository = {
  /** A user by id, within the actor's scope for `action`. */
  get(db: Db, actor: Actor, action: AccountAction, id: string): Promise<UserRow | undefined> {
    return users(db, actor, action).where("users.id", "=", id).executeTakeFirst();
  },

  /**
   * A user by email, case-insensitively, within the actor's scope for `action`. The global
   * `login_emails` names the organization first, so the user is then read in that organization alone
   * (one node on Citus).
   */
  async getByEmail(db: Db, actor: Actor, action: AccountAction, email: string): Promise<UserRow | undefined> {
    const login = await db
      .selectFrom("login_emails")
      .select("org_id")
      .where("email", "=", email.toLowerCase())
      .executeTakeFirst();
    if (!login) return undefined;
    return users(db, actor, action)
      .where("users.org_id", "=", login.org_id)
      .where(sql<string>`lower(users.email)`, "=", email.toLowerCase())
      .executeTakeFirst();
  },

  /** An organization's users the actor may manage, by email. */
  listOfOrg(db: Db, actor: Actor, orgId: string): Promise<UserRow[]> {
    return users(db, actor, "manage").where("users.org_id", "=", orgId).orderBy("users.email").execute();
  },

  /**
   * Inserts a user (the service checked the actor may); false when the email is taken (any case).
   * The address is claimed in the global `login_emails` first: its primary key keeps e-mails unique
   * across every organization (a unique index on users could only do so within one).
   */
  async insert(
    db: Db,
    user: Insertable<Database["users"]> & { roles: Role[]; password_hash: string },
  ): Promise<boolean> {
    const claimed = await db
      .insertInto("login_emails")
      .values({ email: user.email.toLowerCase(), org_id: user.org_id, user_id: user.id })
      .onConflict((oc) => oc.column("email").doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await db.insertInto("users").values(user).execute();
    return true;
  },

  /** Sets fields of a user within the actor's scope for `action`; false when out of scope or missing. */
  async update(db: Db, actor: Actor, action: AccountAction, id: string, set: UserChanges): Promise<boolean> {
    const result = await db
      .updateTable("users")
      .set(set)
      .where("users.id", "=", id)
      .where(userScope(actor, action))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /**
   * Locks the organization's enabled admins until the transaction ends and returns their ids: two
   * admins disabling or demoting each other at once are serialized, so one is always left.
   */
  async lockActiveAdmins(db: Transaction<Database>, orgId: string): Promise<string[]> {
    const rows = await db
      .selectFrom("users")
      .select("users.id")
      .where("users.org_id", "=", orgId)
      .where(activeAdmin("users"))
      .forUpdate()
      .execute();
    return rows.map((r) => r.id);
  },

  /** Records a TOTP step as used, only if it is later than the last one: false means a replay. */
  async consumeTotpStep(db: Db, actor: Actor, id: string, step: number): Promise<boolean> {
    const result = await db
      .updateTable("users")
      .set({ totp_last_step: step })
      .where("users.id", "=", id)
      .where(userScope(actor, "self"))
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Records one failed sign-in and returns the number of failures since `since`. */
  async addLoginFailure(
    db: Db,
    user: { id: string; org_id: string },
    at: Date,
    since: Date,
  ): Promise<number> {
    await db.insertInto("login_failures").values({ user_id: user.id, org_id: user.org_id, at }).execute();
    const row = await db
      .selectFrom("login_failures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", user.id)
      .where("at", ">", since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The actor's colleagues (enabled users of its organization): id and e-mail only, by e-mail. */
  colleagues(db: Db, actor: Actor): Promise<{ id: string; email: string }[]> {
    return db
      .selectFrom("users")
      .select(["users.id", "users.email"])
      .where(colleagueScope(actor))
      .orderBy("users.email")
      .limit(1000)
      .execute();
  },

  /** Is `userId` an enabled user of one of these organizations (who a case's work may go to)? */
  async isEnabledIn(db: Db, orgIds: string[], userId: string): Promise<boolean> {
    const row = await db
      .selectFrom("users")
      .select("users.id")
      .where("users.org_id", "in", orgIds)
      .where("users.id", "=", userId)
      .where("users.disabled_at", "is", null)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Forgets a user's failed sign-ins (after a full sign-in, an unlock or a password reset). */
  async clearLoginFailures(db: Db, userId: string): Promise<void> {
    await db.deleteFrom("login_failures").where("user_id", "=", userId).execute();
  },
};
