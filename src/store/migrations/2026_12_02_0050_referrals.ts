import { type Kysely, sql } from "kysely";

/**
 * Referrals between organizations (docs/scale-out.md, "Rows that involve two organizations"):
 * `referrals` lives with the sender (its case's organization, colocated with the case), and a Harbor
 * recipient gets its own copy, `referrals_received`, in its own shard, written in the same
 * transaction. Codes, dates and ids only: nothing identifying is stored in either row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table referrals (
    org_id text not null,
    id text not null,
    case_id text not null,
    person_id text,
    recipient_kind text not null check (recipient_kind in ('org','directory')),
    recipient_org_id text references orgs (id),
    directory_entry_id text,
    purpose text not null check (purpose in ('shelter','legal','medical','mental_health','case_management',
      'immigration_legal','employment','law_enforcement','other')),
    identified boolean not null,
    status text not null default 'sent'
      check (status in ('sent','accepted','declined','completed','revoked')),
    decline_reason text,
    version integer not null default 1,
    respond_by timestamptz not null,
    sent_by text,
    sent_at timestamptz not null,
    answered_by text,
    answered_at timestamptz,
    completed_at timestamptz,
    revoked_by text,
    revoked_at timestamptz,
    share_created boolean not null default false,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id),
    foreign key (org_id, person_id) references persons (org_id, id),
    check ((recipient_kind = 'org') = (recipient_org_id is not null)),
    check ((recipient_kind = 'directory') = (directory_entry_id is not null)))`.execute(db);
  await sql`create index referrals_org_status on referrals (org_id, status, respond_by)`.execute(db);
  await sql`create index referrals_case on referrals (org_id, case_id)`.execute(db);

  await sql`create table referrals_received (
    org_id text not null,
    sender_org_id text not null references orgs (id),
    referral_id text not null,
    purpose text not null,
    status text not null,
    version integer not null,
    respond_by timestamptz not null,
    sent_at timestamptz not null,
    primary key (org_id, sender_org_id, referral_id))`.execute(db);
  await sql`create index referrals_received_status on referrals_received (org_id, status, respond_by)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table referrals_received`.execute(db);
  await sql`drop table referrals`.execute(db);
}
