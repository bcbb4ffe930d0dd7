import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { caseScope, relationToCase } from "../policy/policy.sql.ts";
import type { SearchRecordType } from "./search.tables.ts";

/** Search filter → case column, for the Contract 1 columns (codes and ids only). */
const CONTRACT1_FILTERS = {
  traffickingType: "cases.trafficking_type",
  confirmation: "cases.confirmation",
  state: "cases.incident_state",
  lead: "cases.lead_user_id",
} as const;
export type Contract1Filter = keyof typeof CONTRACT1_FILTERS;

export interface CaseSearch {
  /** The organizations whose cases the actor may see (policy.owners.ts `ownerOrgsOf`); never empty. */
  owners: string[];
  /** Per query term, the tokens any of which satisfies it (under every owner organization's key). */
  terms: string[][];
  status?: "open" | "closed" | undefined;
  contract1: Partial<Record<Contract1Filter, string>>;
  /** created_at >= from, created_at < until (the day after `to`). */
  from?: Date | undefined;
  until?: Date | undefined;
  limit: number;
  offset: number;
}

/** A case search hit as the caller may see it. */
export interface CaseHitRow {
  id: string;
  org_id: string;
  /** The sealed title and its data key (opened by the presenter). */
  title_enc: string | null;
  narrative_enc: string | null;
  data_key_id: string | null;
  wrapped: string | null;
  status: "open" | "closed";
  created_at: Date;
  relation: "owner" | "shared_write" | "shared_read" | null;
}

/** All SQL of the search module: the token index, case search (policy applied), saved searches. */
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

  /**
   * The cases the actor may read that match every term and filter, newest first. Each term is one
   * semi-join on the GIN index of tokens, correlated on the case's organization and id, so a token
   * from another organization's row can never satisfy it. The owner organizations (own + sharing)
   * bound every part, which on Citus routes the query to those organizations' shards only.
   */
  searchCases(db: Kysely<Database>, actor: Actor, s: CaseSearch): Promise<CaseHitRow[]> {
    let q = db
      .selectFrom("cases")
      .leftJoin("data_keys as dk", (join) =>
        join.onRef("dk.org_id", "=", "cases.org_id").onRef("dk.id", "=", "cases.data_key_id"),
      )
      .select([
        "cases.id",
        "cases.org_id",
        "cases.status",
        "cases.created_at",
        "cases.title_enc",
        "cases.narrative_enc",
        "cases.data_key_id",
        "dk.wrapped",
      ])
      .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
      .where(caseScope(actor, "read"))
      .where("cases.org_id", "in", s.owners);
    for (const tokens of s.terms) {
      q = q.where(sql<boolean>`(cases.org_id, cases.id) in (select st.org_id, st.case_id from search_tokens st
        where st.tokens && ${tokens}::int8[] and st.org_id in (${sql.join(s.owners)}))`);
    }
    if (s.status) q = q.where("cases.status", "=", s.status);
    for (const [filter, value] of Object.entries(s.contract1) as [Contract1Filter, string][]) {
      q = q.where(sql<boolean>`${sql.ref(CONTRACT1_FILTERS[filter])} = ${value}`);
    }
    if (s.from) q = q.where("cases.created_at", ">=", s.from);
    if (s.until) q = q.where("cases.created_at", "<", s.until);
    return q
      .orderBy("cases.created_at", "desc")
      .orderBy("cases.id")
      .limit(s.limit)
      .offset(s.offset)
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
