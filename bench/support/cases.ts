import { randomUUID } from "node:crypto";
import { type Insertable, type Kysely, sql } from "kysely";
import type { AuthContext } from "../../src/modules/auth/auth.context.ts";
import { CASES_TABLE } from "../../src/modules/cases/cases.seal.ts";
import { openCaseInTransaction, shareCase } from "../../src/modules/cases/cases.service.ts";
import { CLOSE_REASONS, TRAFFICKING_TYPES } from "../../src/modules/cases/cases.vocab.ts";
import { type FieldCrypto, fieldCryptoOf } from "../../src/modules/crypto/crypto.service.ts";
import { encryptField, generateDataKey, wrapDataKey } from "../../src/modules/crypto/envelope.ts";
import { type IndexTextInput, indexTexts } from "../../src/modules/search/search.index.ts";
import type { Database } from "../../src/store/schema.ts";
import type { Store } from "../../src/store/store.ts";
import type { BenchUser } from "./orgs.ts";
import { caseTitle, narrative, seeded } from "./text.ts";

const STATES = ["TX", "CA", "NY", "FL", "GA", "WA", "IL", "AZ"];
const SPREAD_DAYS = 3 * 365;
const NOW = Date.now();

export interface CaseLoad {
  count: number;
  /** Who opens case i (its organization owns the case). */
  opener(i: number): BenchUser;
  /** The organization case i is shared with (read access), if any. */
  sharedWith?(i: number): string | undefined;
  seed?: number;
  /** "bulk" (default) or "service": see `loadCases`. */
  via?: "bulk" | "service";
  /** Cases per transaction. */
  batch?: number;
  label?: string;
}

/** The title and narrative of the first `count` cases `loadCases` writes with this seed (for queries). */
export function caseTexts(count: number, seed = 42): { title: string; narrative: string }[] {
  const r = seeded(seed);
  return Array.from({ length: count }, () => caseInput(r));
}

/** Case i's content: the same for every store and either path. */
function caseInput(r: ReturnType<typeof seeded>) {
  return {
    title: caseTitle(r),
    narrative: narrative(r),
    traffickingType: r.pick(TRAFFICKING_TYPES),
    incidentState: r.pick(STATES),
    createdAt: new Date(NOW - Math.floor(r.rand() * SPREAD_DAYS * 86_400_000)),
    // About 3 in 10 closed, as the search bench always had (closing is an edit: the bulk path only).
    closeReason: r.rand() < 0.3 ? r.pick(CLOSE_REASONS) : undefined,
  };
}

/**
 * Opens `count` cases, by default through a bulk path that writes the rows the API writes for
 * searching: as `openCaseInTransaction` (POST /api/v1/cases) does, each case gets a fresh data key
 * wrapped under the master key and its title and narrative sealed with it (the crypto module's
 * envelope functions, same associated data), and both are indexed by `indexTexts` under the
 * organization's search key; shares get both copies (`case_shares`, `case_shares_received`) as
 * `shareCase` writes them. What the bulk path leaves out is the `case.created` timeline entry and
 * the audit record of each case, which no search reads; `via: "service"` calls `openCaseInTransaction`
 * and `shareCase` instead (every row, about 40 times slower). `batch` cases share a transaction.
 * The bulk path also dates the cases over three years and closes about 3 in 10 (the date and status
 * filters and the newest-first order need a spread); after the service path one UPDATE spreads the
 * dates. On PostgreSQL the tables are analyzed, as
 * autovacuum does after a bulk load; the embedded store has no autovacuum, so it is left unanalyzed.
 */
