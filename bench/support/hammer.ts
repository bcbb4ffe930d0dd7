import { loadavg } from "node:os";
import autocannon from "autocannon";

export type Request = {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
};

export const bearer = (token: string) => ({
  authorization: `Bearer ${token}`,
  "content-type": "application/json",
});

export interface Figures {
  scenario: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

export interface Load {
  connections: number;
  /** Requests per scenario (the run stops there). */
  amount: number;
  /** A run longer than this is reported (its figures stand, the warning says why they are low). */
  maxSeconds: number;
}

/** One scenario: `amount` requests cycling through `requests`, over `connections` connections. */
export async function hammer(
  url: string,
  scenario: string,
  requests: Request[],
  load: Load,
): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: load.connections,
    amount: load.amount,
    maxOverallRequests: load.amount,
    timeout: 30,
    requests,
  });
  if (result.duration > load.maxSeconds)
    console.warn(`${scenario}: took ${result.duration} s (over ${load.maxSeconds} s)`);
  return {
    scenario,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** The Markdown table benchmarks print, a row per scenario as it ends (the README's rows come from it). */
export const printHeader = (unit: string) => {
  console.log(`| store | scenario | ${unit} | ${unit}/s | p50 ms | p99 ms | failures |`);
  console.log("|---|---|---|---|---|---|---|");
};
export const printRow = (store: string, f: Figures) =>
  console.log(
    `| ${store} | ${f.scenario} | ${f.requests} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.failures} |`,
  );
