import { readFileSync } from "node:fs";
import { z } from "zod";
import { fromRoot } from "../../paths.ts";
import {
  type Catalog,
  DirectoryDataError,
  defaultCatalog,
  factRef,
  type TextSearch,
} from "./directory.catalog.ts";
import type { Lang } from "./directory.lang.ts";
import type { DirectoryEntry } from "./directory.schema.ts";
import { searchText, searchTextEs } from "./directory.search.ts";

/** Where the reviewed Spanish directory texts live, beside the English data. */
export const DIRECTORY_ES_FILE = fromRoot("data", "directory", "directory.es.json");

const text = z.string().trim().min(1);
const entryId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/**
 * A translation of the directory's prose. `texts` is keyed by fact ref (`hhs-otip#functions/certification`,
 * `hhs-otip#notes/notify-24h`, `nhth#contacts/phone`): every function detail, note and contact label needs
 * one. `names` holds the Spanish rendering of an official name where one is in common use; the official
 * English name is always kept. Sources are not translated: they quote the English seed verbatim.
 */
export const DirectoryTranslationSchema = z.strictObject({
  version: text,
  lang: z.literal("es"),
  names: z.record(entryId, text),
  texts: z.record(z.string().regex(/^[a-z0-9-]+#(?:functions|notes|contacts)\/[a-z0-9_-]+$/), text),
});
export type DirectoryTranslation = z.infer<typeof DirectoryTranslationSchema>;

/** The fact refs whose text a translation must give: every function detail, note and contact label. */
export function translatableRefs(catalog: Catalog): Array<{ ref: string; english: string }> {
  return catalog.entries.flatMap((e) => [
    ...e.functions.map((f) => ({ ref: factRef(e.id, "functions", f.value), english: f.detail })),
    ...e.notes.map((n) => ({ ref: factRef(e.id, "notes", n.id), english: n.text })),
    ...e.contacts.map((c) => ({ ref: factRef(e.id, "contacts", c.id), english: c.label })),
  ]);
}

/** Keys the translation lacks (`missing`) and keys naming nothing in the directory (`unknown`: stale). */
export function checkDirectoryTranslation(catalog: Catalog, tr: DirectoryTranslation) {
  const wanted = new Set(translatableRefs(catalog).map((r) => r.ref));
  return {
    missing: [...wanted].filter((ref) => !tr.texts[ref]),
    unknown: [
      ...Object.keys(tr.texts).filter((ref) => !wanted.has(ref)),
      ...Object.keys(tr.names)
        .filter((id) => !catalog.byId.has(id))
        .map((id) => `names.${id}`),
    ],
  };
}

/**
 * Validates a translation against its schema and the directory. Throws DirectoryDataError naming the
 * field or the missing or stale keys: a half-translated directory must not be served as Spanish.
 */
export function parseDirectoryTranslation(raw: unknown, catalog: Catalog): DirectoryTranslation {
  const parsed = DirectoryTranslationSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DirectoryDataError(
      `Invalid directory translation: field ${issue.path.join(".") || "(file)"}: ${issue.message}`,
    );
  }
  const { missing, unknown } = checkDirectoryTranslation(catalog, parsed.data);
  if (missing.length) {
    throw new DirectoryDataError(`Directory translation (es) has no text for: ${missing.join(", ")}`);
  }
  if (unknown.length) {
    throw new DirectoryDataError(`Directory translation (es) names no directory fact: ${unknown.join(", ")}`);
  }
  return parsed.data;
}

/** Reads and validates a translation file (default: `data/directory/directory.es.json`). */
export function loadDirectoryTranslation(
  file: string = DIRECTORY_ES_FILE,
  catalog: Catalog = defaultCatalog(),
): DirectoryTranslation {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DirectoryDataError(`Invalid directory translation in ${file}: ${(error as Error).message}`);
  }
  return parseDirectoryTranslation(raw, catalog);
}

let spanish: DirectoryTranslation | undefined;
/** The repository's translation for `lang`, loaded once per process; undefined for English (the original). */
export function directoryTranslation(lang: Lang): DirectoryTranslation | undefined {
  if (lang === "en") return undefined;
  spanish ??= loadDirectoryTranslation();
  return spanish;
}

/** An entry with its prose in the translation's language, plus the local rendering of its name if any. */
export type LocalizedEntry = DirectoryEntry & { localName?: string };

/**
 * The entry with function details, notes and contact labels translated. Sources, names, ids, values and
 * phone numbers are left exactly as they are. A text the translation lacks stays English (load-time
 * validation makes that impossible for the repository's data; entries from the store may be newer).
 */
export function localizeEntry(e: DirectoryEntry, tr: DirectoryTranslation | undefined): LocalizedEntry {
  if (!tr) return e;
  const t = (field: string, key: string, english: string) => tr.texts[factRef(e.id, field, key)] ?? english;
  const localName = tr.names[e.id];
  return {
    ...e,
    ...(localName ? { localName } : {}),
    functions: e.functions.map((f) => ({ ...f, detail: t("functions", f.value, f.detail) })),
    notes: e.notes.map((n) => ({ ...n, text: t("notes", n.id, n.text) })),
    contacts: e.contacts.map((c) => ({ ...c, label: t("contacts", c.id, c.label) })),
  };
}

/**
 * The folded text an entry is searched by in `lang`: the English one, or the Spanish one built from the
 * entry localized with `tr` (default: the repository's translation). The store's `search_text` and
 * `search_text_es` columns hold exactly these, so the CLI and the API match the same words.
 */
export function entrySearchText(
  e: DirectoryEntry,
  lang: Lang,
  tr: DirectoryTranslation | undefined = directoryTranslation(lang),
): string {
  return lang === "en" ? searchText(e) : searchTextEs(localizeEntry(e, tr));
}

/** Text search in `lang` for `filterEntries`: the query's vocabulary and the entry texts in that language. */
export const inLanguage = (lang: Lang, tr?: DirectoryTranslation): TextSearch => ({
  lang,
  textOf: (e) => entrySearchText(e, lang, tr),
});
