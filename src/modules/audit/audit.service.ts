import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import { SYSTEM_ORG } from "../../store/tenancy.ts";
import { executeTogether } from "../../store/together.ts";
import type { SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { type ChainedFields, GENESIS_HASH, rowHash } from "./audit.chain.ts";
import {
  type AuditRow,
  appendRowWrites,
  type ChainHead,
  chainHeadLockQuery,
  chainHeads,
  chainsWithRecords,
  lockChainHead,
  rowsAfter,
} from "./audit.repository.ts";
import type { AuditEventInput } from "./audit.types.ts";

export type { AuditEventInput } from "./audit.types.ts";

/** Verifying the chain reads every record, whatever its organization: a named system context. */
export const CHAIN_VERIFIER: SystemContext = { kind: "system", reason: "audit-verify" };

/**
 * Appends one record to the hash-chained audit log. Call it inside the transaction of the action it
 * records (pass that `Transaction`): if the action rolls back, so does its record, and if the audit
 * write fails, the action fails. Given a plain `Kysely`, it opens its own transaction (for events
 * with no other write, such as a failed sign-in or a denial).
 *
 * Each organization has its own chain (events with no organization go to the system chain). Appends
 * to one chain are serialized by locking its head row until the transaction ends, so concurrent
 * transactions never fork it, while organizations never wait for each other; record audit late in
 * long transactions.
 */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  event: AuditEventInput,
): Promise<void> {
  if (db.isTransaction) return append(db as Transaction<Database>, event);
  return db.transaction().execute((trx) => append(trx, event));
}

/** The chain an event belongs to: its organization's, or the system chain. */
export const chainOf = (event: Pick<AuditEventInput, "actorOrgId">) => event.actorOrgId ?? SYSTEM_ORG;

/** The hashed fields of an input at a given position in the chain. */
export function toChainedFields(seq: number, occurredAt: Date, event: AuditEventInput): ChainedFields {
  return {
    seq,
    occurredAt: occurredAt.toISOString(),
    orgId: event.actorOrgId ?? null,
    actorUserId: event.actorUserId ?? null,
    action: event.action,
    outcome: event.outcome,
    targetType: event.targetType ?? null,
    targetIds: event.targetIds ?? [],
    clientAddress: event.clientAddress ?? null,
    requestId: event.requestId ?? null,
    details: event.details ?? {},
  };
}

/** The hashed fields of a stored row (what verification recomputes). */
export function storedFields(row: AuditRow): ChainedFields {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    orgId: row.actor_org_id,
    actorUserId: row.actor_user_id,
    action: row.action,
    outcome: row.outcome,
    targetType: row.target_type,
    targetIds: row.target_ids,
    clientAddress: row.client_address,
    requestId: row.request_id,
    details: row.details,
  };
}

async function append(trx: Transaction<Database>, event: AuditEventInput): Promise<void> {
  const head = await lockChainHead(trx, chainOf(event));
  await executeTogether(trx, [...auditWrites(trx, head, event)]);
}

/**
 * For a writer that reads several things in one statement at the start of its transaction: the lock
 * of the event's chain head, unexecuted (columns org_id, seq, row_hash). No row when the chain has no
 * head yet; the writer then records with `recordAudit`, which creates it.
 */
export function auditHeadLock(trx: Transaction<Database>, event: Pick<AuditEventInput, "actorOrgId">) {
  return chainHeadLockQuery(trx, chainOf(event));
}

/**
 * `recordAudit` after its chain head was locked in this transaction (`auditHeadLock`): the writes of the
 * record, unexecuted, for the writer to send in one statement with its own (executeTogether). The head
 * stays locked until the transaction ends, so nothing is appended to the chain in between.
 */
