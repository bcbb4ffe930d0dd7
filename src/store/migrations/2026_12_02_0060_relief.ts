import { type Kysely, sql } from "kysely";

/**
 * Relief applications and letters per person (HHS letters, Continued Presence, T/U visas and their
 * Supplements B). Only codes, dates and ids in plaintext; the receipt number is sealed. `documents` are
 * references (attachment ids or document-type codes), never content. Deadlines and reminders are
 * computed from the dates, not stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table relief_applications (
    org_id text not null,
    id uuid not null,
    person_id text not null,
    case_id text not null,
    type text not null check (type in ('hhs_certification','hhs_interim_letter','hhs_eligibility_letter',
      'continued_presence','t_visa','t_supplement_b','u_visa','u_supplement_b')),
    status text not null check (status in ('draft','filed','pending','granted','denied','expired','withdrawn')),
    filed_on date,
    decided_on date,
    expires_on date,
    extended boolean not null default false,
    data_key_id text not null,
    receipt_number_enc text,
    documents jsonb not null default '[]',
    filed_by_org_id text not null,
    filed_by_user_id text,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, person_id) references persons (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    check (decided_on is null or filed_on is null or decided_on >= filed_on))`.execute(db);
  await sql`create index relief_applications_person on relief_applications (org_id, person_id)`.execute(db);
  await sql`create index relief_applications_expiry on relief_applications (org_id, expires_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table relief_applications`.execute(db);
}
