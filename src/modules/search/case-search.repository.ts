import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { caseScope, relationToCase } from "../policy/policy.sql.ts";

/** Search filter → case column, for the Contract 1 columns (codes and ids only). */
const CONTRACT1_FILTERS = {
  traffickingType: "cases.trafficking_type",
  confirmation: "cases.confirmation",
  state: "cases.incident_state",
  lead: "cases.lead_user_id",
} as const;
export type Contract1Filter = keyof typeof CONTRACT1_FILTERS;

/**
 * A word held by fewer index rows than this is "rare": search starts from its rows (each one
 * primary-key look-up of its case). A word at least this common is found sooner by walking the
 * visible cases newest first and probing each: a page of 20 takes about 20 × cases / rows probes.
 * The two costs meet near sqrt(20 × cases), about 1,100 at 60,000 cases of one organization.
 */
export const RARE_WORD_ROWS = 1000;

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
  /** The sealed title and its data key (opened by the presenter); a hit shows no narrative. */
  title_enc: string | null;
  data_key_id: string | null;
  wrapped: string | null;
  status: "open" | "closed";
  created_at: Date;
  relation: "owner" | "shared_write" | "shared_read" | null;
}

/**
 * Does the case hold the term? One probe of its few token rows (any record on it, any field). A
 * scalar subquery, not EXISTS, on purpose: the planner may not turn it into a join driven from the GIN
 * index (it did, from misestimated statistics, and read thousands of rows to show twenty).
 */
const holds = (tokens: string[]) =>
  sql<boolean>`coalesce((select true from search_tokens st where st.org_id = cases.org_id
    and st.case_id = cases.id and st.tokens && ${tokens}::int8[] limit 1), false)`;

/** The index rows holding a term, in the owner organizations, on a case (a tip on no case is not). */
const rowsHolding = (owners: string[], tokens: string[]) =>
  sql`select st.org_id, st.case_id from search_tokens st where st.org_id in (${sql.join(owners)})
    and st.case_id is not null and st.tokens && ${tokens}::int8[]`;

