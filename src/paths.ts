import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/*
 * Where Harbor's files are, from the sources (src/, under tsx) and from the build alike: the build bundles
 * modules into dist/ and dist/chunks/, so a path relative to a module's own import.meta.url would differ
 * between the two. Every file read at run time (data/, web/dist, package.json) and every module loaded by
 * URL (a worker thread's entry) is found through here instead.
 */

const here = fileURLToPath(import.meta.url);
const compiled = here.endsWith(".js");

function projectRoot(): string {
  let dir = path.dirname(here);
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${here}`);
    dir = parent;
  }
  return dir;
}

/** The project folder (where package.json is). */
export const ROOT = projectRoot();

/** A path in the project, e.g. `fromRoot("data", "routing", "rules.json")`. */
export const fromRoot = (...segments: string[]): string => path.join(ROOT, ...segments);

/**
 * The URL of a module by its path under src/ (`"linkage/compare.worker.ts"`): that source under tsx, its
 * compiled `dist/linkage/compare.worker.js` when running from the build. Only entry points of the build
 * (cli.ts, main.ts, *.worker.ts) exist as files in dist/.
 */
export function sourceModuleUrl(sourcePath: string): URL {
  return pathToFileURL(
    compiled ? fromRoot("dist", sourcePath.replace(/\.ts$/, ".js")) : fromRoot("src", sourcePath),
  );
}
