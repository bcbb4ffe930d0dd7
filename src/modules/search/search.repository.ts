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
    await db
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
      .execute();
  },

  async deleteField(
    db: Kysely<Database>,
    r: { orgId: string; recordType: SearchRecordType; recordId: string; field: string },
  ) {
    await db
      .deleteFrom("search_tokens")
      .where("org_id", "=", r.orgId)
      .where("record_type", "=", r.recordType)
      .where("record_id", "=", r.recordId)
      .where("field", "=", r.field)
      .execute();
  },

  async deleteRecord(
    db: Kysely<Database>,
    r: { orgId: string; recordType: SearchRecordType; recordId: string },
  ) {
    await db
      .deleteFrom("search_tokens")
      .where("org_id", "=", r.orgId)
      .where("record_type", "=", r.recordType)
      .where("record_id", "=", r.recordId)
      .execute();
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
