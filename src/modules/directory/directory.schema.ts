import { z } from "zod";
import { CRIME_TYPES, FUNCTIONS, POPULATIONS } from "./directory.vocabulary.ts";

export { CRIME_TYPES, FUNCTIONS, POPULATIONS };

/**
 * The directory's data contract. `data/directory/directory.json` is parsed with `DirectoryFileSchema` when
 * it is loaded; its vocabularies (directory.vocabulary.ts) are also the values the API filters, the routing
 * rules and the web pages use, so they live in one place.
 */
export const FunctionSchema = z.enum(FUNCTIONS);
export type DirectoryFunction = z.infer<typeof FunctionSchema>;

export const PopulationSchema = z.enum(POPULATIONS);
export type Population = z.infer<typeof PopulationSchema>;

export const CrimeTypeSchema = z.enum(CRIME_TYPES);
export type CrimeType = z.infer<typeof CrimeTypeSchema>;

/** Entry kinds, from the issue ("task force" and "non-federal partner" written with underscores). */
export const KINDS = [
  "department",
  "agency",
  "unit",
  "section",
  "program",
  "task_force",
  "campaign",
  "hotline",
  "center",
  "publication",
  "non_federal_partner",
] as const;
export const KindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof KindSchema>;

/** Who asks (the routing facts' `requester`); a function may be open to some requesters only. */
export const REQUESTERS = [
  "law_enforcement",
  "prosecutor",
  "service_provider",
  "attorney",
  "victim",
  "public",
  "researcher",
  "government",
] as const;
export const RequesterSchema = z.enum(REQUESTERS);
export type Requester = z.infer<typeof RequesterSchema>;

const text = z.string().trim().min(1);

/** A fact stated by the seed: `quote` is an exact sentence of the seed file (a test checks it). */
export const SeedSourceSchema = z.strictObject({ quote: text });
/** A fact the seed implies but does not state: the reason, and the seed sentence it rests on if any. */
export const InferredSourceSchema = z.strictObject({
  inferred: z.literal(true),
  reason: text,
  quote: text.optional(),
});
/** A fact from outside the seed (domain.md), with its citation; `toVerify` where domain.md says "(to verify)". */
export const ExternalSourceSchema = z.strictObject({
  external: z.literal(true),
  reference: text,
  citation: text,
  url: z.url().optional(),
  toVerify: z.literal(true).optional(),
});
export const SourceSchema = z.union([SeedSourceSchema, InferredSourceSchema, ExternalSourceSchema]);
export type Source = z.infer<typeof SourceSchema>;

const sources = z.array(SourceSchema).min(1, "every fact needs at least one source");

/** One thing an entry does, with the populations or requesters it is limited to when narrower than the entry's. */
export const FunctionFactSchema = z.strictObject({
  value: FunctionSchema,
  detail: text,
  populations: z.array(PopulationSchema).min(1).optional(),
  requesters: z.array(RequesterSchema).min(1).optional(),
  sources,
});
export const PopulationFactSchema = z.strictObject({ value: PopulationSchema, sources });
export const CrimeTypeFactSchema = z.strictObject({ value: CrimeTypeSchema, sources });
export const ContactSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  type: z.enum(["phone", "sms", "email", "web"]),
  value: text,
  label: text,
  sources,
});
/** A further fact (a deadline, a criterion) that rules cite, keyed by a short id. */
export const NoteSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), text, sources });

export const EntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case words joined by hyphens"),
  name: text,
  abbreviation: text.nullable(),
  aliases: z.array(text),
  kind: KindSchema,
  nameSources: sources,
  parent: z.strictObject({ id: z.string(), sources }).nullable(),
  functions: z.array(FunctionFactSchema),
  populations: z.array(PopulationFactSchema).min(1, "say whom the entry serves (use any when unrestricted)"),
  crimeTypes: z.array(CrimeTypeFactSchema),
  contacts: z.array(ContactSchema),
  notes: z.array(NoteSchema),
});
export type DirectoryEntry = z.infer<typeof EntrySchema>;
export type FunctionFact = z.infer<typeof FunctionFactSchema>;

export const DirectoryFileSchema = z.strictObject({
  version: text,
  seed: text,
  entries: z.array(EntrySchema).min(1),
});
export type DirectoryFile = z.infer<typeof DirectoryFileSchema>;
