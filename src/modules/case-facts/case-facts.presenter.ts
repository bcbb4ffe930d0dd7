import { type FieldCrypto, openRecord } from "../crypto/crypto.service.ts";
import type { FactRow } from "./case-facts.repository.ts";
import type { FactTable } from "./case-facts.tables.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The fields every fact's view has (allow-list: only these and each kind's own go out). */
export function commonView(row: FactRow<FactTable>) {
  return {
    id: row.id,
    caseId: row.case_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: iso(row.updated_at),
    voidedAt: iso(row.voided_at),
    voidReason: row.void_reason,
  };
}

/** Opens a row's sealed fields for a caller the policy let read them (a NULLed value stays null). */
export function openFact(
  crypto: FieldCrypto,
  table: FactTable,
  row: FactRow<FactTable>,
  fields: readonly string[],
): Record<string, string | null> {
  const raw = row as unknown as Record<string, string | null>;
  const sealed = Object.fromEntries(fields.map((f) => [f, raw[`${f}_enc`] ?? null]));
  if (!fields.length || !row.wrapped) return Object.fromEntries(fields.map((f) => [f, null]));
  const opened = openRecord<string>(
    crypto,
    { table, rowId: row.id, dataKeyId: raw.data_key_id as string, wrapped: row.wrapped },
    sealed,
  );
  return Object.fromEntries(fields.map((f) => [f, opened[f] ?? null]));
}
