import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CaseParams, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { ALLOWED_TYPES } from "./attachments.content-types.ts";
import { contentDisposition } from "./attachments.disposition.ts";
import {
  AttachmentList,
  AttachmentParams,
  AttachmentView,
  DeletedAttachment,
  DeleteQuery,
  UploadBody,
} from "./attachments.schema.ts";
import {
  deleteAttachment,
  downloadAttachment,
  listAttachments,
  uploadAttachment,
} from "./attachments.service.ts";
import { readUpload } from "./attachments.upload.ts";

const FileBytes = z.any().meta({ type: "string", format: "binary" });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * A downloaded file is never rendered by the browser: always a download, its type not sniffed, and a
 * policy under which, opened anyway, it can load nothing and run nothing.
 */
const DOWNLOAD_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; sandbox",
  "cache-control": "no-store",
  "cross-origin-resource-policy": "same-origin",
};

/** Attachments of a case: upload (multipart), list, download (never inline), delete. Thin. */
export async function attachmentsRoutes(app: FastifyInstance): Promise<void> {
  const maxBytes = app.config.HARBOR_ATTACHMENT_MAX_BYTES;
  // Multipart for these routes only (this plugin is encapsulated): every other route stays JSON.
  await app.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = { maxBytes, allowedTypes: ALLOWED_TYPES.map((t) => ({ ...t })) };

  r.post(
    "/api/v1/cases/:id/attachments",
    {
      preValidation: readUpload(maxBytes),
      schema: {
        tags: ["attachments"],
        summary: `Attach a file to a case (multipart/form-data, field "file"; encrypted at rest)`,
        description:
          "The content must be an allowed type (see the limits in the list) and agree with the declared type and the file name's extension: otherwise 415 naming what was detected. Larger than the limit: 413. Empty: 400.",
        consumes: ["multipart/form-data"],
        params: CaseParams,
        body: UploadBody,
        response: { 201: AttachmentView, 413: ErrorBody, 415: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const view = await uploadAttachment(app.store, callerOf(request), request.params.id, request.body.file);
      return reply.code(201).send(view);
    },
  );
  r.get(
    "/api/v1/cases/:id/attachments",
    {
      schema: {
        tags: ["attachments"],
        summary: "The attachments of a case, newest first, and what an upload may be",
        params: CaseParams,
        response: { 200: AttachmentList, ...errors },
      },
    },
    async (request) => ({
      attachments: await listAttachments(app.store, callerOf(request), request.params.id),
      limits,
    }),
  );
  r.get(
    "/api/v1/attachments/:id/content",
    {
      schema: {
        tags: ["attachments"],
        summary: "Download an attachment (always as a download, never shown inline)",
        params: AttachmentParams,
        response: {
          200: {
            description: "The file's bytes, with Content-Disposition: attachment.",
            content: { "application/octet-stream": { schema: FileBytes } },
          },
          500: ErrorBody,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const file = await downloadAttachment(app.store, callerOf(request), request.params.id);
      const type = file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType;
      return reply
        .headers(DOWNLOAD_HEADERS)
        .header("content-type", type)
        .header("content-disposition", contentDisposition(file.filename))
        .send(file.data);
    },
  );
  r.delete(
    "/api/v1/attachments/:id",
    {
      schema: {
        tags: ["attachments"],
        summary: "Delete an attachment for good, giving a reason code (audited)",
        params: AttachmentParams,
        querystring: DeleteQuery,
        response: { 200: DeletedAttachment, ...errors },
      },
    },
    async (request) =>
      deleteAttachment(app.store, callerOf(request), request.params.id, request.query.reason),
  );
}
