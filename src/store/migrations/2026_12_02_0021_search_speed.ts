import { type Kysely, sql } from "kysely";

/**
 * Case search at 100,000 cases (issue 10). Search walks an organization's cases newest first when
 * every word is common, and starts from the rarest word's index entries otherwise (case-search.repository.ts);
 * both need these btree indexes, each led by org_id (the distribution column on Citus):
 *
 * - `cases_org_created_id`: an organization's cases in the order search answers them (newest first, then
 *   id for a stable order across pages); replaces `cases_org_created`, its prefix.
 * - `cases_org_status_created_id`: the same, for a status filter; replaces `cases_org_status`.
 *
 * The per-case probe of a word (does this case hold it?) reads the case's few token rows through
 * `search_tokens_case` (org_id, case_id), and the shared cases come from `case_shares_received`'s key
 * (org_id, owner_org_id, case_id): both exist already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index cases_org_created_id on cases (org_id, created_at desc, id)`.execute(db);
  await sql`drop index cases_org_created`.execute(db);
  await sql`create index cases_org_status_created_id on cases (org_id, status, created_at desc, id)`.execute(
    db,
  );
  await sql`drop index cases_org_status`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index cases_org_status on cases (org_id, status, created_at)`.execute(db);
  await sql`drop index cases_org_status_created_id`.execute(db);
  await sql`create index cases_org_created on cases (org_id, created_at)`.execute(db);
  await sql`drop index cases_org_created_id`.execute(db);
}
