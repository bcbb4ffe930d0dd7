import { randomBytes } from "node:crypto";
import { describe } from "node:test";
import pg from "pg";
import { migrateToLatest } from "../../src/store/migrator.ts";
import { openMemoryStore, openPostgres, type Store } from "../../src/store/store.ts";

/** A store backend the store tests run on: always PGlite; PostgreSQL too when TEST_DATABASE_URL is set. */
export interface StoreBackend {
  name: "pglite" | "postgres";
  /** Opens a fresh, migrated, empty store; `close()` also drops a PostgreSQL test database. */
  open(): Promise<Store>;
}

async function freshPostgresDatabase(adminUrl: string): Promise<Store> {
  const name = `harbor_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = openPostgres(url.toString());
  return {
    ...store,
    async close() {
      await store.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export function storeBackends(): StoreBackend[] {
  const backends: StoreBackend[] = [{ name: "pglite", open: openMemoryStore }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) backends.push({ name: "postgres", open: () => freshPostgresDatabase(url) });
  return backends;
}

/** Opens a fresh store of the backend and applies every migration. */
export async function openMigrated(backend: StoreBackend): Promise<Store> {
  const store = await backend.open();
  await migrateToLatest(store.db);
  return store;
}

/**
 * Runs a suite once per backend; test names say which ("[pglite] …", "[postgres] …").
 * Inside, use `before(async () => { store = await openMigrated(backend) })` and close it in `after`.
 */
export function describeEachStore(title: string, suite: (backend: StoreBackend) => void): void {
  for (const backend of storeBackends()) {
    describe(`[${backend.name}] ${title}`, () => suite(backend));
  }
}
