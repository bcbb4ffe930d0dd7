import { type Kysely, sql } from "kysely";

/**
 * Notes and tasks on a case. A note's text is sealed (`body_enc`, under the row's data key); a task's
 * title is a code (`title_code`) or sealed text (`title_enc`). Plain columns hold codes, ids and dates.
 * A task made from a routing deadline carries `source_key`, unique per case, so running the routing
 * engine again never makes the same task twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table case_notes (
    org_id text not null,
    id uuid not null,
    case_id text not null,
    data_key_id text not null,
    body_enc text not null,
    author_user_id text,
    author_org_id text,
    version integer not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    updated_by text,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id))`.execute(db);
  await sql`create index case_notes_case on case_notes (org_id, case_id, created_at)`.execute(db);

  await sql`create table case_tasks (
    org_id text not null,
    id uuid not null,
    case_id text not null,
    title_code text,
    title_enc text,
    data_key_id text,
    assignee_user_id text,
    due_at timestamptz,
    status text not null default 'open' check (status in ('open','done','cancelled')),
    source_key text,
    version integer not null default 1,
    created_by text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    completed_at timestamptz,
    completed_by text,
    check ((title_code is null) <> (title_enc is null)),
    check (title_enc is null or data_key_id is not null),
    primary key (org_id, id),
    unique (org_id, case_id, source_key),
    foreign key (org_id, case_id) references cases (org_id, id))`.execute(db);
  await sql`create index case_tasks_case on case_tasks (org_id, case_id, created_at)`.execute(db);
  await sql`create index case_tasks_assignee on case_tasks (org_id, assignee_user_id, status, due_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_tasks`.execute(db);
  await sql`drop table case_notes`.execute(db);
}
