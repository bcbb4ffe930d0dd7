import { type Kysely, sql } from "kysely";

/**
 * The case timeline: one row per thing that happened on a case, written by whichever module did it,
 * in the same transaction. Details are codes and ids only, never free text or identifying values
 * (the record itself holds those, encrypted).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table case_activity (
    org_id text not null,
    id uuid not null,
    case_id text not null,
    at timestamptz not null,
    actor_user_id text,
    actor_org_id text,
    kind text not null,
    ref_type text,
    ref_id text,
    details jsonb not null default '{}',
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id))`.execute(db);
  await sql`create index case_activity_case_at on case_activity (org_id, case_id, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_activity`.execute(db);
}
