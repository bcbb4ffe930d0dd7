/**
 * Tip intake benchmark (issue 10): POST /api/v1/tips against a real Harbor server started as `npm start`
 * starts it, with 100,000 cases preloaded, on PostgreSQL (a fresh database at TEST_DATABASE_URL or
 * BENCH_DATABASE_URL) and on the embedded store. Each tip is authenticated (partner API tokens) or
 * anonymous and rate-limited — for the bench the anonymous limit is raised (HARBOR_TIP_RATE_LIMIT=10^7)
 * because every request comes from one loopback address — and validated, screened, routed, sealed
 * and audited in one transaction. The load comes from autocannon in this process over loopback,
 * bounded in requests and time. Any non-201 answer or socket error fails the run.
 *
 *   npm run bench:intake                       both stores
 *   npm run bench:intake -- --store postgres   one store
 *   npm run bench:intake -- --requests 6000 --connections 16
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sql } from "kysely";
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
const SYSTEM: SystemContext = { kind: "system", reason: "intake benchmark" };
const ORGS = 8;
const CASES = 100_000;

const { values: args } = parseArgs({
  options: {
    store: { type: "string", default: "both" },
    requests: { type: "string", default: "6000" },
    connections: { type: "string", default: "16" },
    "max-seconds": { type: "string", default: "60" },
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
    env: { HARBOR_DATA_DIR: dir, HARBOR_TIP_RATE_LIMIT: "10000000" },
    cleanup: async () => rmSync(dir, { recursive: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres";
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
      HARBOR_TIP_RATE_LIMIT: "10000000",
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

/**
 * The intake organization (the host: anonymous tips land there) and partner organizations, each with an
 * intake user holding an API token; then 100,000 cases bulk-inserted (the preload is not the figure).
 */
async function seed(target: string, env: Record<string, string>): Promise<string[]> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...env }, false);
  const store = await openStore(config);
  try {
    await prepareHarbor(store, config);
    const tokens: string[] = [];
    for (let i = 0; i < ORGS; i++) {
      const orgId = i === 0 ? "bench-hotline" : `bench-partner-${i}`;
      await createOrg(store.db, SYSTEM, {
        id: orgId,
        name: `Bench org ${i}`,
        type: i === 0 ? "hotline" : "service_provider",
      });
      const { user } = await createUser(store.db, fieldCryptoOf(store), SYSTEM, {
        orgId,
        email: `intake@${orgId}.test`,
        roles: ["intake"],
        password: `bench-${randomBytes(12).toString("hex")}`,
      });
      const token = await createApiToken(store.db, SYSTEM, {
        userId: user.id,
        lifetimeMs: 86_400_000,
        label: "bench",
      });
      tokens.push(token.token);
    }
    const started = Date.now();
    await sql`insert into cases (id, org_id, title, created_by)
      select gen_random_uuid()::text, 'bench-partner-' || (1 + g % ${ORGS - 1}), 'Preloaded case ' || g, null
      from generate_series(1, ${CASES}) g`.execute(store.db);
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from cases`.execute(store.db);
    console.log(
      `# ${target}: preloaded ${rows[0]?.n} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
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
    maxOverallRequests: REQUESTS,
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

const narrative =
  "SYNTHETIC — A caller reports that several workers at a farm supply business live in a locked trailer " +
  "behind the warehouse. They are driven to work before dawn and back after dark, and a supervisor holds " +
  "their passports. One worker said they owe a recruiter a debt that keeps growing. ".repeat(2);
const tipBody = (i: number) =>
  JSON.stringify({
    narrative,
    reporter: i % 2 ? { phone: "+1 202-555-0150" } : undefined,
    location: { state: "TX", city: "Synthetic City", country: "US" },
    facts: {
      victim: { age: i % 5 === 0 ? 16 : 34, citizenship: "foreign_national", nonimmigrantVisa: "work" },
      exploitation: ["labor_trafficking"],
      labor: { agricultureOrMigrantWork: true },
      location: { inUnitedStates: true, state: "TX" },
    },
    screening: {
      indicators: ["unsuitable_housing", "no_documents_or_money"],
      answers: { documents_taken: "yes", owes_debt: "yes", cannot_leave: "unknown" },
    },
  });

async function measure(target: Target): Promise<Figures[]> {
  const tokens = await seed(target.name, target.env);
  const server = await startServer(target.env);
  try {
    const json = { "content-type": "application/json" };
    const partners: Request[] = tokens.slice(1).flatMap((token) =>
      [0, 1, 2, 3, 4].map((i) => ({
        method: "POST" as const,
        path: "/api/v1/tips",
        headers: bearer(token),
        body: tipBody(i),
      })),
    );
    const anonymous: Request[] = [0, 1, 2, 3, 4].map((i) => ({
      method: "POST",
      path: "/api/v1/tips",
      headers: json,
      body: tipBody(i),
    }));
    // A short warm-up (not in the figures): the first requests compile the router and open pools.
    await autocannon({ url: server.url, connections: 4, amount: 200, requests: partners });
    return [
      await hammer(server.url, "partner tokens, 7 organizations", partners),
      await hammer(server.url, "anonymous public tips (limit raised), one intake organization", anonymous),
    ];
  } finally {
    await stopServer(server.child);
  }
}

const chosen = args.store === "both" ? ["postgres", "pglite"] : [args.store];
console.log(
  `Harbor tip intake: ${REQUESTS} tips per scenario, ${CONNECTIONS} connections, loopback, ${CASES} cases preloaded; ` +
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
);
console.log("| store | scenario | tips | tips/s | p50 ms | p99 ms | failures |");
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
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
if (failed) {
  console.error("Some tips failed.");
  process.exitCode = 1;
}
