import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
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
 * How search reads the own organization's cases for words (the received ones are always read by key):
 * - the newest `walkedCases` cases (after the filters) are probed one by one, stopping when the page is
 *   full, which it is at once when the words are common;
 * - the walk fell short (the words are rare, their cases old, or the page deep): the cases holding every
 *   word, newest first from `case_terms` alone (its GIN index intersects the words and reads only the
 *   cases holding them all), then read by key `batch` at a time until the page is full.
 * Never a walk of every case: two common words whose cases barely overlap made it walk 60,000 (930 ms).
 */
export const SEARCH_PLAN = { walkedCases: 600, batch: 400 };
export type SearchPlan = typeof SEARCH_PLAN;

export interface CaseSearch {
  /** The organizations whose cases the actor may see (policy.owners.ts `ownerOrgsOf`); never empty. */
  owners: string[];
  /** Per query term, the tokens any of which satisfies it (under every owner organization's key). */
  terms: string[][];
  /** The same under the actor's organization's key only (empty if it has none): its own cases' words. */
  ownTerms: string[][];
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

export interface CaseKey {
  org_id: string;
  case_id: string;
}

/**
 * Does the case hold every term? One primary-key read of its `case_terms` row. A scalar subquery, not
 * a join, so that no planner (an embedded store is never analyzed) can turn it into a scan of the index.
 */
const holdsAll = (terms: string[][]) =>
  sql<boolean>`coalesce((select ${sql.join(
    terms.map((tokens) => sql`ct.tokens && ${tokens}::int8[]`),
    sql` and `,
  )} from case_terms ct where ct.org_id = cases.org_id and ct.case_id = cases.id), false)`;

/** `(org_id, id)` is one of these cases: read by primary key. */
const oneOf = (keys: CaseKey[]) => {
  const byOrg = new Map<string, string[]>();
  for (const k of keys) {
    const ids = byOrg.get(k.org_id);
    if (ids) ids.push(k.case_id);
    else byOrg.set(k.org_id, [k.case_id]);
  }
  return sql<boolean>`(${sql.join(
    [...byOrg].map(([org, ids]) => sql`(cases.org_id = ${org} and cases.id = any(${ids}::text[]))`),
    sql` or `,
  )})`;
};

export const caseSearchRepository = {
  /**
   * The cases the actor may read that match every term and filter, newest first (then by id), read as
   * SEARCH_PLAN says. The policy is `caseScope` on every row; on top, each statement is bounded to cases
   * the actor's organization owns or has received (its `case_shares_received` rows), which only narrows
   * it and lets the database read those cases by key. Runs in the caller's transaction (some statements
   * set a planner setting for themselves).
   */
  async searchCases(
    db: Kysely<Database>,
    actor: AuthContext,
    s: CaseSearch,
    plan: SearchPlan = SEARCH_PLAN,
  ): Promise<CaseHitRow[]> {
    const upTo = s.limit + s.offset;
    const query = queryOf(db, actor, s);
    const page = (rows: CaseHitRow[]) =>
      rows
        .sort(
          (a, b) =>
            b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        )
        .slice(s.offset, upTo);
    const byKey = async (keys: CaseKey[]) =>
      keys.length ? query.hits(query.filtered().where(oneOf(keys)), false, upTo).execute() : [];

    const inBatches = async (keys: CaseKey[]) => {
      const rows: CaseHitRow[] = [];
      for (let i = 0; i < keys.length && rows.length < upTo; i += plan.batch)
        rows.push(...(await byKey(keys.slice(i, i + plan.batch))));
      return rows;
    };
    let ownRows: CaseHitRow[] = [];
    if (!s.terms.length) ownRows = await walk(db, query.hits(query.own(), false, upTo));
    else if (s.ownTerms[0]?.length) {
      const newest = query
        .own()
        .orderBy("cases.created_at", "desc")
        .orderBy("cases.id")
        .limit(plan.walkedCases);
      ownRows = await walk(db, query.hits(newest, true, upTo));
      if (ownRows.length < upTo) ownRows = await inBatches(await casesHoldingAll(db, s.ownTerms, s));
    }
    // The received cases (disjoint from the own: no case is shared with its owner): those holding the
    // words, newest first, then read by key in batches.
    const receivedRows = s.terms.length
      ? await inBatches(await receivedHolding(db, actor, s))
      : await byKey(await receivedKeys(db, actor, s));
    return page([...ownRows, ...receivedRows]);
  },
};

/**
 * The cases holding every term (any of its tokens), newest first (within the dates), from the GIN index
 * of `case_terms`, which intersects the words' entries inside the index and reads only the cases holding
 * them all. No organization is named: a token is a keyed hash under one
 * organization's key, so it is found only in that organization's rows, and naming it would let a
 * planner prefer the primary key. A sequential scan is ruled out for the statement for the same reason
 * (an embedded store has no statistics).
 */
async function casesHoldingAll(
  db: Kysely<Database>,
  terms: string[][],
  dates: { from?: Date | undefined; until?: Date | undefined },
): Promise<CaseKey[]> {
  const where = terms.map((tokens) => sql`tokens && ${tokens}::int8[]`);
  if (dates.from) where.push(sql`created_at >= ${dates.from}`);
  if (dates.until) where.push(sql`created_at < ${dates.until}`);
  await sql`set local enable_seqscan = off`.execute(db);
  try {
    const { rows } = await sql<CaseKey>`select org_id, case_id from case_terms
      where ${sql.join(where, sql` and `)} order by created_at desc, case_id`.execute(db);
    return rows;
  } finally {
    await sql`set local enable_seqscan = on`.execute(db);
  }
}

/** The keys of the cases shared with the actor's organization by the owners in reach. */
function receivedKeys(db: Kysely<Database>, actor: AuthContext, s: CaseSearch): Promise<CaseKey[]> {
  return db
    .selectFrom("case_shares_received")
    .select(["owner_org_id as org_id", "case_id"])
    .where("org_id", "=", actor.orgId)
    .where("owner_org_id", "in", s.owners)
    .where("owner_org_id", "<>", actor.orgId)
    .execute();
}

/**
 * The cases shared with the actor's organization that hold every term (under their owner's key), newest
 * first (within the dates). Each received case's `case_terms` row is read by key in a scalar subquery,
 * which no planner can turn into a scan of the word index (a common word's cases are most of an owner's);
 * `offset 0` keeps it one subquery per case (pulled up, it was evaluated twice).
 */
async function receivedHolding(db: Kysely<Database>, actor: AuthContext, s: CaseSearch): Promise<CaseKey[]> {
  const words = sql.join(
    s.terms.map((tokens) => sql`and ct.tokens && ${tokens}::int8[]`),
    sql` `,
  );
  const dates = [
    ...(s.from ? [sql`and created_at >= ${s.from}`] : []),
    ...(s.until ? [sql`and created_at < ${s.until}`] : []),
  ];
  const { rows } = await sql<CaseKey>`select org_id, case_id from (select r.owner_org_id as org_id, r.case_id,
      (select ct.created_at from case_terms ct where ct.org_id = r.owner_org_id and ct.case_id = r.case_id ${words})
        as created_at
      from case_shares_received r where r.org_id = ${actor.orgId} and r.owner_org_id in (${sql.join(s.owners)})
      and r.owner_org_id <> ${actor.orgId} offset 0) received
    where created_at is not null ${sql.join(dates, sql` `)} order by created_at desc, case_id`.execute(db);
  return rows;
}

/**
 * Runs a newest-first read of cases in index order, stopping when the page is full. Sorting is disabled
 * for the statement: without statistics (an embedded store is never analyzed) the planner would rather
 * sort all of an organization's cases, probing every one, than read them in order (measured: 266 ms
 * against 20 ms for 1,200 cases).
 */
async function walk(db: Kysely<Database>, q: { execute(): Promise<CaseHitRow[]> }): Promise<CaseHitRow[]> {
  await sql`set local enable_sort = off`.execute(db);
  try {
    return await q.execute();
  } finally {
    await sql`set local enable_sort = on`.execute(db);
  }
}

/** The statements of one search: its filters and policy, applied the same way on every path. */
function queryOf(db: Kysely<Database>, actor: AuthContext, s: CaseSearch) {
  /** Cases passing the policy and the filters (all columns, for a derived table named `cases`). */
  const filtered = () => {
    let q = db
      .selectFrom("cases")
      .selectAll("cases")
      .where(caseScope(actor, "read"))
      .where("cases.org_id", "in", s.owners);
    if (s.status) q = q.where("cases.status", "=", s.status);
    for (const [filter, value] of Object.entries(s.contract1) as [Contract1Filter, string][])
      q = q.where(sql<boolean>`${sql.ref(CONTRACT1_FILTERS[filter])} = ${value}`);
    if (s.from) q = q.where("cases.created_at", ">=", s.from);
    if (s.until) q = q.where("cases.created_at", "<", s.until);
    return q;
  };
  return {
    filtered,
    own: () => filtered().where("cases.org_id", "=", actor.orgId),
    /** Up to `limit` rows of a page from `from` (cases), newest first, probed for every term if `probe`. */
    hits(from: ReturnType<typeof filtered>, probe: boolean, limit: number) {
      let q = db
        .selectFrom(from.as("cases"))
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
        .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"));
      if (probe && s.terms.length) q = q.where(holdsAll(s.terms));
      return q.orderBy("cases.created_at", "desc").orderBy("cases.id").limit(limit);
    },
  };
}
