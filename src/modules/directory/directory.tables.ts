import type { ColumnType } from "kysely";

/**
 * The store's copy of the federal directory. The reviewed data file is the source of truth; start-up
 * upserts it here (keyed by id) so the API can filter and search it with SQL and pg_trgm, in English
 * (`search_text`) and Spanish (`search_text_es`). `data` is the
 * whole validated entry; the array and text columns exist only to filter and search. Public reference
 * data: no `org_id`, it belongs to no agency.
 */
export interface DirectoryTables {
  directory_entries: {
    id: string;
    position: number;
    name: string;
    kind: string;
    parent_id: string | null;
    functions: string[];
    populations: string[];
    crime_types: string[];
    search_text: string;
    /** The Spanish search text (migration 0005); folded like `search_text`. */
    search_text_es: ColumnType<string, string | undefined, string>;
    data: ColumnType<unknown, string, string>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