export async function loadCases(store: Store, load: CaseLoad): Promise<{ ids: string[]; seconds: number }> {
  const crypto = fieldCryptoOf(store);
  const r = seeded(load.seed ?? 42);
  const batch = load.batch ?? (load.via === "service" ? 100 : 500);
  const ids: string[] = [];
  const started = performance.now();
  for (let b = 0; b < load.count; b += batch) {
    const end = Math.min(load.count, b + batch);
    const inputs = Array.from({ length: end - b }, () => caseInput(r));
    const opened = await store.db.transaction().execute(async (trx) => {
      if (load.via !== "service") return bulkOpen(trx, crypto, inputs, (k) => load.opener(b + k).auth);
      const out: string[] = [];
      for (const [k, input] of inputs.entries())
        out.push((await openCaseInTransaction(trx, load.opener(b + k).auth, input, crypto)).id);
      return out;
    });
    const shares = opened.flatMap((id, k) => {
      const recipient = load.sharedWith?.(b + k);
      return recipient ? [{ id, owner: load.opener(b + k).auth, recipient }] : [];
    });
    if (load.via === "service")
      for (const s of shares)
        await shareCase(store, { auth: s.owner, meta: {} }, s.id, { orgId: s.recipient, access: "read" });
    else await bulkShare(store.db, shares);
    ids.push(...opened);
    if ((end / batch) % 10 === 0 || end === load.count) {
      const s = (performance.now() - started) / 1000;
      process.stderr.write(`  [${load.label ?? "load"}] ${end} cases, ${Math.round(end / s)} cases/s\r`);
    }
  }
  process.stderr.write("\n");
  if (load.via === "service") {
    // The service opens every case now: spread them as if opened over three years (the bulk path
    // writes that created_at at once), and vacuum away the old row versions the UPDATE leaves.
    await sql`update cases set created_at = now() - make_interval(secs => ((hashtext(id) & 2147483647)
      % ${SPREAD_DAYS * 86_400})::float8)`.execute(store.db);
    await sql`update case_terms ct set created_at = c.created_at from cases c
      where c.org_id = ct.org_id and c.id = ct.case_id`.execute(store.db);
    await sql`vacuum cases`.execute(store.db);
  }
  if (store.kind === "postgres") await sql`analyze`.execute(store.db);
  return { ids, seconds: (performance.now() - started) / 1000 };
}

/** The rows `openCaseInTransaction` writes for search, for many cases in a few statements. */
async function bulkOpen(
  trx: Kysely<Database>,
  crypto: FieldCrypto,
  inputs: ReturnType<typeof caseInput>[],
  opener: (k: number) => AuthContext,
): Promise<string[]> {
  const keys: Insertable<Database["data_keys"]>[] = [];
  const cases: Insertable<Database["cases"]>[] = [];
  const texts: IndexTextInput[] = [];
  crypto.ring.refresh();
  for (const [k, input] of inputs.entries()) {
    const auth = opener(k);
    const id = randomUUID();
    const dataKeyId = randomUUID();
    const dataKey = generateDataKey();
    const owner = { dataKeyId, ownerTable: CASES_TABLE, ownerId: id };
    keys.push({
      org_id: auth.orgId,
      id: dataKeyId,
      owner_table: CASES_TABLE,
      owner_id: id,
      kek_id: crypto.ring.current.id,
      wrapped: wrapDataKey(crypto.ring.current, owner, dataKey),
    });
    const seal = (column: "title" | "narrative", text: string) =>
      encryptField(dataKey, { table: CASES_TABLE, column, rowId: id }, text);
    cases.push({
      id,
      org_id: auth.orgId,
      data_key_id: dataKeyId,
      title_enc: seal("title", input.title),
      narrative_enc: seal("narrative", input.narrative),
      created_by: auth.userId,
      trafficking_type: input.traffickingType,
      incident_state: input.incidentState,
      facts: JSON.stringify({}),
      created_at: input.createdAt,
      ...(input.closeReason
        ? { status: "closed" as const, closed_at: input.createdAt, close_reason: input.closeReason }
        : {}),
    });
    dataKey.fill(0);
    for (const field of ["title", "narrative"] as const)
      texts.push({
        orgId: auth.orgId,
        caseId: id,
        recordType: "case",
        recordId: id,
        field,
        text: input[field],
      });
  }
  await trx.insertInto("data_keys").values(keys).execute();
  await trx.insertInto("cases").values(cases).execute();
  await indexTexts(trx, texts, crypto);
  return cases.map((c) => c.id);
}

/** Both copies of a read share, as `shareCase` writes them. */
async function bulkShare(
  db: Kysely<Database>,
  shares: { id: string; owner: AuthContext; recipient: string }[],
) {
  if (!shares.length) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("case_shares")
      .values(
        shares.map((s) => ({
          org_id: s.owner.orgId,
          case_id: s.id,
          recipient_org_id: s.recipient,
          access: "read" as const,
          created_by: s.owner.userId,
        })),
      )
      .execute();
    await trx
      .insertInto("case_shares_received")
      .values(
        shares.map((s) => ({
          org_id: s.recipient,
          owner_org_id: s.owner.orgId,
          case_id: s.id,
          access: "read" as const,
        })),
      )
      .execute();
  });
}
