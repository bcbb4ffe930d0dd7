import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { auditScope } from "../policy/policy.sql.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An audit row as stored. */
export interface AuditRow {
  seq: number;
  occurred_at: Date;
  org_id: string | null;
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

/** Locks the chain head until the transaction ends (serializes appends) and returns it. */
export async function lockChainHead(trx: Transaction<Database>): Promise<{ seq: number; row_hash: string }> {
  return trx
    .selectFrom("audit_chain_head")
    .select(["seq", "row_hash"])
    .where("id", "=", 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Inserts one chained row and moves the head to it. */
export async function appendRow(trx: Transaction<Database>, row: AuditRow): Promise<void> {
  await trx
    .insertInto("audit_events")
    .values({ ...row, details: JSON.stringify(row.details) })
    .execute();
  await trx
    .updateTable("audit_chain_head")
    .set({ seq: row.seq, row_hash: row.row_hash })
    .where("id", "=", 1)
    .execute();
}

/** The chain head as last written. */
export async function getChainHead(db: Db): Promise<{ seq: number; row_hash: string }> {
  return db
    .selectFrom("audit_chain_head")
    .select(["seq", "row_hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
}

/**
 * Rows in chain order after `afterSeq`, for verification of the whole chain: the system only
 * (physical order, not trusted seq gaps).
 */
export async function rowsAfter(
  db: Db,
  actor: SystemContext,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where(auditScope(actor))
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

/** One row by sequence number, for checking a checkpoint against the chain (the system only). */
export async function rowAt(db: Db, actor: SystemContext, seq: number): Promise<AuditRow | undefined> {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where(auditScope(actor))
    .where("seq", "=", seq)
    .executeTakeFirst();
}

/** Filters for the auditor's view. */
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

/** Newest-first page of the audit rows the actor may read (its organization's) matching the filter. */
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
