import { type Kysely, sql } from "kysely";

/**
 * Identity (organizations, users, sessions, API tokens, MFA challenges, failed sign-ins) and the
 * tamper-evident audit log. Every table carries `org_id`. Secrets are stored hashed (SHA-256 of a
 * 128+ bit random value; argon2id for passwords), never in clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("orgs")
    .addColumn("id", "text", (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9-]{1,62}$'`))
    .addColumn("org_id", "text", (c) => c.notNull().generatedAlwaysAs(sql`id`).stored())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) =>
      c
        .notNull()
        .check(
          sql`type in ('law_enforcement','prosecutor','service_provider','government','hotline','research')`,
        ),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("roles", sql`text[]`, (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("totp_secret", "text")
    // The TOTP secret is sealed (AES-256-GCM) with a per-user data key from the crypto module.
    .addColumn("totp_data_key_id", "text")
    .addColumn("totp_confirmed_at", "timestamptz")
    .addColumn("totp_last_step", "bigint")
    .addColumn("locked_at", "timestamptz")
    .addColumn("disabled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`create unique index users_email_lower on users (lower(email))`.execute(db);
  await db.schema.createIndex("users_org").on("users").column("org_id").execute();

  await db.schema
    .createTable("login_failures")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_failures_user_at")
    .on("login_failures")
    .columns(["user_id", "at"])
    .execute();

  await db.schema
    .createTable("mfa_challenges")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("csrf_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("ended_at", "timestamptz")
    .addColumn("end_reason", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("last_used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "bigint", (c) => c.primaryKey())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull())
    .addColumn("org_id", "text")
    .addColumn("actor_user_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_ids", sql`text[]`, (c) => c.notNull())
    .addColumn("client_address", "text")
    .addColumn("request_id", "text")
    .addColumn("details", "jsonb", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("row_hash", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_events_org_time")
    .on("audit_events")
    .columns(["org_id", "occurred_at"])
    .execute();
  await db.schema.createIndex("audit_events_action").on("audit_events").columns(["action", "seq"]).execute();

  // One row: the chain head. Appenders lock it FOR UPDATE, so concurrent transactions queue up
  // and never fork the chain (the lock is held until the appending transaction ends).
  await db.schema
    .createTable("audit_chain_head")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("row_hash", "text", (c) => c.notNull())
    .execute();
  await sql`insert into audit_chain_head (id, seq, row_hash) values (1, 0, ${"0".repeat(64)})`.execute(db);

  // Append-only, enforced by the database itself (not just the application).
  await sql`
    create function audit_events_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % refused', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_events_no_update_delete before update or delete on audit_events
    for each row execute function audit_events_refuse_change()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "audit_chain_head",
    "audit_events",
    "api_tokens",
    "sessions",
    "mfa_challenges",
    "login_failures",
    "users",
    "orgs",
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await sql`drop function if exists audit_events_refuse_change()`.execute(db);
}
