import { type Kysely, sql } from "kysely";

/**
 * Attachments of a case. The file is stored encrypted in the row (`content_enc`, bytea: AES-256-GCM
 * under a content key that is itself sealed under the row's data key), so a file commits or rolls
 * back with its record and its audit entry, is copied by the database's backups, lives with its
 * organization (Citus) and needs no shared data folder between servers. Its name is sealed too;
 * only the checked content type, the size and the SHA-256 of the plaintext are in clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table case_attachments (
    org_id text not null,
    id uuid not null,
    case_id text not null,
    data_key_id text not null,
    filename_enc text not null,
    content_key_enc text not null,
    content_type text not null,
    size_bytes integer not null check (size_bytes >= 0),
    sha256 text not null,
    content_enc bytea not null,
    uploaded_by text,
    created_at timestamptz not null,
    primary key (org_id, id),
    foreign key (org_id, case_id) references cases (org_id, id))`.execute(db);
  await sql`create index case_attachments_case on case_attachments (org_id, case_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_attachments`.execute(db);
}