export function auditWrites(trx: Transaction<Database>, head: ChainHead, event: AuditEventInput) {
  if (head.org_id !== chainOf(event)) throw new Error("auditWrites: the head of another chain");
  const seq = head.seq + 1;
  const occurredAt = new Date(clock.now().getTime());
  const fields = toChainedFields(seq, occurredAt, event);
  const row: AuditRow = {
    org_id: head.org_id,
    seq,
    occurred_at: occurredAt,
    actor_org_id: fields.orgId,
    actor_user_id: fields.actorUserId,
    action: fields.action,
    outcome: fields.outcome,
    target_type: fields.targetType,
    target_ids: fields.targetIds,
    client_address: fields.clientAddress,
    request_id: fields.requestId,
    details: fields.details,
    prev_hash: head.row_hash,
    row_hash: rowHash(fields, head.row_hash),
  };
  return appendRowWrites(trx, row);
}

/** One chain verified. */
export interface ChainSummary {
  orgId: string;
  records: number;
  headSeq: number;
  headHash: string;
}

/** Outcome of walking every chain. `chain` and `brokenAt` name the first record that does not verify. */
export type VerifyResult =
  | { ok: true; records: number; chains: ChainSummary[] }
  | { ok: false; records: number; chain: string; brokenAt: number; reason: string };

type ChainResult =
  | { ok: true; summary: ChainSummary }
  | { ok: false; records: number; brokenAt: number; reason: string };

/**
 * Walks one chain from its first record: sequence numbers must run 1, 2, 3… without gaps, each
 * `prev_hash` must equal the previous record's `row_hash`, and each `row_hash` must be the hash of
 * the record's own content. Finally its head must point at its last record.
 */
async function verifyOneChain(
  db: Kysely<Database>,
  chain: string,
  head: { seq: number; row_hash: string } | undefined,
  batch: number,
): Promise<ChainResult> {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let records = 0;
  for (;;) {
    const rows = await rowsAfter(db, CHAIN_VERIFIER, chain, expectedSeq - 1, batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          records,
          brokenAt: expectedSeq,
          reason: `record ${expectedSeq} is missing (next is ${row.seq})`,
        };
      }
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          records,
          brokenAt: row.seq,
          reason: "prev_hash does not match the previous record",
        };
      }
      if (rowHash(storedFields(row), row.prev_hash) !== row.row_hash) {
        return {
          ok: false,
          records,
          brokenAt: row.seq,
          reason: "content does not match row_hash (record changed)",
        };
      }
      prev = row.row_hash;
      expectedSeq += 1;
      records += 1;
    }
  }
  const headSeq = head?.seq ?? 0;
  if (headSeq !== records || (head?.row_hash ?? GENESIS_HASH) !== prev) {
    return {
      ok: false,
      records,
      brokenAt: Math.min(headSeq, records + 1),
      reason: head
        ? `chain head says record ${head.seq} but the log ends at record ${records}`
        : `the chain head is missing but the log has ${records} record(s)`,
    };
  }
  return { ok: true, summary: { orgId: chain, records, headSeq: records, headHash: prev } };
}

/**
 * Verifies every organization's chain and the system chain (see verifyOneChain). Detects any change,
 * deletion, reordering or insertion, and a record moved to another chain; truncation needs a
 * checkpoint.
 */
export async function verifyChain(db: Kysely<Database>, batch = 5000): Promise<VerifyResult> {
  const heads = new Map((await chainHeads(db, CHAIN_VERIFIER)).map((h) => [h.org_id, h]));
  const chains = [...new Set([...heads.keys(), ...(await chainsWithRecords(db, CHAIN_VERIFIER))])].sort();
  const summaries: ChainSummary[] = [];
  let records = 0;
  for (const chain of chains) {
    const result = await verifyOneChain(db, chain, heads.get(chain), batch);
    if (!result.ok)
      return {
        ok: false,
        records: records + result.records,
        chain,
        brokenAt: result.brokenAt,
        reason: result.reason,
      };
    summaries.push(result.summary);
    records += result.summary.records;
  }
  return { ok: true, records, chains: summaries };
}
