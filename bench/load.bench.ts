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
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { prepareHarbor } from "../src/main.ts";
import { openStore } from "../src/store/store.ts";
import {
  bearer,
  type Figures,
  hammer,
  loadAverage,
  printHeader,
  printRow,
  type Request,
} from "./support/hammer.ts";
import { orgWithUser } from "./support/orgs.ts";
import { startServer, stopServer } from "./support/server.ts";
import { type Target, targetOf } from "./support/targets.ts";

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

/** Eight organizations, each with an investigator holding an API token. */
async function seed(env: Record<string, string>): Promise<string[]> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...env }, false);
  const store = await openStore(config);
  try {
    const app = await prepareHarbor(store, config);
    await app.close();
    const tokens: string[] = [];
    for (let i = 0; i < ORGS; i++)
      tokens.push(
        (await orgWithUser(store, { id: `bench-org-${i}`, type: "law_enforcement", roles: ["investigator"] }))
          .token,
      );
    return tokens;
  } finally {
    await store.close();
  }
}

async function caseIdOf(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/cases`, {
    method: "POST",
    headers: bearer(token),
    body: JSON.stringify({ title: "Benchmark case" }),
  });
  if (res.status !== 201) throw new Error(`creating the read target answered ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

const LOAD = { connections: CONNECTIONS, amount: REQUESTS, maxSeconds: MAX_SECONDS };

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
      await hammer(server.url, "authenticated reads (me, case, case list; 8 orgs)", reads, LOAD),
      await hammer(server.url, "audited writes, one organization", [write(first)], LOAD),
      await hammer(server.url, "audited writes, 8 organizations at once", tokens.map(write), LOAD),
    ];
    return figures;
  } finally {
    await stopServer(server.child);
  }
}

const chosen = args.store === "both" ? ["pglite", "postgres"] : [args.store!];
console.log(
  `Harbor load: ${REQUESTS} requests per scenario, ${CONNECTIONS} connections, loopback; ` +
    `load average before: ${loadAverage()}`,
);
printHeader("requests");
let failed = false;
for (const name of chosen) {
  const target = await targetOf(name);
  try {
    for (const f of await measure(target)) {
      printRow(target.name, f);
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
