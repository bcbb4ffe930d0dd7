import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { fromRoot } from "../../paths.ts";
import type { Lang } from "./directory.lang.ts";
import {
  type CrimeType,
  type DirectoryEntry,
  DirectoryFileSchema,
  type DirectoryFunction,
  type Population,
  type Source,
} from "./directory.schema.ts";
import { matchesTerms, searchTerms, searchText } from "./directory.search.ts";

// Kept importable from here: the seed tests and older callers fold names with the catalog's helper.
export { foldText, searchText } from "./directory.search.ts";

/** Where the reviewed directory data lives in the repository. */
export const DIRECTORY_FILE = fromRoot("data", "directory", "directory.json");

/** A fact an entry states, addressable as `entryId#field/key` (see `factRef`), with its sources. */
export interface ResolvedFact {
  ref: string;
  entryId: string;
  sources: readonly Source[];
}

/** The loaded, validated and indexed directory. Pure data: no I/O after loading. */
export interface Catalog {
  version: string;
  /** sha256 of the file's text: the store rewrites its copy only when this changes. */
  hash: string;
  entries: readonly DirectoryEntry[];
  byId: ReadonlyMap<string, DirectoryEntry>;
  /** Every addressable fact by ref; routing rules cite these. */
  facts: ReadonlyMap<string, ResolvedFact>;
}

/** Raised when the directory data is invalid; the message names the entry and the field. */
export class DirectoryDataError extends Error {}

/** The address of one fact, e.g. `hhs-otip#functions/certification` or `uscis-vawa-unit#contacts/helpline`. */
export const factRef = (entryId: string, field: string, key?: string) =>
  key === undefined ? `${entryId}#${field}` : `${entryId}#${field}/${key}`;

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const [top, index, ...rest] = issue.path;
  if (top === "entries" && typeof index === "number") {
    const entries = (raw as { entries?: unknown[] }).entries ?? [];
    const id = (entries[index] as { id?: unknown } | undefined)?.id;
    const field = rest
      .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`))
      .join("");
    const who = typeof id === "string" ? `entry '${id}' (entries[${index}])` : `entries[${index}]`;
    return `${who} field ${field || "(entry)"}: ${issue.message}`;
  }
  return `field ${issue.path.join(".") || "(file)"}: ${issue.message}`;
}

function indexFacts(entries: readonly DirectoryEntry[]): Map<string, ResolvedFact> {
  const facts = new Map<string, ResolvedFact>();
  const add = (entryId: string, ref: string, sources: readonly Source[]) => {
    if (facts.has(ref))
      throw new DirectoryDataError(`entry '${entryId}': fact ${ref} is stated twice; merge its sources`);
    facts.set(ref, { ref, entryId, sources });
  };
  for (const e of entries) {
    add(e.id, factRef(e.id, "name"), e.nameSources);
    if (e.parent) add(e.id, factRef(e.id, "parent"), e.parent.sources);
    for (const f of e.functions) add(e.id, factRef(e.id, "functions", f.value), f.sources);
    for (const p of e.populations) add(e.id, factRef(e.id, "populations", p.value), p.sources);
    for (const c of e.crimeTypes) add(e.id, factRef(e.id, "crimeTypes", c.value), c.sources);
    for (const c of e.contacts) add(e.id, factRef(e.id, "contacts", c.id), c.sources);
    for (const n of e.notes) add(e.id, factRef(e.id, "notes", n.id), n.sources);
  }
  return facts;
}

/**
 * Validates and indexes directory data. Throws DirectoryDataError naming the entry and field of the first
 * problem: a schema violation, a duplicate id, a parent that does not exist, or a fact stated twice.
 */
export function buildCatalog(raw: unknown, hash = "unhashed"): Catalog {
  const parsed = DirectoryFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
    throw new DirectoryDataError(`Invalid directory data: ${describeIssue(first, raw)}${more}`);
  }
  const { entries, version } = parsed.data;
  const byId = new Map<string, DirectoryEntry>();
  for (const e of entries) {
    if (byId.has(e.id)) throw new DirectoryDataError(`Invalid directory data: entry '${e.id}' appears twice`);
    byId.set(e.id, e);
  }
  for (const e of entries) {
    if (e.parent && !byId.has(e.parent.id)) {
      throw new DirectoryDataError(
        `Invalid directory data: entry '${e.id}' field parent.id: no entry '${e.parent.id}'`,
      );
    }
  }
  return { version, hash, entries, byId, facts: indexFacts(entries) };
}

/** Reads, validates and indexes a directory file (default: the repository's `data/directory/directory.json`). */
export function loadCatalog(file: string = DIRECTORY_FILE): Catalog {
  const text = readFileSync(file, "utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DirectoryDataError(`Invalid directory data in ${file}: ${(error as Error).message}`);
  }
  return buildCatalog(raw, createHash("sha256").update(text).digest("hex"));
}

let cached: Catalog | undefined;
/** The repository's directory, loaded once per process. */
export function defaultCatalog(): Catalog {
  cached ??= loadCatalog();
  return cached;
}

/** Filters for listing the directory; every given filter must hold. */
export interface DirectoryFilter {
  function?: DirectoryFunction;
  population?: Population;
  crimeType?: CrimeType;
  /**
   * Free text: every word must start a word (accents and case ignored) of the name, abbreviation,
   * aliases, function details or notes, in the language searched; see directory.search.ts.
   */
  q?: string;
}

/** Whether an entry serves a population: it lists it, or `any`. */
export const servesPopulation = (e: DirectoryEntry, p: Population) =>
  e.populations.some((x) => x.value === p || x.value === "any");

/** How text is searched: the language of the query and the searchable text of an entry in it. */
export interface TextSearch {
  lang: Lang;
  textOf: (e: DirectoryEntry) => string;
}

/**
 * The entries matching every given filter, in file order (the API orders text matches by similarity).
 * `search` is English by default; `inLanguage(lang)` (directory.i18n.ts) searches another language, the
 * texts the store's column for that language holds.
 */
export function filterEntries(
  catalog: Catalog,
  filter: DirectoryFilter,
  search: TextSearch = { lang: "en", textOf: searchText },
): DirectoryEntry[] {
  const terms = searchTerms(filter.q, search.lang);
  return catalog.entries.filter((e) => {
    if (filter.function && !e.functions.some((f) => f.value === filter.function)) return false;
    if (filter.population && !servesPopulation(e, filter.population)) return false;
    if (filter.crimeType && !e.crimeTypes.some((c) => c.value === filter.crimeType)) return false;
    return terms.length === 0 || matchesTerms(terms, search.textOf(e));
  });
}
