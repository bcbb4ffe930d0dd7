import { loadConfig } from "../config.ts";
import { openMemoryStore } from "../store/store.ts";
import { buildApp } from "./app.ts";

/**
 * The API's OpenAPI document as the server builds it from the route schemas (nothing listens,
 * nothing is stored): what `npm run openapi` writes to openapi.json and the contract test compares.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const store = await openMemoryStore();
  try {
    const app = await buildApp(store, loadConfig({ LOG_LEVEL: "silent" }, false));
    await app.ready();
    const document = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return document;
  } finally {
    await store.close();
  }
}

/** The document as committed: two-space JSON and a final newline. */
export const openApiText = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;
