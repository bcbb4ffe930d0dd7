import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every .ts/.tsx file under a folder of the repository. */
export function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name)) out.push(full);
    }
  };
  walk(path.join(ROOT, folder));
  return out;
}

/**
 * The files a source file imports by relative path (static, type-only, re-exports and dynamic
 * `import()` alike, as TypeScript's own pre-processor finds them), resolved to absolute paths.
 */
export function relativeImports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => path.resolve(path.dirname(file), spec))
    .map((target) =>
      existsSync(target) ? target : ([".ts", ".tsx"].map((e) => target + e).find(existsSync) ?? target),
    );
}

/** Every file reachable from the entry files through relative imports. */
export function importGraph(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file) || !/\.tsx?$/.test(file) || !existsSync(file)) continue;
    seen.add(file);
    queue.push(...relativeImports(file));
  }
  return seen;
}

export const rel = (file: string) => path.relative(ROOT, file);
