import closeWithGrace from "close-with-grace";
import type { FastifyInstance } from "fastify";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { buildApp } from "./server/app.ts";
import { startupTasks } from "./server/startup.ts";
import { DataFolderInUseError } from "./store/data-folder-lock.ts";
import { migrateToLatest } from "./store/migrator.ts";
import { openStore, type Store } from "./store/store.ts";
import { ensureWebBuild } from "./web-build.ts";

/** Opens the store, brings it up to date and builds the server around it (used by start-up and tests). */
export async function prepareHarbor(store: Store, config: Config): Promise<FastifyInstance> {
  await migrateToLatest(store.db);
  for (const task of startupTasks) await task(store, config);
  return buildApp(store, config);
}

/** `npm start` / `harbor serve`: build the web app if needed, open the store, listen. */
export async function startHarbor(): Promise<void> {
  const config = loadConfig();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  await ensureWebBuild(say);
  const store = await openStore(config);
  let app: FastifyInstance;
  try {
    app = await prepareHarbor(store, config);
  } catch (error) {
    await store.close();
    throw error;
  }
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err: { message: err.message } }, "shutting down after an error");
    await app.close();
    await store.close();
  });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  say(`Harbor is running at ${address.replace("127.0.0.1", "127.0.0.1")} using the ${store.description}.`);
}

const isEntry = process.argv[1]?.endsWith("main.ts");
if (isEntry) {
  startHarbor().catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DataFolderInUseError;
    process.stderr.write(`harbor: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(known ? 2 : 1);
  });
}
