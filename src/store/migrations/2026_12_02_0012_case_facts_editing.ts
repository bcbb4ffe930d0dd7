import { type Kysely, sql } from "kysely";

/**
 * The case facts become editable records: every row gets a version (If-Match), who changed it last,
 * and a void (a court record or an observed fact is voided with a reason, never deleted, so the
 * audit trail and the statistics agree on what was known). Events gain a sealed description and
 * sentences a date; an adjudication decides one charge, a sentence follows one adjudication (the
 * statistics join them one to one).
 */
const TABLES = ["case_events", "case_identifiers", "charges", "arrests", "adjudications", "sentences"];
const VOID_REASONS = "'entered_in_error','duplicate','superseded','withdrawn','other'";

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  for (const table of TABLES)
    await run(sql`alter table ${sql.table(table)}
      add column version integer not null default 1,
      add column updated_at timestamptz,
      add column updated_by text,
      add column voided_at timestamptz,
      add column voided_by text,
      add column void_reason text check (void_reason in (${sql.raw(VOID_REASONS)})),
      add check ((voided_at is null) = (void_reason is null))`);
  await run(sql`alter table case_events add column description_enc text`);
  await run(sql`alter table sentences add column sentenced_on date`);
  await run(sql`create unique index adjudications_one_per_charge on adjudications (org_id, charge_id)
    where voided_at is null`);
  await run(sql`create unique index sentences_one_per_adjudication on sentences (org_id, adjudication_id)
    where voided_at is null`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  await run(sql`drop index sentences_one_per_adjudication`);
  await run(sql`drop index adjudications_one_per_charge`);
  await run(sql`alter table sentences drop column sentenced_on`);
  await run(sql`alter table case_events drop column description_enc`);
  for (const table of TABLES)
    await run(sql`alter table ${sql.table(table)} drop column version, drop column updated_at,
      drop column updated_by, drop column voided_at, drop column voided_by, drop column void_reason`);
}
