import type { ColumnType } from "kysely";

/** The record kinds that carry free text (Contract 2). */
export const RECORD_TYPES = ["case", "note", "tip", "person", "event"] as const;
export type SearchRecordType = (typeof RECORD_TYPES)[number];

/** The keyed token index and saved searches (migration 2026_12_02_0020_search). */
export interface SearchTables {
  /** One row per record and free-text field: the distinct keyed tokens of its words, never a word. */
  search_tokens: {
    /** The organization that owns the record; its search key made the tokens. */
    org_id: string;
    record_type: SearchRecordType;
    record_id: string;
    field: string;
    /** The case the record belongs to (null for a tip not yet on a case). */
    case_id: string | null;
    /** int8 tokens, read back as decimal strings by pg. */
    tokens: ColumnType<string[], string[], string[]>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  /** Per case, the union of its records' tokens (kept in step with search_tokens): case search intersects words here. */
  case_terms: {
    org_id: string;
    case_id: string;
    /** The case's created_at (it never changes). */
    created_at: Date;
    tokens: ColumnType<string[], string[], string[]>;
  };
  /** A user's named search; the name and the query string (search words) are sealed. */
  saved_searches: {
    org_id: string;
    id: string;
    user_id: string;
    data_key_id: string;
    name_enc: string;
    query_enc: string;
    version: ColumnType<number, number | undefined, number>;
    created_at: ColumnType<Date, Date | string | undefined, never>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
