import type { FastifyRequest } from "fastify";
import { AppError, badRequest } from "../../server/errors.ts";
import { findUnsafeText } from "../../server/text-input.ts";
import { storedFilename } from "./attachments.disposition.ts";

/** One uploaded file, read whole (it is encrypted as one piece), as the upload route's body holds it. */
export interface UploadedFile {
  filename: string;
  declaredType: string;
  data: Buffer;
}

export const isUploadedFile = (v: unknown): v is UploadedFile =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as UploadedFile).filename === "string" &&
  typeof (v as UploadedFile).declaredType === "string" &&
  Buffer.isBuffer((v as UploadedFile).data);

const MAX_FILENAME = 255;

export const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

const tooLarge = (maxBytes: number) =>
  new AppError(
    413,
    "file_too_large",
    `The file is larger than the limit of ${megabytes(maxBytes)} (${maxBytes} bytes).`,
  );

/**
 * Reads the one file of a multipart upload into `request.body.file` before validation, so the
 * idempotency hook hashes what was sent (a retry with other bytes under the same key is refused)
 * and nothing is stored when the file is too large (413), missing or empty (400).
 */
export function readUpload(maxBytes: number) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.isMultipart())
      throw new AppError(
        415,
        "unsupported_media_type",
        "Send the file as multipart/form-data, in a field named file.",
      );
    let part: Awaited<ReturnType<FastifyRequest["file"]>>;
    let data: Buffer;
    try {
      part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024 } });
      if (!part) throw badRequest("body.file: a file is required (multipart field named file).");
      if (part.fieldname !== "file") throw badRequest("body.file: send the file in a field named file.");
      data = await part.toBuffer();
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(maxBytes);
      if (code === "FST_FILES_LIMIT") throw new AppError(413, "too_many_files", "Send one file per upload.");
      throw badRequest("body: the multipart form could not be read.");
    }
    if (data.length === 0) throw badRequest("body.file: the file is empty.");
    const filename = storedFilename(part.filename ?? "");
    if (!filename) throw badRequest("body.file: the file needs a name.");
    if (filename.length > MAX_FILENAME)
      throw badRequest(`body.file: the file name is longer than ${MAX_FILENAME} characters.`);
    if (findUnsafeText(filename))
      throw badRequest("body.file: the file name must not contain control characters or invalid Unicode.");
    const file: UploadedFile = { filename, declaredType: part.mimetype ?? "", data };
    request.body = { file };
  };
}
