import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { conflict } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { type FieldCrypto, fieldCryptoOf, sealRecord } from "../crypto/crypto.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { indexText } from "../search/search.index.ts";
import { mayOnCase, onCase } from "../work/case-access.ts";
import type { CaseKey, FactKind, PreparedFact } from "./case-facts.kind.ts";
import { openFact } from "./case-facts.presenter.ts";
import { type FactRow, caseFactsRepository as repo } from "./case-facts.repository.ts";
import type { FactTable, VoidReason } from "./case-facts.tables.ts";

/**
 * The case facts' logic, one code path for every kind (events, identifiers, charges, arrests,
 * adjudications, sentences): through the case access policy (404 like missing), free text sealed
 * under a new data key per write and indexed in the same transaction, If-Match on every change,
 * voids instead of deletes, every action audited and put on the case's timeline.
 */

// biome-ignore lint/suspicious/noExplicitAny: the kinds differ in input and view; each is typed where it is defined
type AnyKind = FactKind<any, any>;

async function write(
  trx: Kysely<Database>,
  crypto: FieldCrypto,
  kind: AnyKind,
  row: { id: string; case_id: string; org_id: string },
  prepared: PreparedFact,
): Promise<Record<string, unknown>> {
  const columns: Record<string, unknown> = { ...prepared.plain };
  if (kind.sealedFields.length) {
    const { dataKeyId, sealed } = await sealRecord(
      trx,
      crypto,
      { table: kind.table, rowId: row.id, orgId: row.org_id },
      prepared.sealed ?? {},
    );
    columns.data_key_id = dataKeyId;
    for (const f of kind.sealedFields) columns[`${f}_enc`] = sealed[f] ?? null;
  }
  await reindex(trx, kind, row, prepared.index ?? {});
  return columns;
}

async function reindex(
  trx: Kysely<Database>,
  kind: AnyKind,
  row: { id: string; case_id: string; org_id: string },
  fields: Record<string, string | null>,
): Promise<void> {
  if (!kind.searchRecord) return;
  for (const [field, text] of Object.entries(fields))
    await indexText(trx, { orgId: row.org_id, caseId: row.case_id, ...kind.searchRecord(row, field), text });
}

const asRow = (r: Record<string, unknown>) => r as unknown as FactRow<FactTable>;

export async function createFact<I, V>(
  store: Store,
  caller: Caller,
  kind: FactKind<I, V>,
  caseId: string,
  input: I,
): Promise<V> {
  const crypto = fieldCryptoOf(store);
  return onCase(store, caller, caseId, "work", `${kind.auditName}.create`, async (trx, kase) => {
    const id = randomUUID();
    const now = clock.now();
    const key = { id, case_id: kase.id, org_id: kase.org_id };
    const prepared = await kind.prepare(trx, { kase, crypto, id, existing: false, now }, input);
    const columns = await write(trx, crypto, kind, key, prepared);
    const row = { ...key, ...columns, created_by: caller.auth.userId, created_at: now };
    await repo.insert(trx, kind.table, row);
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: `${kind.name}.added`,
      ref: { type: kind.name, id },
    });
    await audit(trx, caller, {
      action: `${kind.auditName}.create`,
      outcome: "success",
      targetType: kind.auditName,
      targetIds: [id],
      details: { caseId: kase.id, ...(kind.details?.(input) ?? {}) },
    });
    const view = {
      ...row,
      version: 1,
      updated_at: null,
      updated_by: null,
      voided_at: null,
      void_reason: null,
    };
    return kind.present(asRow(view), prepared.sealed ?? {});
  });
}

export async function listFacts<I, V>(
  store: Store,
  caller: Caller,
  kind: FactKind<I, V>,
  caseId: string,
  includeVoided: boolean,
): Promise<V[]> {
  const crypto = fieldCryptoOf(store);
  return onCase(store, caller, caseId, "read", `${kind.auditName}.list`, async (trx, kase) => {
    const rows = await repo.listOfCase(trx, caller.auth, kind.table, kase, {
      includeVoided,
      now: clock.now(),
    });
    await audit(trx, caller, {
      action: `${kind.auditName}.list`,
      outcome: "success",
      targetType: "case",
      targetIds: [caseId],
      details: { count: rows.length },
    });
    return rows.map((r) => kind.present(r, openFact(crypto, kind.table, r, kind.sealedFields)));
  });
}

