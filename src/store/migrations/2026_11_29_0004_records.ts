import { type Kysely, sql } from "kysely";

/**
 * Minimal case and person records with their sharing and consents, and the wrapped data keys of
 * field encryption. Identifying person fields exist only as ciphertext columns (`*_enc`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("data_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_table", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("kek_id", "text", (c) => c.notNull())
    .addColumn("wrapped", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("rewrapped_at", "timestamptz")
    .execute();
  await db.schema.createIndex("data_keys_kek").on("data_keys").columns(["kek_id", "id"]).execute();

  await db.schema
    .createTable("cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open','closed')`))
    .addColumn("created_by", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("cases_org_created").on("cases").columns(["org_id", "created_at"]).execute();

  await db.schema
    .createTable("case_shares")
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("recipient_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("access", "text", (c) => c.notNull().check(sql`access in ('read','write')`))
    .addColumn("created_by", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("case_shares_pk", ["case_id", "recipient_org_id"])
    .execute();
  await db.schema
    .createIndex("case_shares_recipient")
    .on("case_shares")
    .columns(["recipient_org_id", "case_id"])
    .execute();

  await db.schema
    .createTable("persons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('victim','suspect','witness','other')`))
    .addColumn("citizenship", "text", (c) =>
      c
        .notNull()
        .check(sql`citizenship in ('us_citizen','lawful_permanent_resident','foreign_national','unknown')`),
    )
    .addColumn("protected_1367", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("data_key_id", "text", (c) => c.notNull().references("data_keys.id"))
    .addColumn("given_name_enc", "text")
    .addColumn("family_name_enc", "text")
    .addColumn("date_of_birth_enc", "text")
    .addColumn("phone_enc", "text")
    .addColumn("email_enc", "text")
    .addColumn("address_enc", "text")
    .addColumn("immigration_status_enc", "text")
    .addColumn("phone_bidx", "text")
    .addColumn("email_bidx", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("persons_case").on("persons").columns(["case_id", "created_at"]).execute();
  await db.schema.createIndex("persons_phone_bidx").on("persons").column("phone_bidx").execute();
  await db.schema.createIndex("persons_email_bidx").on("persons").column("email_bidx").execute();

  await db.schema
    .createTable("consents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("persons.id"))
    .addColumn("recipient_org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("purpose", "text", (c) =>
      c.notNull().check(sql`purpose in ('services_referral','law_enforcement_sharing','statistics')`),
    )
    .addColumn("signed_by", sql`text[]`, (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("revoked_by", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("consents_lookup")
    .on("consents")
    .columns(["person_id", "recipient_org_id", "purpose"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["consents", "persons", "case_shares", "cases", "data_keys"])
    await db.schema.dropTable(t).execute();
}
