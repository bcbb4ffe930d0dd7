/**
 * The `Content-Disposition` of a download (RFC 6266): always `attachment`, never `inline`, with the
 * name twice: `filename=` an ASCII fallback in a quoted string (no quote, backslash or control
 * character can end it early or inject a header), and `filename*=` the exact name in UTF-8,
 * percent-encoded (RFC 8187), which every current browser prefers.
 */
export function contentDisposition(filename: string): string {
  return `attachment; filename="${asciiFallback(filename)}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}

/** The name with everything but safe printable ASCII replaced by "_" (never empty). */
export function asciiFallback(filename: string): string {
  const safe = filename.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const ascii = [...safe].map((ch) => (/^[A-Za-z0-9 ._()[\]+,=@-]$/.test(ch) ? ch : "_")).join("");
  return ascii.trim() || "attachment";
}

/** RFC 8187 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
export function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The name an upload is stored under: the last path segment only (some clients send a full path),
 * trimmed. Undefined when nothing usable is left.
 */
export function storedFilename(given: string): string | undefined {
  const base = given.split(/[\\/]/).pop()?.trim() ?? "";
  return base && base !== "." && base !== ".." ? base : undefined;
}
