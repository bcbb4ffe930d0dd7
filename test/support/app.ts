import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { type Config, loadConfig } from "../../src/config.ts";
import { prepareHarbor } from "../../src/main.ts";
import type { Store } from "../../src/store/store.ts";
import { openMigrated, type StoreBackend } from "./stores.ts";

// One data folder per test process (key files live there), removed when the process ends.
const testDataDir = mkdtempSync(path.join(tmpdir(), "harbor-test-"));
process.on("exit", () => rmSync(testDataDir, { recursive: true, force: true }));

/** Configuration for tests: defaults, silent logs, plus overrides. Never reads the real environment. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: "silent", HARBOR_DATA_DIR: testDataDir, ...overrides }, false);
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/** A full Harbor (migrations, start-up tasks, every route) on a fresh store of the backend. */
export async function startTestApp(
  backend: StoreBackend,
  overrides: Record<string, string> = {},
): Promise<TestApp> {
  const store = await openMigrated(backend);
  const app = await prepareHarbor(store, testConfig(overrides));
  await app.ready();
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
