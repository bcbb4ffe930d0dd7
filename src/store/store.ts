import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Config } from "../config.ts";
import { liveLockOwner } from "./data-folder-lock.ts";
import {
  EMBEDDED_SOCKET_PORT,
  type EmbeddedOptions,
  type EmbeddedPostgres,
  startEmbeddedPostgres,
  startMemoryPostgres,
} from "./embedded.ts";
import { prepareMarkedStatements } from "./prepared.ts";
import type { Database } from "./schema.ts";

// Postgres `date` columns stay strings (YYYY-MM-DD): turning them into local-time Dates shifts days.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type StoreKind = "pglite" | "pglite-shared" | "postgres";

/** An open database: the typed query builder and how to close it. */
export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  /** Where the data is, for people (never includes a password). */
  description: string;
  close(): Promise<void>;
}

function kyselyOver(
  poolConfig: pg.PoolConfig,
  options: { prepare?: boolean } = {},
): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({ max: 8, ...poolConfig });
  // A lost connection (the server restarting, or ending a session idle in its transaction) fails the
  // queries that were using it; it must not also crash the process as an unhandled 'error' event,
  // which pg emits on checked-out clients too.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    client.on("error", () => {});
    if (options.prepare) prepareMarkedStatements(client);
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

function fromEmbedded(embedded: EmbeddedPostgres, kind: StoreKind, description: string): Store {
  const { db } = kyselyOver(
    { stream: () => embedded.connect(), user: "postgres", database: "postgres" },
    { prepare: true },
  );
  return {
    db,
    kind,
    description,
    async close() {
      await db.destroy();
      await embedded.stop();
    },
  };
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres";
  }
}

/** Connects to a PostgreSQL server by URL. */
export function openPostgres(url: string): Store {
  const { db } = kyselyOver({ connectionString: url });
  return {
    db,
    kind: "postgres",
    description: `PostgreSQL at ${withoutPassword(url)}`,
    close: () => db.destroy(),
  };
}

/**
 * Opens Harbor's store as configured: PostgreSQL when DATABASE_URL is set, otherwise the embedded
 * PGlite in the data folder. With `shareRunning` (the CLI), a Harbor already running on the same
 * folder is reached through its socket instead of failing on the lock.
 */
export async function openStore(config: Config, options: { shareRunning?: boolean } = {}): Promise<Store> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  const owner = options.shareRunning ? liveLockOwner(config.dataDir) : undefined;
  if (owner?.socketDir) {
    const { db } = kyselyOver(
      {
        host: owner.socketDir,
        port: EMBEDDED_SOCKET_PORT,
        user: "postgres",
        database: "postgres",
        max: 2,
      },
      { prepare: true },
    );
    return {
      db,
      kind: "pglite-shared",
      description: `embedded store in ${config.dataDir} (through the running Harbor, pid ${owner.pid})`,
      close: () => db.destroy(),
    };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir);
  return fromEmbedded(embedded, "pglite", `embedded store in ${config.dataDir}`);
}

/** A throwaway in-memory store (tests, demos). */
export async function openMemoryStore(options: EmbeddedOptions = {}): Promise<Store> {
  return fromEmbedded(await startMemoryPostgres(options), "pglite", "in-memory PGlite");
}
