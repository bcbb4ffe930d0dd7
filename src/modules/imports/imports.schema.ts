import { z } from "zod";
import { badRequest } from "../../server/errors.ts";

export const IMPORT_KINDS = ["csv", "htcds"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * The largest upload (all its files together). A CSV of 20,000 persons (MAX_IMPORT_PERSONS) with every
 * field filled is about 10 MiB; this leaves room for long narratives without holding more in memory
 * than one request should.
 */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** HTCDS as one file a table: six tables, and a little room. */
export const MAX_IMPORT_FILES = 8;
/** A mapping is small, but the template it is edited from carries every allowed code. */
export const MAX_MAPPING_BYTES = 1024 * 1024;
/** The row errors a 422 lists; the message gives the total. */
export const MAX_LISTED_ERRORS = 1000;

/** One uploaded file, read whole before validation (imports.upload.ts). */
export interface ImportFile {
  filename: string;
  data: Buffer;
}
export const isImportFile = (v: unknown): v is ImportFile =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as ImportFile).filename === "string" &&
  Buffer.isBuffer((v as ImportFile).data);

const Binary = z
  .custom<ImportFile>(isImportFile, { message: "a file is required" })
  .meta({ type: "string", format: "binary" });

export const ImportBody = z.object({
  kind: z.enum(IMPORT_KINDS).meta({
    description: "csv: one person a row (see the template); htcds: the tables `harbor export htcds` writes",
  }),
  dryRun: z
    .enum(["true", "false"])
    .optional()
    .meta({ description: "true: check everything and say what would be created; change nothing" }),
  mapping: z.string().optional().meta({
    description:
      'JSON text `{ "columns": { "<Harbor field>": "<your column>" } }`, as the template gives it (GET /api/v1/imports/template)',
  }),
  file: z
    .array(Binary)
    .min(1, { message: "a file is required (multipart field named file)" })
    .max(MAX_IMPORT_FILES)
    .meta({
      description:
        "csv: one file. htcds: one file (JSON, or the sectioned CSV with `# table` lines), or one file a table named <table>.csv",
    }),
});
export type ImportBodyT = z.infer<typeof ImportBody>;

/** The mapping's `columns` (the CLI's --mapping file, sent as text); 400 naming the field otherwise. */
export function parseMapping(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest("body.mapping: is not valid JSON");
  }
  const parsed = MappingJson.safeParse(json);
  if (!parsed.success)
    throw badRequest('body.mapping: needs "columns": { "<Harbor field>": "<your column>" } (text values)');
  return parsed.data.columns;
}
const MappingJson = z.object({ columns: z.record(z.string(), z.string().max(200)) });

export const TemplateQuery = z.strictObject({ kind: z.enum(IMPORT_KINDS) });

export const TemplateView = z.object({
  kind: z.enum(IMPORT_KINDS),
  about: z.string(),
  columns: z.record(z.string(), z.string()),
  fields: z.array(
    z.object({
      field: z.string(),
      entity: z.string().optional(),
      type: z.string().optional(),
      required: z.boolean().optional(),
      codes: z.array(z.string()).optional(),
      about: z.string().optional(),
    }),
  ),
});

const Counts = z.object({
  cases: z.number().int(),
  persons: z.number().int(),
  personsByRole: z.record(z.string(), z.number().int()),
  charges: z.number().int(),
  events: z.number().int(),
});

export const DryRunView = z.object({
  dryRun: z.literal(true),
  wouldCreate: Counts,
  notes: z.array(z.string()),
});
export const ImportedView = z.object({
  dryRun: z.literal(false),
  created: Counts,
  notes: z.array(z.string()),
});

export const RowErrorView = z.object({
  table: z.string().optional(),
  row: z.number().int().meta({ description: "the line as the file numbers it (0: the file as a whole)" }),
  column: z.string(),
  message: z.string(),
});
export const ImportInvalidBody = z.object({
  error: z.object({
    code: z.literal("import_invalid"),
    message: z.string(),
    rows: z.array(RowErrorView),
    /** How many problems there are (rows lists at most MAX_LISTED_ERRORS of them). */
    total: z.number().int(),
  }),
});
