import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../../server/errors.ts";

/** A type of file a case may hold: its content type and the file name extensions it goes by. */
export interface AllowedType {
  contentType: string;
  extensions: string[];
}

/**
 * The allow-list. Documents and pictures a caseworker attaches (scans, photos, letters, tables);
 * nothing that runs (executables, scripts, HTML, SVG) and no archives, since what is inside cannot
 * be checked. Binary types are recognised by their content (file-type's magic-byte detection);
 * plain text is what has no such signature and decodes as UTF-8 without control characters.
 */
export const ALLOWED_TYPES: readonly AllowedType[] = [
  { contentType: "application/pdf", extensions: ["pdf"] },
  { contentType: "image/png", extensions: ["png"] },
  { contentType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  { contentType: "image/gif", extensions: ["gif"] },
  { contentType: "image/webp", extensions: ["webp"] },
  { contentType: "image/heic", extensions: ["heic", "heif"] },
  { contentType: "image/heif", extensions: ["heif", "heic"] },
  {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  { contentType: "text/plain", extensions: ["txt"] },
];

/** What a browser or client sends when it does not know the type: the content decides then. */
const UNDECLARED = new Set(["", "application/octet-stream"]);
/** Aliases clients send for an allowed type. */
const ALIASES: Record<string, string> = { "image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg" };
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what marks binary content
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;
/** Markup a browser would render: never "plain text", whatever the file is called. */
const MARKUP = /^\s*<(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml)\b/i;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** What the content is, as far as Harbor can tell: a content type and, for binaries, an extension. */
export async function detectContent(data: Buffer): Promise<{ contentType: string; extension?: string }> {
  const found = await fileTypeFromBuffer(data);
  if (found) return { contentType: found.mime, extension: found.ext };
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return { contentType: "application/octet-stream" };
  }
  if (CONTROL.test(text)) return { contentType: "application/octet-stream" };
  if (MARKUP.test(text)) return { contentType: /^\s*<\?xml/i.test(text) ? "application/xml" : "text/html" };
  return { contentType: "text/plain" };
}

/** The extension of a file name, lower case, without the dot ("" when it has none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
}

const unsupported = (message: string) => new AppError(415, "unsupported_file_type", message);

/**
 * The checked content type of an upload: what its bytes are must be on the allow-list, and agree with
 * the type it was sent as and with its file name's extension. Otherwise 415 naming what was detected.
 */
export async function checkedContentType(
  data: Buffer,
  filename: string,
  declaredType: string,
): Promise<string> {
  const detected = await detectContent(data);
  const allowed = ALLOWED_TYPES.find((t) => t.contentType === detected.contentType);
  const what = detected.extension ? `${detected.contentType} (.${detected.extension})` : detected.contentType;
  if (!allowed)
    throw unsupported(
      `The file's content is ${what}, which is not an allowed type (allowed: PDF, PNG, JPEG, GIF, WebP, HEIC, DOCX, XLSX, plain text).`,
    );
  const declared = declaredType.split(";")[0]!.trim().toLowerCase();
  const normal = ALIASES[declared] ?? declared;
  if (!UNDECLARED.has(normal) && normal !== detected.contentType)
    throw unsupported(`The file was sent as ${declared}, but its content is ${what}.`);
  const extension = extensionOf(filename);
  if (!allowed.extensions.includes(extension))
    throw unsupported(
      `The file name ends in ${extension ? `.${extension}` : "no extension"}, but its content is ${what} (expected .${allowed.extensions.join(" or .")}).`,
    );
  return detected.contentType;
}
