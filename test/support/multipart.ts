import { randomBytes } from "node:crypto";

/** A 1×1 PNG, so a test can send real image bytes. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** A small but well-formed PDF whose text holds `marker`. */
export const pdfWith = (marker: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

/** The start of a Windows executable (DOS header): what file-type calls application/x-msdownload. */
export const EXE_BYTES = Buffer.concat([
  Buffer.from("4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000", "hex"),
  Buffer.alloc(64),
]);

/** A multipart/form-data body with one file part, as a browser's form sends it. */
export function multipartFile(
  filename: string,
  contentType: string,
  data: Buffer,
  field = "file",
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----harbortest${randomBytes(8).toString("hex")}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, "utf8"), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** A multipart/form-data body with text fields and any number of file parts (repeated names allowed). */
export function multipartForm(
  fields: Record<string, string>,
  files: { field?: string; filename: string; contentType?: string; data: Buffer | string }[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----harbortest${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        "utf8",
      ),
    );
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? "file"}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? "text/csv"}\r\n\r\n`,
        "utf8",
      ),
      Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, "utf8"),
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
