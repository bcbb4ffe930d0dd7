import { type Kysely, sql } from "kysely";

/**
 * Case search by intersection (issue 10: p95 ≤ 150 ms at 100,000 cases). `case_terms` holds, per case,
 * the union of the keyed tokens of every record on it (`search_tokens` stays the per-field source; the
 * search repository keeps this row in step in the same transaction). Its GIN index answers "the cases
 * holding all of these words" inside the index, reading only the matching cases: two common words whose
 * cases barely overlap no longer make search walk every case of the organization (930 ms measured).
 * The case's creation time is copied here (it never changes) so that the cases holding the words can be
 * put newest first from this table alone, without reading each case.
 * `search_tokens_gin` answered per record and field, which a per-case question cannot use; it goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table case_terms (
    org_id text not null,
    case_id text not null,
    created_at timestamptz not null,
    tokens int8[] not null,
    primary key (org_id, case_id),
    foreign key (org_id, case_id) references cases (org_id, id))`.execute(db);
  await sql`insert into case_terms (org_id, case_id, created_at, tokens)
    select st.org_id, st.case_id, c.created_at, array_agg(distinct t order by t)
    from search_tokens st join cases c on c.org_id = st.org_id and c.id = st.case_id, unnest(st.tokens) t
    group by st.org_id, st.case_id, c.created_at`.execute(db);
  await sql`create index case_terms_gin on case_terms using gin (tokens)`.execute(db);
  await sql`drop index search_tokens_gin`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index search_tokens_gin on search_tokens using gin (tokens)`.execute(db);
  await sql`drop table case_terms`.execute(db);
}
