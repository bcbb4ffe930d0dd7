import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Duplex } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { acquireDataFolderLock } from "./data-folder-lock.ts";
import { PGliteWireServer } from "./pglite/wire-server.ts";

/** The port number in the socket's file name (`.s.PGSQL.<port>`), as `pg` and psql expect it. */
export const EMBEDDED_SOCKET_PORT = 5432;

/**
 * A PGlite database that many `pg` connections can use at once, each unit of work alone on the
 * backend (see pglite/session-gate.ts). Connections inside this process use in-memory streams; with a
 * data folder, other processes (the CLI) reach it through a private Unix socket.
 */
export interface EmbeddedPostgres {
  /** A new connection, for `pg`'s `stream` option. */
  connect(): Duplex;
  /** Folder of the socket, as `pg` wants it in `host`; only for an on-disk store. */
  socketDir?: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** How long a connection may sit idle inside a transaction while others wait (default 10 s). */
  idleInTransactionMs?: number;
}

function createPGlite(dataDir?: string) {
  return PGlite.create({ dataDir, extensions: { pg_trgm, fuzzystrmatch } });
}

/**
 * Opens the embedded store in `dataDir` for this process alone (see data-folder-lock.ts).
 * The database lives in `dataDir/db`; the socket in `dataDir/run`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedPostgres> {
  const socketDir = path.join(dataDir, "run");
  const release = acquireDataFolderLock(dataDir, { socketDir });
  try {
    const pglite = await createPGlite(path.join(dataDir, "db"));
    const server = new PGliteWireServer(pglite, options);
    mkdirSync(socketDir, { recursive: true, mode: 0o700 });
    await server.listen(path.join(socketDir, `.s.PGSQL.${EMBEDDED_SOCKET_PORT}`));
    return {
      socketDir,
      connect: () => server.connectInProcess(),
      async stop() {
        try {
          await server.stop();
          await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** An in-memory PGlite for tests: nothing on disk, reached only from this process. */
export async function startMemoryPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  const pglite = await createPGlite();
  const server = new PGliteWireServer(pglite, options);
  return {
    connect: () => server.connectInProcess(),
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
