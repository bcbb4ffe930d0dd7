import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Catalog, DirectoryFilter } from "./directory.catalog.ts";
import { type DirectoryTranslation, directoryTranslation, entrySearchText } from "./directory.i18n.ts";
import type { Lang } from "./directory.lang.ts";
import type { DirectoryEntry } from "./directory.schema.ts";
import { searchTerms, searchVocabulary, TYPO_SIMILARITY } from "./directory.search.ts";

/** The harbor_meta key holding the hash of the directory data last loaded. */
const HASH_KEY = "directory.hash";

/**
 * The hash the store records for its copy: the data file's, the Spanish texts' (`search_text_es` derives
 * from them) and the search vocabulary's (phrases shape both columns), under a version of how the columns
 * are built. A change to any of them rewrites the copy at the next start-up.
 */
export function directoryStoreHash(catalog: Catalog, tr: DirectoryTranslation | undefined): string {
  return createHash("sha256")
    .update(`search-text-2\0${catalog.hash}\0${JSON.stringify(tr ?? null)}\0${searchVocabulary().text}`)
    .digest("hex");
}

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
 * ones the data no longer has, record the hash (`directoryStoreHash`). Safe to run again (idempotent).
 * `tr` supplies the Spanish search texts (default: the repository's translation).
 */
export async function replaceDirectoryEntries(
  db: Kysely<Database>,
  catalog: Catalog,
  tr: DirectoryTranslation | undefined = directoryTranslation("es"),
): Promise<void> {
  const hash = directoryStoreHash(catalog, tr);
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
      search_text: entrySearchText(e, "en"),
      search_text_es: entrySearchText(e, "es", tr),
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
          search_text_es: eb.ref("excluded.search_text_es"),
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
      .values({ key: HASH_KEY, value: hash, updated_at: new Date() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: hash, updated_at: new Date() }))
      .execute();
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Directory entries matching every given filter, in file order, or by trigram similarity when searching.
 * Text search applies directory.search.ts's rules in SQL, so the API finds what the CLI finds: each term
 * matches one of its words at a word start of the entry's text in `lang` (the column holds " word word "),
 * or, for a word outside the search vocabulary, a word of the text with pg_trgm `similarity` ≥ 0.5 (a typo:
 * "inocence" finds Innocence Lost). Query and column are folded the same way, so "linea" finds "Línea".
 */
export async function findDirectoryEntries(
  db: Kysely<Database>,
  filter: DirectoryFilter,
  lang: Lang = "en",
): Promise<DirectoryEntry[]> {
  let q = db.selectFrom("directory_entries").select("data");
  if (filter.function) q = q.where(sql<boolean>`functions @> array[${filter.function}]::text[]`);
  if (filter.population) q = q.where(sql<boolean>`populations && array[${filter.population}, 'any']::text[]`);
  if (filter.crimeType) q = q.where(sql<boolean>`crime_types @> array[${filter.crimeType}]::text[]`);
  const terms = searchTerms(filter.q, lang, 8);
  const col = sql.ref(lang === "es" ? "search_text_es" : "search_text");
  for (const t of terms) {
    const starts = t.prefixes.map((p) => `% ${escapeLike(p)}%`);
    const typo = t.fuzzy
      ? sql`or exists (select 1 from unnest(string_to_array(trim(${col}), ' ')) as w(word)
              where similarity(w.word, ${t.word}) >= ${TYPO_SIMILARITY})`
      : sql``;
    q = q.where(sql<boolean>`(${col} like any(${starts}::text[]) ${typo})`);
  }
  const words = terms.map((t) => t.word).join(" ");
  const ordered = terms.length
    ? q.orderBy(sql`word_similarity(${words}, ${col})`, "desc").orderBy("position")
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