export const caseSearchRepository = {
  /**
   * Per term, how many index rows hold it, counted up to `cap` (so a common word costs no more than a
   * rare one). Search starts from the rarest word: the statistics of the planner cannot tell, since
   * embedded stores are never analyzed and a token is a different value under each organization's key.
   */
  async termRowCounts(db: Kysely<Database>, owners: string[], terms: string[][], cap: number) {
    if (!terms.length) return [];
    const counts = terms.map(
      (tokens, i) =>
        sql`(select count(*) from (${rowsHolding(owners, tokens)} limit ${cap}) capped) as ${sql.ref(`t${i}`)}`,
    );
    const { rows } = await sql<Record<string, string>>`select ${sql.join(counts)}`.execute(db);
    return terms.map((_, i) => Number(rows[0]?.[`t${i}`] ?? 0));
  },

  /**
   * The cases the actor may read that match every term and filter, newest first (then by id). The
   * policy is `caseScope` on every row; on top, each query is bounded to the cases the actor's
   * organization owns or has received (its `case_shares_received` rows), which only narrows it, and
   * lets the database read those cases by key instead of every owner organization's cases.
   * `start`: the index of a rare term to start from (see `termRowCounts`); without one, the visible
   * cases are walked newest first and each is probed for every term until the page is full. Runs in
   * the caller's transaction (the walk sets a planner setting for one statement).
   */
  async searchCases(
    db: Kysely<Database>,
    actor: Actor,
    s: CaseSearch,
    start?: number,
  ): Promise<CaseHitRow[]> {
    const cases = () => db.selectFrom("cases");
    const select = (q: ReturnType<typeof cases>, probes: string[][]) => {
      let out = q
        .leftJoin("data_keys as dk", (join) =>
          join.onRef("dk.org_id", "=", "cases.org_id").onRef("dk.id", "=", "cases.data_key_id"),
        )
        .select([
          "cases.id",
          "cases.org_id",
          "cases.status",
          "cases.created_at",
          "cases.title_enc",
          "cases.data_key_id",
          "dk.wrapped",
        ])
        .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
        .where(caseScope(actor, "read"))
        .where("cases.org_id", "in", s.owners);
      for (const tokens of probes) out = out.where(holds(tokens));
      if (s.status) out = out.where("cases.status", "=", s.status);
      for (const [filter, value] of Object.entries(s.contract1) as [Contract1Filter, string][])
        out = out.where(sql<boolean>`${sql.ref(CONTRACT1_FILTERS[filter])} = ${value}`);
      if (s.from) out = out.where("cases.created_at", ">=", s.from);
      if (s.until) out = out.where("cases.created_at", "<", s.until);
      return out;
    };
    const newestFirst = (q: ReturnType<typeof select>, limit: number, offset: number) =>
      q.orderBy("cases.created_at", "desc").orderBy("cases.id").limit(limit).offset(offset);

    if (start !== undefined) {
      // The rare word's cases first (at most RARE_WORD_ROWS index rows), then those cases by primary
      // key: two statements, so no planner (an unanalyzed embedded one took 11 s) can loop over them.
      const { rows: rare } = await sql<{ org_id: string; case_id: string }>`select distinct rare.org_id,
        rare.case_id from (${rowsHolding(s.owners, s.terms[start]!)}) rare`.execute(db);
      const byOrg = new Map<string, string[]>();
      for (const r of rare) byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r.case_id]);
      if (!byOrg.size) return [];
      let q = select(
        cases(),
        s.terms.filter((_, i) => i !== start),
      ).where(
        sql<boolean>`(${sql.join(
          [...byOrg].map(([org, ids]) => sql`(cases.org_id = ${org} and cases.id = any(${ids}::text[]))`),
          sql` or `,
        )})`,
      );
      if (actor.kind !== "system") q = q.where(ownedOrReceived(actor.orgId));
      return newestFirst(q, s.limit, s.offset).execute();
    }
    if (actor.kind === "system") return newestFirst(select(cases(), s.terms), s.limit, s.offset).execute();

    // Walk: the own cases, read newest first from cases_org_created_id and stopping when the page is
    // full, and the received ones, read by key and sorted; merged here. Disjoint: no
    // case is shared with its owner. Sorting is disabled for the own cases' statement: without
    // statistics (an embedded store is never analyzed) the planner would rather sort all of an
    // organization's cases, probing every one, than read them in order (measured: 266 ms against 20 ms
    // for 1,200 cases).
    const upTo = s.limit + s.offset;
    const own = newestFirst(select(cases(), s.terms).where("cases.org_id", "=", actor.orgId), upTo, 0);
    // The received cases' keys first, then those cases by primary key (as for a rare word).
    const keys = await db
      .selectFrom("case_shares_received")
      .select(["owner_org_id", "case_id"])
      .where("org_id", "=", actor.orgId)
      .where("owner_org_id", "in", s.owners)
      .where("owner_org_id", "<>", actor.orgId)
      .execute();
    const byOwner = new Map<string, string[]>();
    for (const k of keys) byOwner.set(k.owner_org_id, [...(byOwner.get(k.owner_org_id) ?? []), k.case_id]);
    const received = newestFirst(
      select(cases(), s.terms).where(
        sql<boolean>`(${sql.join(
          [...byOwner].map(([org, ids]) => sql`(cases.org_id = ${org} and cases.id = any(${ids}::text[]))`),
          sql` or `,
        )})`,
      ),
      upTo,
      0,
    );
    await sql`set local enable_sort = off`.execute(db);
    const ownRows = await own.execute();
    await sql`set local enable_sort = on`.execute(db);
    const receivedRows = byOwner.size ? await received.execute() : [];
    return [...ownRows, ...receivedRows]
      .sort(
        (a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .slice(s.offset, upTo);
  },
};

/** Narrows to the actor's organization's cases and those shared with it (never widens `caseScope`). */
function ownedOrReceived(orgId: string): RawBuilder<boolean> {
  return sql<boolean>`(cases.org_id = ${orgId} or exists (select 1 from case_shares_received r
    where r.org_id = ${orgId} and r.owner_org_id = cases.org_id and r.case_id = cases.id))`;
}
