import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import { type Catalog, type DirectoryFilter, foldText, searchText } from "./directory.catalog.ts";
import type { DirectoryEntry } from "./directory.schema.ts";

/** The harbor_meta key holding the hash of the directory data last loaded. */
const HASH_KEY = "directory.hash";

/** The hash of the directory data the store holds, or undefined before the first load. */
export async function getLoadedDirectoryHash(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom("harbor_meta")
    .select("value")
    .where("key", "=", HASH_KEY)
    .executeTakeFirst();
  return row?.value;
}

/**
 * Makes the store's copy equal to the catalog in one transaction: upsert every entry by id, delete the
 * ones the data no longer has, record the hash. Safe to run again (idempotent).
 */
export async function replaceDirectoryEntries(db: Kysely<Database>, catalog: Catalog): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows = catalog.entries.map((e, position) => ({
      id: e.id,
      position,
      name: e.name,
      kind: e.kind,
      parent_id: e.parent?.id ?? null,
      functions: e.functions.map((f) => f.value),
      populations: e.populations.map((p) => p.value),
      crime_types: e.crimeTypes.map((c) => c.value),
      search_text: searchText(e),
      data: JSON.stringify(e),
      updated_at: new Date(),
    }));
    await trx
      .insertInto("directory_entries")
      .values(rows)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          position: eb.ref("excluded.position"),
          name: eb.ref("excluded.name"),
          kind: eb.ref("excluded.kind"),
          parent_id: eb.ref("excluded.parent_id"),
          functions: eb.ref("excluded.functions"),
          populations: eb.ref("excluded.populations"),
          crime_types: eb.ref("excluded.crime_types"),
          search_text: eb.ref("excluded.search_text"),
          data: eb.ref("excluded.data"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
    await trx
      .deleteFrom("directory_entries")
      .where(
        "id",
        "not in",
        rows.map((r) => r.id),
      )
      .execute();
    await trx
      .insertInto("harbor_meta")
      .values({ key: HASH_KEY, value: catalog.hash, updated_at: new Date() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: catalog.hash, updated_at: new Date() }))
      .execute();
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Directory entries matching every given filter, in file order, or by trigram similarity when searching.
 * Each search word must occur in the entry's text or be close to one of its words (pg_trgm's `<%`,
 * word similarity ≥ 0.6), so "inocence" still finds Innocence Lost.
 */
export async function findDirectoryEntries(
  db: Kysely<Database>,
  filter: DirectoryFilter,
): Promise<DirectoryEntry[]> {
  let q = db.selectFrom("directory_entries").select("data");
  if (filter.function) q = q.where(sql<boolean>`functions @> array[${filter.function}]::text[]`);
  if (filter.population) q = q.where(sql<boolean>`populations && array[${filter.population}, 'any']::text[]`);
  if (filter.crimeType) q = q.where(sql<boolean>`crime_types @> array[${filter.crimeType}]::text[]`);
  const words = filter.q ? foldText(filter.q).split(/\s+/).filter(Boolean).slice(0, 8) : [];
  for (const w of words) {
    q = q.where(sql<boolean>`(search_text ilike ${`%${escapeLike(w)}%`} or ${w} <% search_text)`);
  }
  const ordered = words.length
    ? q.orderBy(sql`word_similarity(${words.join(" ")}, search_text)`, "desc").orderBy("position")
    : q.orderBy("position");
  const rows = await ordered.execute();
  return rows.map((r) => r.data as DirectoryEntry);
}

/** One entry by id, or undefined. */
export async function findDirectoryEntry(
  db: Kysely<Database>,
  id: string,
): Promise<DirectoryEntry | undefined> {
  const row = await db.selectFrom("directory_entries").select("data").where("id", "=", id).executeTakeFirst();
  return row?.data as DirectoryEntry | undefined;
}

/** The ids of the entries whose parent is `id`, in file order. */
export async function findDirectoryChildren(db: Kysely<Database>, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom("directory_entries")
    .select("id")
    .where("parent_id", "=", id)
    .orderBy("position")
    .execute();
  return rows.map((r) => r.id);
}
