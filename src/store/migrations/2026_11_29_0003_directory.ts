import { type Kysely, sql } from "kysely";

/** The federal directory's store copy (see directory.tables.ts), with a trigram index for text search. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("directory_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("parent_id", "text")
    .addColumn("functions", sql`text[]`, (c) => c.notNull())
    .addColumn("populations", sql`text[]`, (c) => c.notNull())
    .addColumn("crime_types", sql`text[]`, (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index directory_entries_search_trgm on directory_entries using gin (search_text gin_trgm_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("directory_entries").execute();
}
