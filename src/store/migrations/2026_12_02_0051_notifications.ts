import { type Kysely, sql } from "kysely";

/**
 * In-app notifications and the e-mail outbox. Neither holds free text or anything about a victim:
 * a notification is a kind code and a reference; an outbox row names only the user to tell (the
 * address is read from the account when the mail is sent, so the outbox never copies it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table notifications (
    org_id text not null,
    id text not null,
    user_id uuid not null,
    kind text not null,
    ref_type text not null,
    ref_id text not null,
    case_id text,
    due_at timestamptz,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    primary key (org_id, id),
    foreign key (org_id, user_id) references users (org_id, id))`.execute(db);
  await sql`create index notifications_user on notifications (org_id, user_id, created_at)`.execute(db);

  await sql`create table notification_emails (
    org_id text not null,
    id text not null,
    user_id uuid not null,
    notification_id text not null,
    created_at timestamptz not null default now(),
    attempts integer not null default 0,
    last_error text,
    claimed_until timestamptz,
    sent_at timestamptz,
    primary key (org_id, id),
    foreign key (org_id, user_id) references users (org_id, id),
    foreign key (org_id, notification_id) references notifications (org_id, id))`.execute(db);
  await sql`create index notification_emails_pending on notification_emails (created_at) where sent_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notification_emails`.execute(db);
  await sql`drop table notifications`.execute(db);
}
