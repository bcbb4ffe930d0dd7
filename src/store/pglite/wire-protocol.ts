/**
 * Just enough of the PostgreSQL frontend/backend protocol (v3) to cut a client's byte stream into
 * whole messages and tell where a unit of work may end. The messages themselves go to PGlite as
 * they came.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** Sync and simple Query are the only messages after which the backend reports ReadyForQuery. */
const UNIT_ENDS = new Set(["S".charCodeAt(0), "Q".charCodeAt(0)]);
const TERMINATE = "X".charCodeAt(0);

export type FrontendMessage =
  | { kind: "startup"; bytes: Buffer; endsUnitOfWork: true }
  | { kind: "encryption-request"; bytes: Buffer; endsUnitOfWork: false }
  | { kind: "cancel" | "terminate"; bytes: Buffer; endsUnitOfWork: false }
  | { kind: "query"; bytes: Buffer; endsUnitOfWork: boolean };

/**
 * Splits `buffer` into the complete messages it holds and the incomplete rest. Before the startup
 * message, messages carry no type byte (startup, SSL/GSS encryption requests, cancel requests).
 */
export function readFrontendMessages(
  buffer: Buffer,
  started: boolean,
): { messages: FrontendMessage[]; rest: Buffer } {
  const messages: FrontendMessage[] = [];
  let offset = 0;
  let inStartup = !started;
  while (true) {
    const available = buffer.length - offset;
    if (inStartup) {
      if (available < 8) break;
      const length = buffer.readInt32BE(offset);
      if (available < length) break;
      const code = buffer.readInt32BE(offset + 4);
      const bytes = buffer.subarray(offset, offset + length);
      offset += length;
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        messages.push({ kind: "encryption-request", bytes, endsUnitOfWork: false });
      } else if (code === CANCEL_REQUEST) {
        messages.push({ kind: "cancel", bytes, endsUnitOfWork: false });
        break;
      } else {
        messages.push({ kind: "startup", bytes, endsUnitOfWork: true });
        inStartup = false;
      }
      continue;
    }
    if (available < 5) break;
    const length = 1 + buffer.readInt32BE(offset + 1);
    if (available < length) break;
    const type = buffer[offset]!;
    const bytes = buffer.subarray(offset, offset + length);
    offset += length;
    if (type === TERMINATE) {
      messages.push({ kind: "terminate", bytes, endsUnitOfWork: false });
      break;
    }
    messages.push({ kind: "query", bytes, endsUnitOfWork: UNIT_ENDS.has(type) });
  }
  // Copy the rest: the caller keeps it while the original chunk may be reused.
  return { messages, rest: Buffer.from(buffer.subarray(offset)) };
}

/** A simple Query message for `text`. */
export function simpleQuery(text: string): Buffer {
  const body = Buffer.from(`${text}\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("Q", 0, "latin1");
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

/** A FATAL ErrorResponse with an SQLSTATE code and message, as the server would send. */
export function errorResponse(sqlState: string, message: string): Buffer {
  const fields = ["SFATAL", "VFATAL", `C${sqlState}`, `M${message}`].map((f) =>
    Buffer.from(`${f}\0`, "utf8"),
  );
  const body = Buffer.concat([...fields, Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write("E", 0, "latin1");
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}
