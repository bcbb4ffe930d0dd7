import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { importGraph, rel, relativeImports, sourceFiles } from "./support/imports.ts";

/** The module a file belongs to (`src/modules/<name>/…`), or undefined outside the modules. */
const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(rel(file))?.[1];

test("modules call each other's services, never another module's repository", () => {
  const reachIns: string[] = [];
  for (const file of sourceFiles("src")) {
    for (const target of relativeImports(file)) {
      if (!target.endsWith(".repository.ts")) continue;
      const owner = moduleOf(target);
      if (owner !== moduleOf(file)) reachIns.push(`${rel(file)} imports ${rel(target)}`);
    }
  }
  assert.deepEqual(reachIns, [], "a module's repository is imported only inside that module");
});

test("the web app imports nothing from src/ (its whole import graph, type-only imports included)", () => {
  const graph = importGraph(sourceFiles("web/src"));
  const server = [...graph].filter((file) => rel(file).startsWith(`src${path.sep}`));
  assert.deepEqual(server, [], "the web talks to the server only through the generated client");
  assert.ok(
    [...graph].some((file) => rel(file) === path.join("client", "harbor-client.ts")),
    "the web uses the generated client",
  );
});

test("the generated client depends on nothing in src/ either", () => {
  const graph = importGraph(sourceFiles("client"));
  assert.deepEqual(
    [...graph].filter((file) => rel(file).startsWith(`src${path.sep}`)),
    [],
  );
});
