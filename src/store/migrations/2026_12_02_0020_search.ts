import { type Kysely, sql } from "kysely";

/**
 * Encrypted free-text search (src/modules/search).
 *
 * `search_tokens`: one row per record and field that holds free text, with the distinct keyed tokens
 * of its words (int8 array, see search.tokens.ts): never a word itself. A GIN index on the array
 * answers "records holding any of these tokens"; organization and case narrow it after. Tokens live in
 * the organization that owns the record (on Citus: with it), under that organization's key.
 *
 * `saved_searches`: a user's named searches; the name and the query (it holds search words) are
 * sealed like any free text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table search_tokens (
    org_id text not null,
    record_type text not null check (record_type in ('case', 'note', 'tip', 'person', 'event')),
    record_id text not null,
    field text not null check (field ~ '^[a-z][a-z0-9_]{0,62}$'),
    case_id text,
    tokens int8[] not null,
    updated_at timestamptz not null default now(),
    primary key (org_id, record_type, record_id, field),
    foreign key (org_id, case_id) references cases (org_id, id))`.execute(db);
  await sql`create index search_tokens_gin on search_tokens using gin (tokens)`.execute(db);
  await sql`create index search_tokens_case on search_tokens (org_id, case_id)`.execute(db);

  await sql`create table saved_searches (
    org_id text not null,
    id uuid not null,
    user_id uuid not null,
    data_key_id text not null,
    name_enc text not null,
    query_enc text not null,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, user_id) references users (org_id, id))`.execute(db);
  await sql`create index saved_searches_user on saved_searches (org_id, user_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table saved_searches`.execute(db);
  await sql`drop table search_tokens`.execute(db);
}
