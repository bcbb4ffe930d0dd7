import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { promisify } from "node:util";
import { build } from "esbuild";
import { buildServer, ensureServerBuild, serverBuildIsStale } from "../scripts/build-server.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

/** What `src/cli.ts` loads before any command runs: its static imports, transitively (dynamic ones excluded). */
async function loadedBeforeACommandRuns(): Promise<{ files: string[]; packages: string[] }> {
  const packages = new Set<string>();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["src/cli.ts"],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "node",
    logLevel: "silent",
    plugins: [
      {
        name: "static-imports-only",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "dynamic-import") return { path: args.path, external: true };
            if (/^[./]/.test(args.path)) return undefined;
            packages.add(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return { files: Object.keys(result.metafile.inputs), packages: [...packages] };
}

test("`harbor --help` loads only command definitions: no store, server, service or implementation", async () => {
  const { files, packages } = await loadedBeforeACommandRuns();
  assert.ok(files.includes("src/modules/users/users.commands.ts"), "the check sees the command definitions");
  const serverCode = files.filter(
    (f) =>
      /^src\/store\//.test(f) ||
      /^src\/modules\/crypto\/(?!.*\.commands\.ts$)/.test(f) ||
      /^src\/server\/(?!errors\.ts$)/.test(f) ||
      /\.(service|repository|routes|cli)\.ts$/.test(f) ||
      f === "src/main.ts",
  );
  assert.deepEqual(serverCode, [], "a commands file imports its implementation only inside the action");
  assert.deepEqual(
    packages.filter((p) => !p.startsWith("node:")),
    ["commander"],
    "no package but commander is loaded to define the commands",
  );
});

describe("the build (scripts/build-server.js) on a small project", () => {
  const project = mkdtempSync(path.join(tmpdir(), "harbor-build-"));
  after(() => rmSync(project, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  };
  /** Dates a file a little in the future, so the change is seen even within the stamp's millisecond. */
  const touchLater = (file: string) => {
    const later = new Date(Date.now() + 2000);
    utimesSync(path.join(project, file), later, later);
  };
  const runCli = async () => (await run(process.execPath, [path.join(project, "dist", "cli.js")])).stdout;

  write("package.json", '{ "type": "module" }\n');
  write("data/greeting.txt", "hello from data/");
  write("src/paths.ts", readFileSync(path.join(ROOT, "src", "paths.ts"), "utf8"));
  write(
    "src/cli.ts",
    `import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { fromRoot, sourceModuleUrl } from "./paths.ts";
const worker = new Worker(sourceModuleUrl("jobs/echo.worker.ts"));
const reply = await new Promise((resolve) => worker.once("message", resolve));
await worker.terminate();
const { late } = await import("./late.ts");
console.log([readFileSync(fromRoot("data", "greeting.txt"), "utf8"), reply, late].join(" | "));
`,
  );
  write("src/late.ts", 'export const late = "late v1";\n');
  write("src/main.ts", "export const main = true;\n");
  write(
    "src/jobs/echo.worker.ts",
    'import { parentPort } from "node:worker_threads";\nparentPort?.postMessage("worker says hi");\n',
  );

  test("a fresh project is stale; the build runs from dist/ with its data files and worker", async () => {
    assert.equal(serverBuildIsStale(project), true);
    assert.equal(await ensureServerBuild(() => {}, project), true);
    assert.equal(serverBuildIsStale(project), false);
    assert.equal(await ensureServerBuild(() => {}, project), false, "a fresh build is not rebuilt");
    assert.equal(await runCli(), "hello from data/ | worker says hi | late v1\n");
  });

  test("a changed source makes it stale, and the next run gets the new code", async () => {
    write("src/late.ts", 'export const late = "late v2";\n');
    touchLater("src/late.ts");
    assert.equal(serverBuildIsStale(project), true);
    await ensureServerBuild(() => {}, project);
    assert.match(await runCli(), /late v2\n$/);
  });

  test("the output of a deleted source is removed", async () => {
    const chunks = () =>
      readdirSync(path.join(project, "dist"), { recursive: true })
        .map(String)
        .filter((f) => f.includes("late-"));
    assert.equal(chunks().length, 2, "late.ts was built into a chunk and its source map");
    rmSync(path.join(project, "src", "late.ts"));
    write("src/cli.ts", 'console.log("no late module");\n');
    touchLater("src/cli.ts");
    assert.equal(serverBuildIsStale(project), true, "deleting a file counts as a change");
    await ensureServerBuild(() => {}, project);
    assert.deepEqual(chunks(), []);
    assert.equal(await runCli(), "no late module\n");
  });

  test("a bundled package that reads files beside itself fails the build, named", async () => {
    write("node_modules/reads-beside/package.json", '{ "name": "reads-beside", "main": "index.js" }\n');
    write(
      "node_modules/reads-beside/index.js",
      "module.exports = require('node:path').join(__dirname, 'x');\n",
    );
    write("src/main.ts", 'import where from "reads-beside";\nexport const main = where;\n');
    await assert.rejects(buildServer(project), /add them to EXTERNAL.*: reads-beside/);
  });

  test("so does an ES module package that finds its files from import.meta.url (as pdfkit does)", async () => {
    write(
      "node_modules/reads-beside-esm/package.json",
      '{ "name": "reads-beside-esm", "type": "module", "main": "index.js" }\n',
    );
    write(
      "node_modules/reads-beside-esm/index.js",
      "export default new URL('./data/font.afm', import.meta.url).href;\n",
    );
    write("src/main.ts", 'import where from "reads-beside-esm";\nexport const main = where;\n');
    await assert.rejects(buildServer(project), /add them to EXTERNAL.*: reads-beside-esm/);
  });
});
