/**
 * Load benchmark: authenticated reads and audited writes against a real Harbor server, started the way
 * `npm start` starts it, on the embedded store and on PostgreSQL. The load comes from autocannon in this
 * process over loopback only, bounded in requests and in time.
 *
 *   npm run bench:load                      both stores (PostgreSQL at BENCH_DATABASE_URL, default
 *                                           postgres://postgres@127.0.0.1:5432/postgres: a fresh database
 *                                           is created and dropped)
 *   npm run bench:load -- --store pglite    one store only
 *   npm run bench:load -- --requests 5000 --connections 32
 *
 * Every figure comes from one fresh server per store (a cold process: the first requests are in the
 * figure). Any non-2xx answer or socket error is reported and makes the run fail.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { prepareHarbor } from "../src/main.ts";
import { createApiToken } from "../src/modules/auth/api-tokens.service.ts";
import type { SystemContext } from "../src/modules/auth/auth.context.ts";
import { fieldCryptoOf } from "../src/modules/crypto/crypto.service.ts";
import { createOrg } from "../src/modules/orgs/orgs.service.ts";
import { createUser } from "../src/modules/users/users.service.ts";
import { openStore } from "../src/store/store.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const SYSTEM: SystemContext = { kind: "system", reason: "load benchmark" };
const ORGS = 8;

const { values: args } = parseArgs({
  options: {
    store: { type: "string", default: "both" },
    requests: { type: "string", default: "4000" },
    connections: { type: "string", default: "32" },
    "max-seconds": { type: "string", default: "90" },
  },
});
const REQUESTS = Number(args.requests);
const CONNECTIONS = Number(args.connections);
const MAX_SECONDS = Number(args["max-seconds"]);

interface Target {
  name: "pglite" | "postgres";
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function embeddedTarget(): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), "harbor-bench-"));
  return {
    name: "pglite",
    env: { HARBOR_DATA_DIR: dir },
    cleanup: async () => rmSync(dir, { recursive: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `harbor_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), "harbor-bench-"));
  return {
    name: "postgres",
    env: {
      DATABASE_URL: url.toString(),
      HARBOR_MASTER_KEY: `bench:${randomBytes(32).toString("base64")}`,
      HARBOR_DATA_DIR: dir,
    },
    async cleanup() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
      rmSync(dir, { recursive: true });
    },
  };
}

/** Eight organizations, each with an investigator holding an API token, and one case each to read. */
async function seed(env: Record<string, string>): Promise<string[]> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...env }, false);
  const store = await openStore(config);
  try {
    await prepareHarbor(store, config);
    const tokens: string[] = [];
    for (let i = 0; i < ORGS; i++) {
      const orgId = `bench-org-${i}`;
      await createOrg(store.db, SYSTEM, { id: orgId, name: `Bench org ${i}`, type: "law_enforcement" });
      const { user } = await createUser(store.db, fieldCryptoOf(store), SYSTEM, {
        orgId,
        email: `investigator@${orgId}.test`,
        roles: ["investigator"],
        password: `bench-${randomBytes(12).toString("hex")}`,
      });
      const token = await createApiToken(store.db, SYSTEM, {
        userId: user.id,
        lifetimeMs: 86_400_000,
        label: "bench",
      });
      tokens.push(token.token);
    }
    return tokens;
  } finally {
    await store.close();
  }
}

/** Starts `npm start` in its own process group and waits for its "running at" line. */
async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  for (;;) {
    const match = /Harbor is running at (http:\/\/[^\s]+) /.exec(output);
    if (match?.[1]) return { url: match[1], child };
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

type Request = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

async function caseIdOf(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/cases`, {
    method: "POST",
    headers: bearer(token),
    body: JSON.stringify({ title: "Benchmark case" }),
  });
  if (res.status !== 201) throw new Error(`creating the read target answered ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

interface Figures {
  scenario: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

async function hammer(url: string, scenario: string, requests: Request[]): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: REQUESTS,
    timeout: 30,
    requests,
  });
  if (result.duration > MAX_SECONDS)
    console.warn(`${scenario}: took ${result.duration} s (over ${MAX_SECONDS} s)`);
  return {
    scenario,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

async function measure(target: Target): Promise<Figures[]> {
  const tokens = await seed(target.env);
  const server = await startServer(target.env);
  try {
    const first = tokens[0]!;
    const caseIds = await Promise.all(tokens.map((t) => caseIdOf(server.url, t)));
    const reads: Request[] = tokens.flatMap((token, i) => [
      { method: "GET", path: "/api/v1/auth/me", headers: bearer(token) },
      { method: "GET", path: `/api/v1/cases/${caseIds[i]}`, headers: bearer(token) },
      { method: "GET", path: "/api/v1/cases?limit=20", headers: bearer(token) },
    ]);
    const write = (token: string): Request => ({
      method: "POST",
      path: "/api/v1/cases",
      headers: bearer(token),
      body: JSON.stringify({ title: "Load test case" }),
    });
    const figures = [
      await hammer(server.url, "authenticated reads (me, case, case list; 8 orgs)", reads),
      await hammer(server.url, "audited writes, one organization", [write(first)]),
      await hammer(server.url, "audited writes, 8 organizations at once", tokens.map(write)),
    ];
    return figures;
  } finally {
    await stopServer(server.child);
  }
}

const chosen = args.store === "both" ? ["pglite", "postgres"] : [args.store];
console.log(
  `Harbor load: ${REQUESTS} requests per scenario, ${CONNECTIONS} connections, loopback; ` +
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
);
console.log("| store | scenario | requests | req/s | p50 ms | p99 ms | failures |");
console.log("|---|---|---|---|---|---|---|");
let failed = false;
for (const name of chosen) {
  const target = name === "pglite" ? await embeddedTarget() : await postgresTarget();
  try {
    for (const f of await measure(target)) {
      console.log(
        `| ${target.name} | ${f.scenario} | ${f.requests} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.failures} |`,
      );
      failed ||= f.failures > 0;
    }
  } finally {
    await target.cleanup();
  }
}
if (failed) {
  console.error("Some requests failed.");
  process.exitCode = 1;
}
