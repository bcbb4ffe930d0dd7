import type { Kysely } from "kysely";
import type { Config } from "../../config.ts";
import { notFound } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { defaultRouter } from "../routing/routing.service.ts";
import { type Catalog, type DirectoryFilter, defaultCatalog } from "./directory.catalog.ts";
import { type DirectoryTranslation, directoryTranslation } from "./directory.i18n.ts";
import type { Lang } from "./directory.lang.ts";
import {
  directoryStoreHash,
  findDirectoryChildren,
  findDirectoryEntries,
  findDirectoryEntry,
  getLoadedDirectoryHash,
  replaceDirectoryEntries,
} from "./directory.repository.ts";
import type { DirectoryEntry } from "./directory.schema.ts";

/**
 * Loads the directory data into the store when it or its Spanish texts changed (compared by
 * `directoryStoreHash`), so start-up does not rewrite unchanged data. Returns whether it wrote. Throws DirectoryDataError on invalid data,
 * which stops start-up: a bad directory must not be served.
 */
export async function syncDirectory(
  db: Kysely<Database>,
  catalog: Catalog = defaultCatalog(),
  tr: DirectoryTranslation | undefined = directoryTranslation("es"),
): Promise<boolean> {
  if ((await getLoadedDirectoryHash(db)) === directoryStoreHash(catalog, tr)) return false;
  await replaceDirectoryEntries(db, catalog, tr);
  return true;
}

/**
 * The start-up task (see src/server/startup.ts). It also loads the Spanish texts and compiles the routers
 * for every language, so a missing or stale translation stops start-up instead of failing a request.
 */
export async function directoryStartupTask(store: Store, _config: Config): Promise<void> {
  directoryTranslation("es");
  defaultRouter();
  await syncDirectory(store.db);
}

/** Entries matching the filter (text search by pg_trgm in the store, over the texts in `lang`). */
export function listDirectory(
  db: Kysely<Database>,
  filter: DirectoryFilter,
  lang: Lang = "en",
): Promise<DirectoryEntry[]> {
  return findDirectoryEntries(db, filter, lang);
}

/** One entry and the ids of its children; throws a 404 `not_found` AppError when there is none. */
export async function getDirectoryEntry(
  db: Kysely<Database>,
  id: string,
): Promise<{ entry: DirectoryEntry; children: string[] }> {
  const entry = await findDirectoryEntry(db, id);
  if (!entry) throw notFound(`No directory entry '${id}'.`);
  return { entry, children: await findDirectoryChildren(db, id) };
}