/** The fact by id, when the caller may work on its case; 404 like missing, 409 when voided. */
async function forChange(trx: Kysely<Database>, caller: Caller, kind: AnyKind, id: string, expected: number) {
  const row = await repo.getReadable(trx, caller.auth, kind.table, id, clock.now());
  if (!row) return HIDDEN;
  if (!mayOnCase(caller, row.relation ?? null, "work")) return FORBIDDEN;
  if (row.voided_at) throw conflict(`This ${kind.name} is voided; record a new one instead.`, "voided");
  if (row.version !== expected) throw staleVersion(row.version);
  return row;
}

async function changed(trx: Kysely<Database>, caller: Caller, kind: AnyKind, id: string, expected: number) {
  const current = await repo.getReadable(trx, caller.auth, kind.table, id, clock.now());
  return staleVersion(current?.version ?? expected + 1);
}

export async function updateFact<I, V>(
  store: Store,
  caller: Caller,
  kind: FactKind<I, V>,
  id: string,
  expected: number,
  patch: Partial<I>,
): Promise<V> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: `${kind.auditName}.update`, targetType: kind.auditName, targetIds: [id] },
    async (trx) => {
      const row = await forChange(trx, caller, kind, id, expected);
      if ("denied" in row) return row;
      const opened = openFact(crypto, kind.table, row, kind.sealedFields);
      if (kind.table === "case_identifiers" && !row.may_identify) return FORBIDDEN;
      const merged = { ...kind.toInput(row, opened), ...patch } as I;
      const kase: CaseKey = { org_id: row.org_id, id: row.case_id };
      const now = clock.now();
      const prepared = await kind.prepare(trx, { kase, crypto, id, existing: true, now }, merged);
      const columns = await write(trx, crypto, kind, row, prepared);
      const set = { ...columns, updated_at: now, updated_by: caller.auth.userId };
      const updated = await repo.updateIfVersion(trx, kind.table, row, expected, set);
      if (!updated) throw await changed(trx, caller, kind, id, expected);
      await recordCaseActivity(trx, caller.auth, kase, {
        kind: `${kind.name}.edited`,
        ref: { type: kind.name, id },
      });
      await audit(trx, caller, {
        action: `${kind.auditName}.update`,
        outcome: "success",
        targetType: kind.auditName,
        targetIds: [id],
        details: { caseId: row.case_id, version: updated.version, ...(kind.details?.(merged) ?? {}) },
      });
      return kind.present(asRow({ ...row, ...set, version: updated.version }), prepared.sealed ?? opened);
    },
  );
}

/** Voids a fact with a reason code (kept for the record, out of lists and statistics). */
export async function voidFact<I, V>(
  store: Store,
  caller: Caller,
  kind: FactKind<I, V>,
  id: string,
  expected: number,
  reason: VoidReason,
): Promise<V> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: `${kind.auditName}.void`, targetType: kind.auditName, targetIds: [id] },
    async (trx) => {
      const row = await forChange(trx, caller, kind, id, expected);
      if ("denied" in row) return row;
      await kind.beforeVoid?.(trx, row);
      const now = clock.now();
      const set = { voided_at: now, voided_by: caller.auth.userId, void_reason: reason };
      const updated = await repo.updateIfVersion(trx, kind.table, row, expected, set);
      if (!updated) throw await changed(trx, caller, kind, id, expected);
      // A voided fact is no longer found by search.
      await reindex(trx, kind, row, Object.fromEntries(kind.sealedFields.map((f) => [f, null])));
      const kase = { org_id: row.org_id, id: row.case_id };
      await recordCaseActivity(trx, caller.auth, kase, {
        kind: `${kind.name}.voided`,
        ref: { type: kind.name, id },
        details: { reason },
      });
      await audit(trx, caller, {
        action: `${kind.auditName}.void`,
        outcome: "success",
        targetType: kind.auditName,
        targetIds: [id],
        details: { caseId: row.case_id, reason, version: updated.version },
      });
      const opened = openFact(crypto, kind.table, row, kind.sealedFields);
      return kind.present(asRow({ ...row, ...set, version: updated.version }), opened);
    },
  );
}
