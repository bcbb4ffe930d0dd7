import { type Kysely, sql } from "kysely";

/**
 * Keys ready to distribute by organization (see src/store/tenancy.ts): every primary key, unique
 * index and foreign key between organization-scoped tables now includes org_id; e-mail uniqueness
 * moves to the global login_emails table (which also routes a sign-in to its organization); shares
 * get a mirror row in the recipient's organization; the audit log gets one hash chain per
 * organization. Existing audit records keep their hashes: they become the start of the system chain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);

  // Data keys belong to the organization of the record they seal; the blind-index key to the system.
  await run(sql`alter table data_keys add column org_id text`);
  await run(sql`update data_keys d set org_id = p.org_id from persons p
    where d.owner_table = 'persons' and p.id = d.owner_id`);
  await run(sql`update data_keys d set org_id = u.org_id from users u
    where d.owner_table = 'users' and u.id::text = d.owner_id`);
  await run(sql`update data_keys set org_id = '_system' where owner_table = 'harbor'`);
  await run(sql`do $$ begin
    if exists (select 1 from data_keys where org_id is null) then
      raise exception 'data_keys has keys whose record no longer exists; inspect them before migrating';
    end if; end $$`);
  await run(sql`alter table data_keys alter column org_id set not null`);

  // Foreign keys on single-column keys go first, then the keys themselves.
  for (const [table, constraint] of [
    ["persons", "persons_data_key_id_fkey"],
    ["persons", "persons_case_id_fkey"],
    ["consents", "consents_case_id_fkey"],
    ["consents", "consents_person_id_fkey"],
    ["case_shares", "case_shares_case_id_fkey"],
    ["login_failures", "login_failures_user_id_fkey"],
    ["mfa_challenges", "mfa_challenges_user_id_fkey"],
    ["sessions", "sessions_user_id_fkey"],
    ["api_tokens", "api_tokens_user_id_fkey"],
  ] as const) {
    await run(sql`alter table ${sql.table(table)} drop constraint ${sql.id(constraint)}`);
  }
  for (const table of [
    "data_keys",
    "cases",
    "persons",
    "consents",
    "users",
    "login_failures",
    "mfa_challenges",
    "sessions",
    "api_tokens",
  ]) {
    await run(sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_pkey`)},
      add primary key (org_id, id)`);
  }
  await run(sql`alter table case_shares drop constraint case_shares_pk,
    add primary key (org_id, case_id, recipient_org_id)`);
  await run(sql`alter table sessions drop constraint sessions_token_hash_key,
    add constraint sessions_token_hash_key unique (org_id, token_hash)`);
  await run(sql`alter table api_tokens drop constraint api_tokens_token_hash_key,
    add constraint api_tokens_token_hash_key unique (org_id, token_hash)`);
  await run(sql`drop index users_email_lower`);
  await run(sql`drop index users_org`);
  await run(sql`create unique index users_org_email on users (org_id, lower(email))`);

  for (const [table, columns, parent] of [
    ["persons", "case_id", "cases"],
    ["persons", "data_key_id", "data_keys"],
    ["consents", "case_id", "cases"],
    ["consents", "person_id", "persons"],
    ["case_shares", "case_id", "cases"],
    ["login_failures", "user_id", "users"],
    ["mfa_challenges", "user_id", "users"],
    ["sessions", "user_id", "users"],
    ["api_tokens", "user_id", "users"],
  ] as const) {
    await run(sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${columns}_fkey`)}
      foreign key (org_id, ${sql.ref(columns)}) references ${sql.table(parent)} (org_id, id)`);
  }

  // Sign-in arrives with an e-mail only: this small global table routes it to one organization and
  // keeps every e-mail address unique across the installation, as users_email_lower did.
  await run(sql`create table login_emails (
    email text primary key check (email = lower(email)),
    org_id text not null references orgs (id),
    user_id uuid not null)`);
  await run(
    sql`insert into login_emails (email, org_id, user_id) select lower(email), org_id, id from users`,
  );

  // The recipient's copy of a share, in the recipient's organization, so its view routes to one node.
  await run(sql`create table case_shares_received (
    org_id text not null references orgs (id),
    owner_org_id text not null references orgs (id),
    case_id text not null,
    access text not null check (access in ('read', 'write')),
    created_at timestamptz not null default now(),
    primary key (org_id, owner_org_id, case_id))`);
  await run(sql`insert into case_shares_received (org_id, owner_org_id, case_id, access, created_at)
    select recipient_org_id, org_id, case_id, access, created_at from case_shares`);

  // One audit chain per organization. The acting organization stays a hashed field (actor_org_id);
  // org_id now names the chain. Records so far form one chain: it continues as the system chain.
  await run(sql`alter table audit_events rename column org_id to actor_org_id`);
  await run(sql`alter table audit_events add column org_id text not null default '_system'`);
  await run(sql`alter table audit_events alter column org_id drop default`);
  await run(sql`alter table audit_events drop constraint audit_events_pkey, add primary key (org_id, seq)`);
  await run(sql`drop index audit_events_org_time`);
  await run(sql`drop index audit_events_action`);
  await run(sql`create index audit_events_org_time on audit_events (org_id, occurred_at)`);
  await run(sql`create index audit_events_org_action on audit_events (org_id, action, seq)`);
  await run(sql`create table audit_chain_heads (
    org_id text primary key, seq bigint not null, row_hash text not null)`);
  await run(sql`insert into audit_chain_heads (org_id, seq, row_hash)
    select '_system', seq, row_hash from audit_chain_head`);
  await run(sql`drop table audit_chain_head`);
}
