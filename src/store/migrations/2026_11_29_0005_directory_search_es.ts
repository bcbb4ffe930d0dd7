import { type Kysely, sql } from "kysely";

/**
 * Spanish text search for the directory's store copy: `search_text_es` (folded like `search_text`, see
 * directory.search.ts) with its own trigram index. Existing rows get '' here; start-up rewrites them,
 * because the recorded hash now also covers the Spanish texts (see `directoryStoreHash`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("directory_entries")
    .addColumn("search_text_es", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await sql`create index directory_entries_search_es_trgm on directory_entries using gin (search_text_es gin_trgm_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("directory_entries_search_es_trgm").execute();
  await db.schema.alterTable("directory_entries").dropColumn("search_text_es").execute();
}
