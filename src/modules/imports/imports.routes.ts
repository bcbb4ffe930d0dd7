import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { badRequest } from "../../server/errors.ts";
import { HTCDS_TABLES } from "../../stats/exports/htcds.ts";
import { requireAuth } from "../auth/auth.context.ts";
import { ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { mappingTemplate } from "./imports.fields.ts";
import { ImportInvalid } from "./imports.plan.ts";
import {
  DryRunView,
  ImportBody,
  ImportedView,
  ImportInvalidBody,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_FILES,
  MAX_LISTED_ERRORS,
  parseMapping,
  TemplateQuery,
  TemplateView,
} from "./imports.schema.ts";
import { importFiles } from "./imports.service.ts";
import { fileText, readImportForm } from "./imports.upload.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** Imports over HTTP: the CLI's planner and the same one-transaction service behind them. Thin. */
export async function importsRoutes(app: FastifyInstance): Promise<void> {
  // Multipart for these routes only (this plugin is encapsulated): every other route stays JSON.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: MAX_IMPORT_FILES } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/v1/imports",
    {
      preValidation: readImportForm(),
      schema: {
        tags: ["imports"],
        summary: "Import cases and persons from a CSV or HTCDS tables (multipart/form-data; all or nothing)",
        description:
          "The same import as `harbor import csv|htcds`, as the signed-in user (who must be allowed to open cases): " +
          "every row is checked first, then everything is written in one transaction, audited (`import.run`). " +
          "`dryRun=true` does all of it and rolls back: 200 with `wouldCreate`. An import answers 201 with `created`. " +
          "A file with bad rows answers 422 listing each problem by table, row and column, and changes nothing. " +
          `Uploads are limited to ${MAX_IMPORT_BYTES} bytes (32 MiB) and ${MAX_IMPORT_FILES} files (413); ` +
          "a file that is not UTF-8 text, an unknown kind or a mapping that is not JSON: 400 naming the field.",
        consumes: ["multipart/form-data"],
        body: ImportBody,
        response: {
          200: DryRunView,
          201: ImportedView,
          413: ErrorBody,
          415: ErrorBody,
          // The file's problems, or the idempotency hook's refusal of a reused key.
          422: z.union([ImportInvalidBody, ErrorBody]),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { kind, dryRun, file } = request.body;
      if (kind === "csv" && file.length > 1) throw badRequest("body.file: a CSV import takes one file");
      const mapping = parseMapping(request.body.mapping);
      const files = file.map((f, i) => fileText(f, i, file.length));
      try {
        const out = await importFiles(app.store, callerOf(request), {
          kind,
          files,
          mapping,
          dryRun: dryRun === "true",
        });
        if (out.dryRun)
          return reply.code(200).send({ dryRun: true, wouldCreate: out.wouldCreate!, notes: out.notes });
        return reply.code(201).send({ dryRun: false, created: out.created!, notes: out.notes });
      } catch (e) {
        if (!(e instanceof ImportInvalid)) throw e;
        const listed =
          e.errors.length > MAX_LISTED_ERRORS ? ` (the first ${MAX_LISTED_ERRORS} are listed)` : "";
        return reply.code(422).send({
          error: {
            code: "import_invalid",
            message: `${e.message}${listed}`,
            rows: e.errors.slice(0, MAX_LISTED_ERRORS),
            total: e.errors.length,
          },
        });
      }
    },
  );

  r.get(
    "/api/v1/imports/template",
    {
      schema: {
        tags: ["imports"],
        summary:
          "The mapping template of an import kind: Harbor's fields, their allowed codes, columns to edit",
        description:
          "The same as `harbor import template csv|htcds`. Edit `columns` (Harbor field → your column) and send it " +
          "back as the `mapping` of POST /api/v1/imports.",
        querystring: TemplateQuery,
        response: { 200: TemplateView, ...errors },
      },
    },
    async (request) => {
      requireAuth(request);
      const template = mappingTemplate(request.query.kind, HTCDS_TABLES);
      const fields: { field: string; codes?: readonly string[] }[] = [...template.fields];
      return {
        kind: template.kind,
        about: template.about,
        columns: template.columns as Record<string, string>,
        fields: fields.map((f) => ({ ...f, codes: f.codes ? [...f.codes] : undefined })),
      };
    },
  );
}
