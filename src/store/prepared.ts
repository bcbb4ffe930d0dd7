import { randomBytes } from "node:crypto";
import type pg from "pg";

/**
 * Statements that start with this comment are prepared once per connection (a named statement) and
 * then only bound and executed: no parse, and after PostgreSQL's first few custom plans, no planning.
 * For hot statements whose text never varies and whose plan does not depend on the values (look-ups by
 * key, inserts): the tip intake's read and write, the audit append, the API token check. Planning is
 * much of what a short statement costs on the embedded store's WebAssembly backend. Only the embedded
 * store prepares them (store.ts): on a PostgreSQL server planning is cheap, and the one-organization
 * intake benchmark measured slower with them prepared (300 tips/s, p99 200 ms, against 428 and 84).
 */
export const PREPARE = "/* prepared */ ";

/** Named statements per connection at most; a connection past it runs further texts unprepared. */
const MAX_PER_CONNECTION = 64;
let connections = 0;
/**
 * The embedded store's one backend session also serves other processes (the CLI beside a running
 * server, over its socket), whose connection counters start at 1 too: names carry this process's mark.
 */
const PROCESS_MARK = randomBytes(6).toString("hex");

/**
 * Makes a `pg` client prepare the marked statements. Names are unique across processes, not only in
 * the connection: the embedded store serves every connection from ONE backend session, where each
 * connection's statements live side by side (its wire session deallocates them when it leaves).
 */
export function prepareMarkedStatements(client: pg.PoolClient): void {
  const id = ++connections;
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== "string" || !text.startsWith(PREPARE)) return query(text, values, callback);
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= MAX_PER_CONNECTION) return query(text, values, callback);
      name = `harbor_${PROCESS_MARK}_${id}_${names.size}`;
      names.set(text, name);
    }
    return query({ name, text, values }, callback);
  }) as typeof client.query;
}
