import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import semver from "semver";

// `npm install` on the oldest Node that package.json accepts must not warn EBADENGINE: every package
// in the lock file has to run on that version, or the README's requirement is not true.
const root = new URL("../", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(new URL("package-lock.json", root), "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

test("every locked package supports the oldest Node that package.json and the README promise", () => {
  const oldest = semver.minVersion(manifest.engines.node);
  assert.ok(oldest, `package.json engines.node "${manifest.engines.node}" has no lowest version`);
  const unsupported = Object.entries(lock.packages)
    .filter(([path]) => path !== "")
    .flatMap(([path, entry]) => {
      const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!wanted || semver.satisfies(oldest, wanted)) return [];
      return [`${path.replace(/^.*node_modules\//, "")}@${entry.version} wants node ${wanted}`];
    });
  assert.deepEqual(unsupported, [], `Node ${oldest} is below what these packages require`);
});

test("the README states the same Node requirement as package.json", () => {
  const readme = readFileSync(new URL("README.md", root), "utf8");
  const oldest = semver.minVersion(manifest.engines.node);
  const stated = /You need Node\.js (\d+\.\d+(?:\.\d+)?) or newer/.exec(readme)?.[1];
  assert.ok(stated, "the README names no Node version");
  assert.equal(semver.coerce(stated)?.version, oldest?.version);
});
