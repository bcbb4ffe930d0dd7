import { type Kysely, sql } from "kysely";

/**
 * Tips: free text and reporter contact sealed (`*_enc` under the row's data key); codes, dates and
 * the routing facts (codes only) in clear. The receipt is kept as a SHA-256 hash: the database never
 * holds the bearer code that lets an anonymous reporter read the tip's status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tips (
    org_id text not null,
    id uuid not null,
    receipt_hash text not null,
    channel text not null check (channel in ('public', 'hotline', 'partner')),
    status text not null default 'received' check (status in ('received', 'under_review', 'closed')),
    data_key_id text not null,
    narrative_enc text not null,
    reporter_name_enc text,
    reporter_phone_enc text,
    reporter_email_enc text,
    city_enc text,
    state text,
    country text,
    facts jsonb not null default '{}',
    screening jsonb not null default '{}',
    screening_level text not null,
    screening_drivers jsonb not null default '[]',
    recommendations jsonb not null default '[]',
    priority int not null default 0,
    assignee_user_id text,
    merged_into uuid,
    case_id text,
    close_reason text,
    closed_at timestamptz,
    hhs_due_at timestamptz,
    hhs_notified_at timestamptz,
    hhs_notified_by text,
    hhs_notified_method text,
    received_at timestamptz not null,
    created_by text,
    version int not null default 1,
    primary key (org_id, id),
    unique (org_id, receipt_hash),
    foreign key (org_id, merged_into) references tips (org_id, id))`.execute(db);
  await sql`create index tips_queue on tips (org_id, status, priority desc, received_at desc)`.execute(db);
  await sql`create index tips_receipt on tips (receipt_hash)`.execute(db);
  await sql`create index tips_clock on tips (org_id, hhs_due_at) where hhs_due_at is not null and hhs_notified_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tips`.execute(db);
}
