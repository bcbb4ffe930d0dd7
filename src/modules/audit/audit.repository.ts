import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { auditScope } from "../policy/policy.sql.ts";
import { GENESIS_HASH } from "./audit.chain.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An audit row as stored. */
export interface AuditRow {
  org_id: string;
  seq: number;
  occurred_at: Date;
  actor_org_id: string | null;
  actor_user_id: string | null;
  action: string;
  outcome: string;
  target_type: string | null;
  target_ids: string[];
  client_address: string | null;
  request_id: string | null;
  details: Record<string, string | number | boolean>;
  prev_hash: string;
  row_hash: string;
}

/** Where a chain ends. */
export interface ChainHead {
  org_id: string;
  seq: number;
  row_hash: string;
}

/**
 * Locks a chain's head until the transaction ends (serializes that chain's appends, and only that
 * chain's) and returns it; a chain's first event creates its head at the genesis. The head exists for
 * every chain but a new one, so the lock is one statement; the insert runs only when it found none.
 */
export async function lockChainHead(trx: Transaction<Database>, chain: string): Promise<ChainHead> {
  const lock = () => chainHeadLockQuery(trx, chain).executeTakeFirst();
  const head = await lock();
  if (head) return head;
  // Two first events of a chain at once: the second insert waits for the first, then does nothing,
  // and both lock the one head.
  await trx
    .insertInto("audit_chain_heads")
    .values({ org_id: chain, seq: 0, row_hash: GENESIS_HASH })
    .onConflict((oc) => oc.column("org_id").doNothing())
    .execute();
  const created = await lock();
  if (!created) throw new Error(`The audit chain head of ${chain} could not be created.`);
  return created;
}

/**
 * The lock of an existing chain head (no row when the chain has none yet: `lockChainHead` creates it),
 * unexecuted, for a caller that takes it in one statement with its other reads.
 */
export function chainHeadLockQuery(trx: Transaction<Database>, chain: string) {
  return trx
    .selectFrom("audit_chain_heads")
    .select(["org_id", "seq", "row_hash"])
    .where("org_id", "=", chain)
    .forUpdate();
}

/**
 * The two writes of one chained row, unexecuted: its insert, and the move of its chain's head to it
 * (the head locked by this transaction). They read nothing of each other, so they may go in one
 * statement (executeTogether).
 */
export function appendRowWrites(trx: Transaction<Database>, row: AuditRow) {
  return [
    trx.insertInto("audit_events").values({ ...row, details: JSON.stringify(row.details) }),
    trx
      .updateTable("audit_chain_heads")
      .set({ seq: row.seq, row_hash: row.row_hash })
      .where("org_id", "=", row.org_id),
  ] as const;
}

/** Every chain head, by organization, for verification and checkpoints (the system only). */
export function chainHeads(db: Db, _actor: SystemContext): Promise<ChainHead[]> {
  return db.selectFrom("audit_chain_heads").select(["org_id", "seq", "row_hash"]).orderBy("org_id").execute();
}

/** The chains that have records, whether or not their head row survives. */
export async function chainsWithRecords(db: Db, actor: SystemContext): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_events")
    .select("org_id")
    .distinct()
    .where(auditScope(actor))
    .execute();
  return rows.map((r) => r.org_id);
}

/** A chain's rows in order after `afterSeq`, for verification (the system only). */
export async function rowsAfter(
  db: Db,
  actor: SystemContext,
  chain: string,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where(auditScope(actor))
    .where("org_id", "=", chain)
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

/** One row of a chain by sequence number, for checking a checkpoint (the system only). */
export async function rowAt(
  db: Db,
  actor: SystemContext,
  chain: string,
  seq: number,
): Promise<AuditRow | undefined> {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where(auditScope(actor))
    .where("org_id", "=", chain)
    .where("seq", "=", seq)
    .executeTakeFirst();
}

/** Filters for the auditor's view (its own organization's chain: auditScope). */
export interface AuditFilter {
  actorUserId?: string;
  action?: string;
  outcome?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Return rows with seq below this (newest first paging). */
  beforeSeq?: number;
  limit: number;
}

/** Newest-first page of the audit rows the actor may read (its organization's chain) matching the filter. */
export async function findRows(db: Db, actor: Actor, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom("audit_events").selectAll().where(auditScope(actor));
  if (f.actorUserId) q = q.where("actor_user_id", "=", f.actorUserId);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.outcome) q = q.where("outcome", "=", f.outcome);
  if (f.targetId) {
    const target = f.targetId;
    q = q.where((eb) => eb(eb.val(target), "=", eb.fn.any("target_ids")));
  }
  if (f.from) q = q.where("occurred_at", ">=", f.from);
  if (f.to) q = q.where("occurred_at", "<", f.to);
  if (f.beforeSeq !== undefined) q = q.where("seq", "<", f.beforeSeq);
  return q.orderBy("seq", "desc").limit(f.limit).execute();
}
