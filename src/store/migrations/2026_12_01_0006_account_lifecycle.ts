import { type Kysely, sql } from "kysely";

/**
 * The account lifecycle (docs/security.md): a password someone else chose (at creation or an admin
 * reset) is one-time: it must be changed at the first sign-in and stops working when it expires.
 * Organizations get the installation's host flag: the host's admins create organizations. At most
 * one organization is the host (a partial unique index); an existing installation's oldest
 * organization becomes it, and its users who never signed in must change their initial password
 * within 72 hours of this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("password_change_required", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("password_expires_at", "timestamptz")
    .execute();
  await sql`update users set password_change_required = true, password_expires_at = now() + interval '72 hours'
    where totp_confirmed_at is null and password_hash is not null`.execute(db);

  await db.schema
    .alterTable("orgs")
    .addColumn("host", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`create unique index orgs_one_host on orgs ((true)) where host`.execute(db);
  await sql`update orgs set host = true where id = (select id from orgs order by created_at, id limit 1)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("orgs_one_host").execute();
  await db.schema.alterTable("orgs").dropColumn("host").execute();
  await db.schema
    .alterTable("users")
    .dropColumn("password_change_required")
    .dropColumn("password_expires_at")
    .execute();
}
