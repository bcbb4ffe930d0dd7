// The server and CLI build: esbuild bundles src/cli.ts, src/main.ts and every src/**/*.worker.ts into
// dist/ (code shared between them, and each lazily loaded command, in dist/chunks/), so that `harbor` and
// `npm start` run plain JavaScript from a few files instead of transpiling hundreds at run time. It is
// plain JavaScript itself because it runs before anything is compiled (bin/harbor.js calls it).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const SRC = path.join(ROOT, "src");
const DIST = path.join(ROOT, "dist");
const STAMP = path.join(DIST, ".build-stamp");
/** Besides src/, what changes the output: the dependencies (lock file), tsconfig.json and this script. */
const INPUTS = [path.join(ROOT, "package-lock.json"), path.join(ROOT, "tsconfig.json"), import.meta.filename];

/**
 * Packages left as imports of node_modules instead of bundled: each reads files beside itself (its own
 * package.json, static assets, WebAssembly, a native addon, worker scripts), which a bundle would not have.
 * The build fails naming any other bundled package that does, so add it here.
 */
const EXTERNAL = [
  "@electric-sql/*",
  "@node-rs/*",
  "@fastify/swagger",
  "@fastify/swagger-ui",
  "commander",
  "pino",
  "thread-stream",
  "vite",
];

/** Newest modification time under `entry`, folders included (deleting or renaming a file changes its folder). */
function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function removeEmptyFolders(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) removeEmptyFolders(path.join(dir, e.name));
  }
  if (dir !== DIST && readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
}

/** True when dist/ is missing or older than any source, the lock file, tsconfig.json or this script. */
export function serverBuildIsStale() {
  if (!existsSync(STAMP)) return true;
  return Math.max(newestMtime(SRC), ...INPUTS.map(newestMtime)) > statSync(STAMP).mtimeMs;
}

/** Bundled packages that use __dirname or __filename, which would point into dist/ rather than at the package. */
function packagesReadingBesideThemselves(inputs) {
  const found = new Set();
  for (const file of inputs) {
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
    if (pkg && /\b__(?:dirname|filename)\b/.test(readFileSync(path.join(ROOT, file), "utf8"))) found.add(pkg);
  }
  return [...found];
}

/**
 * Compiles with esbuild (transpiling only: `npm run typecheck` checks the types). Files are written under a
 * temporary name and renamed into place, chunks before the entry files that import them, so a process
 * starting during a build never reads half a file, and two builds at once (parallel tests) write the same
 * bytes. Files a previous build wrote and this one did not are removed.
 */
export async function buildServer() {
  const startedAt = new Date();
  const { build } = await import("esbuild");
  const workers = filesUnder(SRC).filter((file) => file.endsWith(".worker.ts"));
  const result = await build({
    entryPoints: [path.join(SRC, "cli.ts"), path.join(SRC, "main.ts"), ...workers],
    outdir: DIST,
    outbase: SRC,
    entryNames: "[dir]/[name]",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    external: EXTERNAL,
    platform: "node",
    format: "esm",
    target: "node20",
    // Bundled CommonJS packages call require(); an ES module has none until it is made here.
    banner: {
      js: 'import { createRequire as __harborRequire } from "node:module";\nconst require = __harborRequire(import.meta.url);',
    },
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    write: false,
  });
  const unsafe = packagesReadingBesideThemselves(Object.keys(result.metafile.inputs));
  if (unsafe.length) {
    throw new Error(
      `These packages read files beside themselves; add them to EXTERNAL in ${import.meta.filename}: ${unsafe.join(", ")}`,
    );
  }
  const isChunk = (file) => file.startsWith(path.join(DIST, "chunks") + path.sep);
  const outputs = [...result.outputFiles].sort((a, b) => Number(isChunk(b.path)) - Number(isChunk(a.path)));
  for (const file of outputs) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  const written = new Set(outputs.map((file) => file.path));
  for (const file of filesUnder(DIST)) {
    if (!written.has(file) && file !== STAMP && !file.endsWith(".tmp")) rmSync(file, { force: true });
  }
  removeEmptyFolders(DIST);
  writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
  // Dated when the build began: a source saved during the build is newer, so the next run builds again.
  utimesSync(STAMP, startedAt, startedAt);
}

/** Builds dist/ when it is missing or stale. Returns whether it built. */
export async function ensureServerBuild(log = () => {}) {
  if (!serverBuildIsStale()) return false;
  log("Building the server and the CLI into dist/ (first run, or their sources changed)…");
  await buildServer();
  return true;
}

if (process.argv[1] === import.meta.filename) {
  await buildServer();
  process.stderr.write("Built the server and the CLI into dist/.\n");
}
