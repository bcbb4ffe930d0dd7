import { type Kysely, sql } from "kysely";

/**
 * The team and agencies API: a case has at most one lead agency, and names the same agency (a
 * directory entry or a partner organization) once; the keys keep that true under concurrent adds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index case_agencies_one_lead on case_agencies (org_id, case_id)
    where role = 'lead'`.execute(db);
  await sql`create unique index case_agencies_directory_once on case_agencies
    (org_id, case_id, directory_entry_id) where directory_entry_id is not null`.execute(db);
  await sql`create unique index case_agencies_partner_once on case_agencies
    (org_id, case_id, partner_org_id) where partner_org_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index case_agencies_partner_once`.execute(db);
  await sql`drop index case_agencies_directory_once`.execute(db);
  await sql`drop index case_agencies_one_lead`.execute(db);
}
