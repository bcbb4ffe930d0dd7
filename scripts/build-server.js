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

/** Harbor's folder; the functions below take another one only so that tests can build a small project. */
const ROOT = path.resolve(import.meta.dirname, "..");

/** Where a project's sources, build and build stamp are. @param {string} root */
function layout(root) {
  const dist = path.join(root, "dist");
  return { root, src: path.join(root, "src"), dist, stamp: path.join(dist, ".build-stamp") };
}

/**
 * Packages left as imports of node_modules instead of bundled: each reads files beside itself (its own
 * package.json, static assets, WebAssembly, a native addon, worker scripts), which a bundle would not have.
 * The build fails naming any other bundled package that does, so add it here.
 */
const EXTERNAL = [
  "@electric-sql/*",
  // It loads the CommonJS `cookie` with import(): bundled, that import would see only a default export.
  "@fastify/cookie",
  "@node-rs/*",
  "@fastify/swagger",
  "@fastify/swagger-ui",
  "commander",
  // Its standard fonts' metrics and the sRGB profile are read from its data/ folder (import.meta.url).
  "pdfkit",
  "pino",
  "thread-stream",
  "vite",
];

/**
 * Chunks that hold only a bundled CommonJS module (`export default require_x()`) and that bundled code
 * loads with import(). Node gives such an import the module's named exports; the bundle cannot, so the
 * caller would find `undefined` where it expects a function (as @fastify/cookie did with `cookie`).
 * @param {{ path: string; text: string }[]} outputs
 * @returns {string[]} the source paths of those modules
 */
function dynamicallyImportedCommonJs(outputs) {
  const found = [];
  for (const chunk of outputs) {
    if (!/\nexport default require_\w+\(\);\n/.test(chunk.text) || /\nexport \{/.test(chunk.text)) continue;
    const name = path.basename(chunk.path);
    if (
      outputs.some(
        (o) => o.text.includes(`import("./chunks/${name}")`) || o.text.includes(`import("./${name}")`),
      )
    ) {
      found.push(/\/\/ (node_modules\/[^\n]+)/.exec(chunk.text)?.[1] ?? name);
    }
  }
  return found;
}

/**
 * Newest modification time under `entry`, folders included (deleting or renaming a file changes its folder).
 * @param {string} entry
 * @returns {number}
 */
function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** @param {string} dir */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** @param {string} dir @param {string} top */
function removeEmptyFolders(dir, top) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) removeEmptyFolders(path.join(dir, e.name), top);
  }
  if (dir !== top && readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
}

/**
 * True when dist/ is missing or older than anything that changes it: a source, the dependencies (lock
 * file), tsconfig.json or this script.
 * @param {string} [root]
 */
export function serverBuildIsStale(root = ROOT) {
  const { src, stamp } = layout(root);
  if (!existsSync(stamp)) return true;
  const inputs = [
    src,
    path.join(root, "package-lock.json"),
    path.join(root, "tsconfig.json"),
    import.meta.filename,
  ];
  return Math.max(...inputs.map(newestMtime)) > statSync(stamp).mtimeMs;
}

/**
 * Bundled packages that use __dirname or __filename, or make a URL relative to import.meta.url, which would
 * point into dist/ rather than at the package.
 * @param {string} root
 * @param {string[]} inputs
 */
function packagesReadingBesideThemselves(root, inputs) {
  const found = new Set();
  for (const file of inputs) {
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
    const text = pkg ? readFileSync(path.join(root, file), "utf8") : "";
    if (pkg && (/\b__(?:dirname|filename)\b/.test(text) || /new URL\([^)]*import\.meta\.url/.test(text)))
      found.add(pkg);
  }
  return [...found];
}

/**
 * Compiles with esbuild (transpiling only: `npm run typecheck` checks the types). Files are written under a
 * temporary name and renamed into place, chunks before the entry files that import them, so a process
 * starting during a build never reads half a file, and two builds at once (parallel tests) write the same
 * bytes. Files a previous build wrote and this one did not are removed.
 * @param {string} [root]
 */
export async function buildServer(root = ROOT) {
  const { src, dist, stamp } = layout(root);
  const startedAt = new Date();
  const { build } = await import("esbuild");
  const workers = filesUnder(src).filter((file) => file.endsWith(".worker.ts"));
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(src, "cli.ts"), path.join(src, "main.ts"), ...workers],
    outdir: dist,
    outbase: src,
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
  const unsafe = packagesReadingBesideThemselves(root, Object.keys(result.metafile.inputs));
  if (unsafe.length) {
    throw new Error(
      `These packages read files beside themselves; add them to EXTERNAL in ${import.meta.filename}: ${unsafe.join(", ")}`,
    );
  }
  const lost = dynamicallyImportedCommonJs(result.outputFiles);
  if (lost.length) {
    throw new Error(
      `Bundled code imports these CommonJS modules with import(), which would see only a default export; add the package that imports them to EXTERNAL in ${import.meta.filename}: ${lost.join(", ")}`,
    );
  }
  const isChunk = (/** @type {string} */ file) => file.startsWith(path.join(dist, "chunks") + path.sep);
  const outputs = [...result.outputFiles].sort((a, b) => Number(isChunk(b.path)) - Number(isChunk(a.path)));
  for (const file of outputs) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  const written = new Set(outputs.map((file) => file.path));
  for (const file of filesUnder(dist)) {
    if (!written.has(file) && file !== stamp && !file.endsWith(".tmp")) rmSync(file, { force: true });
  }
  removeEmptyFolders(dist, dist);
  writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  // Dated when the build began: a source saved during the build is newer, so the next run builds again.
  utimesSync(stamp, startedAt, startedAt);
}

/**
 * Builds dist/ when it is missing or stale. Returns whether it built.
 * @param {(line: string) => void} [log]
 * @param {string} [root]
 */
export async function ensureServerBuild(log = () => {}, root = ROOT) {
  if (!serverBuildIsStale(root)) return false;
  log("Building the server and the CLI into dist/ (first run, or their sources changed)…");
  await buildServer(root);
  return true;
}

if (process.argv[1] === import.meta.filename) {
  await buildServer();
  process.stderr.write("Built the server and the CLI into dist/.\n");
}
