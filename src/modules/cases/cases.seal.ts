import { type FieldCrypto, openRecord } from "../crypto/crypto.service.ts";
import { encryptField, unwrapDataKey } from "../crypto/envelope.ts";

/** The table name in the associated data of a case's sealed fields. */
export const CASES_TABLE = "cases";
export type SealedCaseField = "title" | "narrative";

/**
 * Seals new values under a record's existing data key (an edit keeps the key, so no orphaned keys
 * pile up); null stays null.
 */
export function sealWithKey<K extends string>(
  crypto: FieldCrypto,
  where: { table: string; rowId: string; dataKeyId: string; wrapped: string },
  fields: Partial<Record<K, string | null>>,
): Partial<Record<K, string | null>> {
  const owner = { dataKeyId: where.dataKeyId, ownerTable: where.table, ownerId: where.rowId };
  const key = unwrapDataKey((id) => crypto.ring.get(id), owner, where.wrapped);
  const out: Partial<Record<K, string | null>> = {};
  for (const [column, value] of Object.entries(fields) as [K, string | null | undefined][]) {
    if (value === undefined) continue;
    out[column] =
      value === null ? null : encryptField(key, { table: where.table, column, rowId: where.rowId }, value);
  }
  key.fill(0);
  return out;
}

/** Opens a case's title and narrative (null when absent or the key is missing). */
export function openCaseText(
  crypto: FieldCrypto,
  row: {
    id: string;
    data_key_id: string | null;
    wrapped: string | null;
    title_enc: string | null;
    narrative_enc: string | null;
  },
): { title: string | null; narrative: string | null } {
  if (!row.data_key_id || !row.wrapped) return { title: null, narrative: null };
  const opened = openRecord<SealedCaseField>(
    crypto,
    { table: CASES_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
    { title: row.title_enc, narrative: row.narrative_enc },
  );
  return { title: opened.title ?? null, narrative: opened.narrative ?? null };
}
