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
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { prepareHarbor } from "../src/main.ts";
import { openStore } from "../src/store/store.ts";
import { loadCases } from "./support/cases.ts";
import {
  bearer,
  type Figures,
  hammer,
  loadAverage,
  printHeader,
  printRow,
  type Request,
} from "./support/hammer.ts";
import { type BenchUser, orgWithUser } from "./support/orgs.ts";
import { startServer, stopServer } from "./support/server.ts";
import { type Target, targetOf } from "./support/targets.ts";

const ORGS = 8;

const { values: args } = parseArgs({
  options: {
    store: { type: "string", default: "both" },
    requests: { type: "string", default: "6000" },
    connections: { type: "string", default: "16" },
    "max-seconds": { type: "string", default: "60" },
    cases: { type: "string", default: "100000" },
  },
});
const CASES = Number(args.cases);
const REQUESTS = Number(args.requests);
const CONNECTIONS = Number(args.connections);
const MAX_SECONDS = Number(args["max-seconds"]);

/**
 * The intake organization (the host: anonymous tips land there) and partner organizations, each with an
 * intake user holding an API token; then the cases (bench/support/cases.ts: sealed and indexed like
 * the app's, so the search index a tip's narrative joins is a 100,000-case one), opened by an
 * advocate of each partner. The preload is not in the figures.
 */
async function seed(target: string, env: Record<string, string>): Promise<string[]> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...env }, false);
  const store = await openStore(config);
  try {
    const app = await prepareHarbor(store, config);
    await app.close();
    const tokens: string[] = [];
    const openers: BenchUser[] = [];
    for (let i = 0; i < ORGS; i++) {
      const id = i === 0 ? "bench-hotline" : `bench-partner-${i}`;
      const type = i === 0 ? "hotline" : "service_provider";
      tokens.push((await orgWithUser(store, { id, type, roles: ["intake"] })).token);
      if (i > 0) openers.push(await orgWithUser(store, { id, type, roles: ["advocate"], existing: true }));
    }
    const { seconds } = await loadCases(store, {
      count: CASES,
      opener: (i) => openers[i % openers.length]!,
      label: target,
    });
    console.log(`# ${target}: preloaded ${CASES} cases in ${seconds.toFixed(1)} s`);
    return tokens;
  } finally {
    await store.close();
  }
}

const LOAD = { connections: CONNECTIONS, amount: REQUESTS, maxSeconds: MAX_SECONDS };

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
    await hammer(server.url, "warm-up", partners, { connections: 4, amount: 200, maxSeconds: MAX_SECONDS });
    return [
      await hammer(server.url, "partner tokens, 7 organizations", partners, LOAD),
      await hammer(
        server.url,
        "anonymous public tips (limit raised), one intake organization",
        anonymous,
        LOAD,
      ),
    ];
  } finally {
    await stopServer(server.child);
  }
}

const chosen = args.store === "both" ? ["postgres", "pglite"] : [args.store!];
console.log(
  `Harbor tip intake: ${REQUESTS} tips per scenario, ${CONNECTIONS} connections, loopback, ${CASES} cases preloaded; ` +
    `load average before: ${loadAverage()}`,
);
printHeader("tips");
let failed = false;
for (const name of chosen) {
  // Every request comes from one loopback address: the anonymous limit is raised for the bench (the
  // limiter still runs). Anonymous tips go to the hotline organization.
  const target: Target = await targetOf(name, {
    HARBOR_TIP_RATE_LIMIT: "10000000",
    HARBOR_TIP_ORG: "bench-hotline",
  });
  try {
    for (const f of await measure(target)) {
      printRow(target.name, f);
      failed ||= f.failures > 0;
    }
  } finally {
    await target.cleanup();
  }
}
console.log(`load average after: ${loadAverage()}`);
if (failed) {
  console.error("Some tips failed.");
  process.exitCode = 1;
}
