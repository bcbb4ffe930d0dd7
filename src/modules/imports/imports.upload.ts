import type { FastifyRequest } from "fastify";
import { AppError, badRequest } from "../../server/errors.ts";
import { findUnsafeText } from "../../server/text-input.ts";
import { requireAuth } from "../auth/auth.context.ts";
import { type ImportFile, MAX_IMPORT_BYTES, MAX_IMPORT_FILES, MAX_MAPPING_BYTES } from "./imports.schema.ts";

const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;
const tooLarge = () =>
  new AppError(
    413,
    "file_too_large",
    `body.file: the upload is larger than the limit of ${mib(MAX_IMPORT_BYTES)} (${MAX_IMPORT_BYTES} bytes); split the file`,
  );
const hex = (n: number) => `U+${n.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Reads the multipart form of an import (text fields and the file parts, each read whole) into
 * `request.body` before validation, so the idempotency hook hashes what was sent and an upload over
 * the limit is refused (413) before anything is planned. The form's text is checked like every JSON
 * body (the root guard runs before this and sees no body). Anonymous callers are refused (401) first.
 */
export function readImportForm() {
  return async (request: FastifyRequest): Promise<void> => {
    // Signed-in callers only, before a byte of a large upload is read.
    requireAuth(request);
    if (!request.isMultipart())
      throw new AppError(
        415,
        "unsupported_media_type",
        "Send the import as multipart/form-data: the fields kind and dryRun, and the file in a field named file.",
      );
    const fields: Record<string, string> = {};
    const files: ImportFile[] = [];
    let total = 0;
    let problem: AppError | undefined;
    try {
      const parts = request.parts({
        limits: {
          fileSize: MAX_IMPORT_BYTES,
          files: MAX_IMPORT_FILES,
          fields: 10,
          fieldSize: MAX_MAPPING_BYTES,
          parts: MAX_IMPORT_FILES + 10,
        },
      });
      for await (const part of parts) {
        if (part.type === "file") {
          // Read even a misnamed part: the form must be consumed before the answer is sent.
          const data = await part.toBuffer();
          total += data.length;
          if (total > MAX_IMPORT_BYTES) throw tooLarge();
          if (part.fieldname !== "file")
            problem ??= badRequest(`body.${safeName(part.fieldname)}: send files in a field named file`);
          else files.push({ filename: part.filename ?? "", data });
          continue;
        }
        const name = safeName(part.fieldname);
        if (part.valueTruncated)
          problem ??= badRequest(`body.${name}: is longer than ${mib(MAX_MAPPING_BYTES)}`);
        else if (typeof part.value !== "string") problem ??= badRequest(`body.${name}: must be text`);
        else if (name in fields) problem ??= badRequest(`body.${name}: give it once`);
        else fields[name] = part.value;
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
      if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT")
        throw new AppError(413, "too_many_files", `body.file: send at most ${MAX_IMPORT_FILES} files`);
      if (code === "FST_FIELDS_LIMIT") throw badRequest("body: the form has too many fields");
      throw badRequest("body: the multipart form could not be read");
    }
    if (problem) throw problem;
    const bad = findUnsafeText(fields);
    if (bad)
      throw badRequest(
        `body.${bad.path || "field"}: must not contain control characters or invalid Unicode (found ${hex(bad.codePoint)}).`,
      );
    request.body = { ...fields, file: files };
  };
}

// A field name is echoed in an error only when it is a plain name.
const safeName = (name: string) => (/^[\w.-]{1,40}$/.test(name) ? name : "field");

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A file's text: UTF-8 (a leading byte order mark dropped), no NUL or other control character
 * (PostgreSQL cannot store NUL, and a spreadsheet never writes one): otherwise 400 naming the file,
 * since such a file is not a CSV or JSON export at all, rather than a file with bad rows.
 */
export function fileText(file: ImportFile, index: number, count: number): { name: string; text: string } {
  const which = count > 1 ? `body.file[${index}]` : "body.file";
  if (file.data.length === 0) throw badRequest(`${which}: the file is empty`);
  let text: string;
  try {
    text = utf8.decode(file.data);
  } catch {
    throw badRequest(`${which}: is not a text file in UTF-8 (save it as CSV UTF-8 or JSON)`);
  }
  const bad = findUnsafeText(text);
  if (bad)
    throw badRequest(
      `${which}: is not a CSV or JSON text file (it holds the control character ${hex(bad.codePoint)})`,
    );
  // A byte order mark (spreadsheets write one) would make JSON unreadable; the CSV reader drops it anyway.
  return { name: file.filename, text: text.replace(/^\uFEFF/, "") };
}
