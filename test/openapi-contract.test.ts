import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { clientTypesFor, vocabularyFor } from "../scripts/openapi-client.ts";
import { buildOpenApiDocument, openApiText } from "../src/server/openapi-document.ts";

/**
 * The contract between the web (and any other client) and the server is the committed openapi.json
 * and the client generated from it. Any drift fails here, so CI fails: run `npm run openapi` and
 * commit what it writes.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const committed = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const FIX = "run `npm run openapi` and commit openapi.json and client/";

test("openapi.json is exactly what the server describes", async () => {
  const served = await buildOpenApiDocument();
  assert.deepEqual(
    JSON.parse(committed("openapi.json")),
    served,
    `openapi.json drifted from the server: ${FIX}`,
  );
  assert.equal(committed("openapi.json"), openApiText(served), `openapi.json is not as generated: ${FIX}`);
});

test("the typed client and its vocabularies are generated from the committed openapi.json", async () => {
  const document = JSON.parse(committed("openapi.json"));
  assert.equal(
    committed("client/schema.gen.ts"),
    await clientTypesFor(document),
    `client types drifted: ${FIX}`,
  );
  assert.equal(
    committed("client/vocabulary.gen.ts"),
    vocabularyFor(document),
    `client enums drifted: ${FIX}`,
  );
});
