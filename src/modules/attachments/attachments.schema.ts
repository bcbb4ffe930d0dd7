import { z } from "zod";
import { isUploadedFile, type UploadedFile } from "./attachments.upload.ts";

export const AttachmentParams = z.object({ id: z.uuid() });

/** The upload: one file in the multipart field `file` (read before validation: attachments.upload.ts). */
export const UploadBody = z.object({
  file: z.custom<UploadedFile>(isUploadedFile, { message: "a file is required" }).meta({
    type: "string",
    format: "binary",
    description: "The file (PDF, PNG, JPEG, GIF, WebP, HEIC, DOCX, XLSX or plain text).",
  }),
});

/** Why an attachment is deleted: a code (the audit keeps it), never free text. */
export const DELETE_REASONS = ["uploaded_in_error", "wrong_case", "duplicate", "retention"] as const;
export const DeleteQuery = z.strictObject({ reason: z.enum(DELETE_REASONS) });

export const AttachmentView = z.object({
  id: z.string(),
  caseId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
  /** Where to download it (always as an attachment, never shown inline). */
  contentUrl: z.string(),
});
export type AttachmentViewT = z.infer<typeof AttachmentView>;

/** What an upload must be: the web shows it beside the form. */
export const AttachmentLimits = z.object({
  maxBytes: z.number().int(),
  allowedTypes: z.array(z.object({ contentType: z.string(), extensions: z.array(z.string()) })),
});

export const AttachmentList = z.object({
  attachments: z.array(AttachmentView),
  limits: AttachmentLimits,
});

export const DeletedAttachment = z.object({ id: z.string(), deleted: z.literal(true) });
