import { type Kysely, sql } from "kysely";

/**
 * Idempotency keys (security.md §7, the Stripe design): the first response of a write sent with an
 * `Idempotency-Key` is kept for 24 hours and replayed to any retry. Keys belong to the caller's
 * organization; anonymous callers (the public tip form) share the reserved scope `_public`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table idempotency_keys (
    org_id text not null,
    key text not null,
    request_hash text not null,
    state text not null check (state in ('processing', 'completed')),
    status_code integer,
    response_body text,
    response_type text,
    created_at timestamptz not null,
    completed_at timestamptz,
    primary key (org_id, key))`.execute(db);
  await sql`create index idempotency_keys_created on idempotency_keys (org_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table idempotency_keys`.execute(db);
}
