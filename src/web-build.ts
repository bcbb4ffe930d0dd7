import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fromRoot } from "./paths.ts";

const WEB = fromRoot("web");
const STAMP = path.join(WEB, "dist", ".build-stamp");

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** True when web/dist is missing or older than any web source, its config or the lock file. */
export function webBuildIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const sources = Math.max(
    newestMtime(path.join(WEB, "src")),
    newestMtime(path.join(WEB, "index.html")),
    newestMtime(path.join(WEB, "vite.config.ts")),
    newestMtime(fromRoot("package-lock.json")),
  );
  return sources > statSync(STAMP).mtimeMs;
}

/** Builds the web app into web/dist with Vite and stamps the build. */
export async function buildWeb(): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: path.join(WEB, "vite.config.ts"), logLevel: "warn" });
  writeFileSync(STAMP, new Date().toISOString());
}

/** Builds the web app when it is missing or stale. Returns whether it built. */
export async function ensureWebBuild(log: (line: string) => void = () => {}): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  log("Building the web app (first start, or its sources changed)…");
  await buildWeb();
  return true;
}
