import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApiDocument, openApiText } from "../src/server/openapi-document.ts";
import { clientTypesFor, vocabularyFor } from "./openapi-client.ts";

/**
 * `npm run openapi`: writes the server's OpenAPI document to openapi.json and the typed client's
 * types and enums to client/. Commit them all; test/openapi-contract.test.ts fails when either drifts.
 */
const root = path.resolve(import.meta.dirname, "..");
const document = await buildOpenApiDocument();
writeFileSync(path.join(root, "openapi.json"), openApiText(document));
const committed = JSON.parse(readFileSync(path.join(root, "openapi.json"), "utf8"));
writeFileSync(path.join(root, "client/schema.gen.ts"), await clientTypesFor(committed));
writeFileSync(path.join(root, "client/vocabulary.gen.ts"), vocabularyFor(committed));
process.stderr.write("Wrote openapi.json, client/schema.gen.ts and client/vocabulary.gen.ts.\n");
