import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { OrgType } from "../auth/auth.context.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A user joined with its organization's type. */
export interface UserRow {
  id: string;
  org_id: string;
  org_type: OrgType;
  email: string;
  roles: string[];
  password_hash: string | null;
  totp_secret: string | null;
  totp_data_key_id: string | null;
  totp_confirmed_at: Date | null;
  totp_last_step: number | null;
  locked_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
}

function users(db: Db) {
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
      "users.totp_secret",
      "users.totp_data_key_id",
      "users.totp_confirmed_at",
      "users.totp_last_step",
      "users.locked_at",
      "users.disabled_at",
      "users.created_at",
    ]);
}

/** A user by email, case-insensitively. */
export async function getUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return users(db).where(sql<string>`lower(users.email)`, "=", email.toLowerCase()).executeTakeFirst();
}

/** A user by id, optionally only within one organization (admins act in their own). */
export async function getUserById(db: Db, id: string, orgId?: string): Promise<UserRow | undefined> {
  let q = users(db).where("users.id", "=", id);
  if (orgId !== undefined) q = q.where("users.org_id", "=", orgId);
  return q.executeTakeFirst();
}

/** An organization's users, by email. */
export async function listUsers(db: Db, orgId: string): Promise<UserRow[]> {
  return users(db).where("users.org_id", "=", orgId).orderBy("users.email").execute();
}

/** Inserts a user; false when the email is taken (any case). */
export async function insertUser(
  db: Db,
  user: {
    id: string;
    org_id: string;
    email: string;
    roles: string[];
    password_hash: string | null;
    totp_secret: string;
    totp_data_key_id: string;
    created_at: Date;
  },
): Promise<boolean> {
  const taken = await getUserByEmail(db, user.email);
  if (taken) return false;
  await db.insertInto("users").values(user).execute();
  return true;
}

/** Sets fields of a user (lock, disable, TOTP state). */
export async function updateUser(
  db: Db,
  id: string,
  set: Partial<{
    locked_at: Date | null;
    disabled_at: Date | null;
    totp_confirmed_at: Date;
    totp_secret: string;
  }>,
): Promise<void> {
  await db.updateTable("users").set(set).where("id", "=", id).execute();
}

/** Records a TOTP step as used, only if it is later than the last one: false means a replay. */
export async function consumeTotpStep(db: Db, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records one failed sign-in and returns the number of failures since `since`. */
export async function addLoginFailure(
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
}

/** Forgets a user's failed sign-ins (after a full sign-in or an admin unlock). */
export async function clearLoginFailures(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("login_failures").where("user_id", "=", userId).execute();
}
