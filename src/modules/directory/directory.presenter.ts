import { z } from "zod";
import { directoryTranslation, localizeEntry } from "./directory.i18n.ts";
import type { Lang } from "./directory.lang.ts";
import {
  CrimeTypeSchema,
  type DirectoryEntry,
  FunctionSchema,
  KindSchema,
  PopulationSchema,
  RequesterSchema,
  type Source,
} from "./directory.schema.ts";

/** A source as the API shows it: tagged by `kind` so clients can tell seed, inferred and external apart. */
export const SourceView = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("seed"), quote: z.string() }),
  z.object({ kind: z.literal("inferred"), reason: z.string(), quote: z.string().optional() }),
  z.object({
    kind: z.literal("external"),
    reference: z.string(),
    citation: z.string(),
    url: z.string().optional(),
    toVerify: z.boolean().optional(),
  }),
]);
const sources = z.array(SourceView);

/** One directory entry in API and CLI output. */
export const EntryView = z.object({
  id: z.string(),
  name: z.string().describe("the official (English) name"),
  localName: z
    .string()
    .optional()
    .describe("the name's rendering in the requested language, where an official one is in common use"),
  abbreviation: z.string().nullable(),
  aliases: z.array(z.string()),
  kind: KindSchema,
  nameSources: sources,
  parent: z.object({ id: z.string(), sources }).nullable(),
  children: z.array(z.string()).optional(),
  functions: z.array(
    z.object({
      value: FunctionSchema,
      detail: z.string(),
      populations: z.array(PopulationSchema).optional(),
      requesters: z.array(RequesterSchema).optional(),
      sources,
    }),
  ),
  populations: z.array(z.object({ value: PopulationSchema, sources })),
  crimeTypes: z.array(z.object({ value: CrimeTypeSchema, sources })),
  contacts: z.array(
    z.object({ id: z.string(), type: z.string(), value: z.string(), label: z.string(), sources }),
  ),
  notes: z.array(z.object({ id: z.string(), text: z.string(), sources })),
});
export type EntryView = z.infer<typeof EntryView>;

export const DirectoryListView = z.object({ count: z.number().int(), entries: z.array(EntryView) });

function presentSource(s: Source): z.infer<typeof SourceView> {
  if ("external" in s) {
    const { reference, citation, url, toVerify } = s;
    return {
      kind: "external",
      reference,
      citation,
      ...(url ? { url } : {}),
      ...(toVerify ? { toVerify } : {}),
    };
  }
  if ("inferred" in s) return { kind: "inferred", reason: s.reason, ...(s.quote ? { quote: s.quote } : {}) };
  return { kind: "seed", quote: s.quote };
}

/**
 * Presents an entry field by field (an allow-list: nothing else in the stored row leaves the server), with
 * its prose in `lang`. Translation happens here, at presentation, so the store keeps one English copy.
 */
export function presentEntry(raw: DirectoryEntry, children?: string[], lang: Lang = "en"): EntryView {
  const e = localizeEntry(raw, directoryTranslation(lang));
  const src = (xs: readonly Source[]) => xs.map(presentSource);
  return {
    id: e.id,
    name: e.name,
    ...(e.localName ? { localName: e.localName } : {}),
    abbreviation: e.abbreviation,
    aliases: e.aliases,
    kind: e.kind,
    nameSources: src(e.nameSources),
    parent: e.parent ? { id: e.parent.id, sources: src(e.parent.sources) } : null,
    ...(children ? { children } : {}),
    functions: e.functions.map((f) => ({
      value: f.value,
      detail: f.detail,
      ...(f.populations ? { populations: f.populations } : {}),
      ...(f.requesters ? { requesters: f.requesters } : {}),
      sources: src(f.sources),
    })),
    populations: e.populations.map((p) => ({ value: p.value, sources: src(p.sources) })),
    crimeTypes: e.crimeTypes.map((c) => ({ value: c.value, sources: src(c.sources) })),
    contacts: e.contacts.map((c) => ({
      id: c.id,
      type: c.type,
      value: c.value,
      label: c.label,
      sources: src(c.sources),
    })),
    notes: e.notes.map((n) => ({ id: n.id, text: n.text, sources: src(n.sources) })),
  };
}

/** The list response, with entry prose in `lang`. */
export const presentList = (entries: DirectoryEntry[], lang: Lang = "en") => ({
  count: entries.length,
  entries: entries.map((e) => presentEntry(e, undefined, lang)),
});
