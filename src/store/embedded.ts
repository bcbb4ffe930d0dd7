import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDataFolderLock } from "./data-folder-lock.ts";

const SOCKET_PORT = 5432;

/** A PGlite database served on a private Unix socket, so the app (and a CLI beside it) use plain `pg`. */
export interface EmbeddedPostgres {
  /** Folder of the socket, as `pg` wants it in `host`. */
  socketDir: string;
  port: number;
  stop(): Promise<void>;
}

async function serve(pglite: PGlite, socketDir: string): Promise<PGLiteSocketServer> {
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  rmSync(socketPath, { force: true });
  // The multiplexer keeps a transaction's statements together, so several pool connections are safe.
  const server = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 16 });
  await server.start();
  return server;
}

function createPGlite(dataDir?: string) {
  return PGlite.create({ dataDir, extensions: { pg_trgm, fuzzystrmatch } });
}

/**
 * Opens the embedded store in `dataDir` for this process alone (see data-folder-lock.ts).
 * The database lives in `dataDir/db`; the socket in `dataDir/run`.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const socketDir = path.join(dataDir, "run");
  const release = acquireDataFolderLock(dataDir, { socketDir });
  try {
    const pglite = await createPGlite(path.join(dataDir, "db"));
    const server = await serve(pglite, socketDir);
    return {
      socketDir,
      port: SOCKET_PORT,
      async stop() {
        await server.stop();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** An in-memory PGlite for tests: nothing on disk but its socket, removed on stop. */
export async function startMemoryPostgres(): Promise<EmbeddedPostgres> {
  const socketDir = path.join(tmpdir(), `harbor-pg-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const pglite = await createPGlite();
  const server = await serve(pglite, socketDir);
  return {
    socketDir,
    port: SOCKET_PORT,
    async stop() {
      await server.stop();
      await pglite.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
