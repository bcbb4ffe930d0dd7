import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { SearchRecordType } from "./search.tables.ts";

/** SQL of the search module's token index (case search: case-search.repository.ts). */
export const searchRepository = {
  async upsertTokens(
    db: Kysely<Database>,
    rows: {
      orgId: string;
      caseId: string | null;
      recordType: SearchRecordType;
      recordId: string;
      field: string;
      tokens: string[];
    }[],
  ) {
    if (!rows.length) return;
    const written = await db
      .insertInto("search_tokens")
      .values(
        rows.map((r) => ({
          org_id: r.orgId,
          record_type: r.recordType,
          record_id: r.recordId,
          field: r.field,
          case_id: r.caseId,
          tokens: r.tokens,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["org_id", "record_type", "record_id", "field"]).doUpdateSet((eb) => ({
          tokens: eb.ref("excluded.tokens"),
          case_id: eb.ref("excluded.case_id"),
          updated_at: sql`now()`,
        })),
      )
      // The subquery reads the row as it was before this statement: a field moved to another case (a tip
      // converted or merged) changes the terms of the case it left too.
      .returning([
        "org_id",
        "case_id",
        sql<string | null>`(select o.case_id from search_tokens o where o.org_id = search_tokens.org_id
          and o.record_type = search_tokens.record_type and o.record_id = search_tokens.record_id
          and o.field = search_tokens.field)`.as("old_case_id"),
      ])
      .execute();
    await refreshCaseTerms(db, [
      ...written.map((r) => ({ orgId: r.org_id, caseId: r.case_id })),
      ...written.map((r) => ({ orgId: r.org_id, caseId: r.old_case_id })),
    ]);
  },

  /** The insert of a new record's tokens (no earlier row, no case), unexecuted; a conflict is an error. */
  insertTokensQuery(
    db: Kysely<Database>,
    r: { orgId: string; recordType: SearchRecordType; recordId: string; field: string; tokens: string[] },
  ) {
    return db.insertInto("search_tokens").values({
      org_id: r.orgId,
      record_type: r.recordType,
      record_id: r.recordId,
      field: r.field,
      case_id: null,
      tokens: r.tokens,
    });
  },

  async deleteField(
    db: Kysely<Database>,
    r: { orgId: string; recordType: SearchRecordType; recordId: string; field: string },
  ) {
    const gone = await db
      .deleteFrom("search_tokens")
      .where("org_id", "=", r.orgId)
      .where("record_type", "=", r.recordType)
      .where("record_id", "=", r.recordId)
      .where("field", "=", r.field)
      .returning(["org_id", "case_id"])
      .execute();
    await refreshCaseTerms(
      db,
      gone.map((g) => ({ orgId: g.org_id, caseId: g.case_id })),
    );
  },

  async deleteRecord(
    db: Kysely<Database>,
    r: { orgId: string; recordType: SearchRecordType; recordId: string },
  ) {
    const gone = await db
      .deleteFrom("search_tokens")
      .where("org_id", "=", r.orgId)
      .where("record_type", "=", r.recordType)
      .where("record_id", "=", r.recordId)
      .returning(["org_id", "case_id"])
      .execute();
    await refreshCaseTerms(
      db,
      gone.map((g) => ({ orgId: g.org_id, caseId: g.case_id })),
    );
  },

  /** Case ids with text to re-index, in pages (system context: the reindex command). */
  listCasesForReindex(db: Kysely<Database>, after: { orgId: string; id: string } | null, limit: number) {
    let q = db
      .selectFrom("cases")
      .leftJoin("data_keys as dk", (join) =>
        join.onRef("dk.org_id", "=", "cases.org_id").onRef("dk.id", "=", "cases.data_key_id"),
      )
      .select([
        "cases.org_id",
        "cases.id",
        "cases.title_enc",
        "cases.narrative_enc",
        "cases.data_key_id",
        "dk.wrapped",
      ]);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb("cases.org_id", ">", after.orgId),
          eb.and([eb("cases.org_id", "=", after.orgId), eb("cases.id", ">", after.id)]),
        ]),
      );
    return q.orderBy("cases.org_id").orderBy("cases.id").limit(limit).execute();
  },

  async countTokenRows(db: Kysely<Database>) {
    const row = await db
      .selectFrom("search_tokens")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

/**
 * Recomputes `case_terms` (the union of the case's records' tokens) for the cases a write touched, in
 * the writer's transaction. First the rows are made to exist and locked, cases in key order (a
 * concurrent writer of the same case waits here until it commits); only then, in a new statement that
 * sees what that writer committed, the union is taken. Taking it first would let two writers of one
 * case each overwrite the other's words.
 */
async function refreshCaseTerms(db: Kysely<Database>, touched: { orgId: string; caseId: string | null }[]) {
  const keys = [...new Set(touched.flatMap((t) => (t.caseId ? [`${t.orgId}\u0000${t.caseId}`] : [])))].sort();
  if (!keys.length) return;
  const orgIds = keys.map((k) => k.split("\u0000")[0]!);
  const caseIds = keys.map((k) => k.split("\u0000")[1]!);
  const targets = sql`select * from unnest(${orgIds}::text[], ${caseIds}::text[]) as t(org_id, case_id)`;
  await sql`insert into case_terms (org_id, case_id, created_at, tokens)
    select t.org_id, t.case_id, c.created_at, '{}' from (${targets}) t
    join cases c on c.org_id = t.org_id and c.id = t.case_id order by t.org_id, t.case_id
    on conflict (org_id, case_id) do update set tokens = case_terms.tokens`.execute(db);
  await sql`update case_terms ct set tokens = coalesce((select array_agg(distinct u order by u)
      from search_tokens st, unnest(st.tokens) u where st.org_id = ct.org_id and st.case_id = ct.case_id), '{}')
    from (${targets}) t where ct.org_id = t.org_id and ct.case_id = t.case_id`.execute(db);
  await sql`delete from case_terms ct using (${targets}) t
    where ct.org_id = t.org_id and ct.case_id = t.case_id and ct.tokens = '{}'`.execute(db);
}
