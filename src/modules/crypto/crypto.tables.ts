import type { ColumnType } from "kysely";

/**
 * Wrapped data keys, one per encrypted record. Rotation re-wraps rows here only: the sealed fields
 * elsewhere never change. `kek_id` is the master key id, so "rows still on an old key" is one query.
 */
export interface CryptoTables {
  data_keys: {
    /** The organization of the sealed record; "_system" for installation keys (the blind-index key). */
    org_id: string;
    id: string;
    owner_table: string;
    owner_id: string;
    kek_id: string;
    wrapped: string;
    created_at: ColumnType<Date, Date | string | undefined, never>;
    rewrapped_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
}
