import { type Kysely, sql } from "kysely";

/**
 * The case plan (Primero): services planned for the victim and follow-ups. Codes, ids and dates only.
 * Routing runs keep the engine's answer with the case (rule output: codes and the rules' own wording,
 * never case data) and the facts it ran on (codes only, Contract 5).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table case_plan_services (
    org_id text not null,
    id uuid not null,
    case_id text not null,
    service_type text not null,
    provider_org_id text references orgs (id),
    directory_entry_id text references directory_entries (id),
    status text not null check (status in ('planned','referred','in_progress','completed','declined')),
    planned_on date,
    referred_on date,
    started_on date,
    completed_on date,
    version integer not null default 1,
    created_by text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id))`.execute(db);
  await sql`create index case_plan_services_case on case_plan_services (org_id, case_id)`.execute(db);

  await sql`create table case_plan_followups (
    org_id text not null,
    id uuid not null,
    case_id text not null,
    service_id uuid,
    kind text not null,
    due_on date not null,
    done_at timestamptz,
    done_by text,
    version integer not null default 1,
    created_by text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, service_id) references case_plan_services (org_id, id))`.execute(db);
  await sql`create index case_plan_followups_case on case_plan_followups (org_id, case_id, due_on)`.execute(
    db,
  );

  await sql`create table case_routing_runs (
    org_id text not null,
    id uuid not null,
    case_id text not null,
    run_at timestamptz not null,
    actor_user_id text,
    facts jsonb not null,
    answer jsonb not null,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id))`.execute(db);
  await sql`create index case_routing_runs_case on case_routing_runs (org_id, case_id, run_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_routing_runs`.execute(db);
  await sql`drop table case_plan_followups`.execute(db);
  await sql`drop table case_plan_services`.execute(db);
}
