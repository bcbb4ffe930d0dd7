/**
 * Case search benchmark (issue 10): 100,000 cases (--cases) on PostgreSQL (a fresh database at
 * BENCH_DATABASE_URL or TEST_DATABASE_URL) and on the embedded store (PGlite in a fresh data folder),
 * then GET /api/v1/cases/search through the app (inject: routing, validation, authentication by API
 * token, policy, audit, and the presenter opening each hit's sealed title).
 *
 * The cases are written by bench/support/cases.ts: by default its bulk path, which writes the rows
 * POST /api/v1/cases writes for search (a data key per case, the title and narrative sealed under
 * it, both indexed under the organization's search key, shares in both copies) without the timeline
 * and audit rows of each case; `--via service` opens every case through `openCaseInTransaction`
 * (all rows, much slower). Three organizations: a police department (60%), an NGO (20%) that receives
 * 1 in 50 of the department's cases (read), another department (20%).
 *
 * Figures, per store: "cold" is the first --cold queries of a fresh Node process (a mix of the
 * kinds; PostgreSQL's own cache stays warm, the embedded store starts from its files), then "warm"
 * is --queries per kind in the same process. Every answer must be 200 and every hit must carry its
 * opened title, or the run fails.
 *
 *   npm run bench:search                                  both stores, 100,000 cases
 *   npm run bench:search -- --store postgres --queries 200
 *   npm run bench:search -- --store pglite --cases 20000 --via service
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { prepareHarbor } from "../src/main.ts";
import { searchWords } from "../src/modules/search/search.text.ts";
import { openStore } from "../src/store/store.ts";
import { caseTexts, loadCases } from "./support/cases.ts";
import { loadAverage } from "./support/hammer.ts";
import { orgWithUser } from "./support/orgs.ts";
import { type Target, targetOf } from "./support/targets.ts";
import { seeded, WORDS } from "./support/text.ts";

const { values: args } = parseArgs({
  options: {
    store: { type: "string", default: "both" },
    cases: { type: "string", default: "100000" },
    queries: { type: "string", default: "300" },
    cold: { type: "string", default: "20" },
    via: { type: "string", default: "bulk" },
    // Internal: the measuring child process.
    measure: { type: "boolean", default: false },
  },
});
const N = Number(args.cases);
const Q = Number(args.queries);
const COLD = Number(args.cold);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const summary = (times: number[]) => {
  const t = [...times].sort((a, b) => a - b);
  const f = (p: number) => percentile(t, p).toFixed(1);
  return `p50 ${f(0.5)} ms  p95 ${f(0.95)} ms  p99 ${f(0.99)} ms  max ${t.at(-1)!.toFixed(1)} ms`;
};

const GIVEN = new Set(WORDS.given);

/** The query kinds, from a seeded generator so every store and run asks the same. */
function queryKinds(seed: number, texts: { narrative: string }[]) {
  const r = seeded(seed);
  const anyWord = () =>
    r.rand() < 0.5
      ? r.zipf(WORDS.topics)
      : r.rand() < 0.5
        ? r.pick(WORDS.cities).split(" ")[0]!
        : r.zipf(WORDS.corpus);
  const word = (): string => {
    const w = anyWord();
    return searchWords(w).length ? w : word();
  };
  const prefix = (): string => {
    const p = r.zipf(WORDS.topics).slice(0, 4);
    return searchWords(p).length ? p : prefix();
  };
  // Two words of one of the department's cases, the rarest kinds there are (a name, a 4-digit number),
  // so that the query finds that case at least.
  const rare = () => {
    const i = Math.floor(r.rand() * (texts.length / 10)) * 10 + Math.floor(r.rand() * 6);
    const words = texts[i]!.narrative.split(" ");
    const names = words.filter((w) => GIVEN.has(w));
    const numbers = words.filter((w) => /^\d{4}$/.test(w));
    return [names[0] ?? words[0], numbers[0] ?? words[1]].join(" ");
  };
  return {
    "one word": () => `q=${encodeURIComponent(word())}`,
    "two words": () => `q=${encodeURIComponent(`${word()} ${word()}`)}`,
    prefix: () => `q=${encodeURIComponent(prefix())}`,
    "rare words": () => `q=${encodeURIComponent(rare())}`,
    "word + filters": () => `q=${encodeURIComponent(word())}&status=open&from=2025-01-01&to=2026-06-30`,
    "filters only": () => "status=closed&from=2024-06-01",
  } as Record<string, () => string>;
}

/** Loads the store (this process), then measures it from a fresh process. */
async function run(target: Target): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...target.env }, false);
  const store = await openStore(config);
  let tokens: Record<string, string>;
  try {
    const app = await prepareHarbor(store, config);
    await app.close();
    const pd = await orgWithUser(store, { id: "bench-pd", type: "law_enforcement", roles: ["investigator"] });
    const ngo = await orgWithUser(store, { id: "bench-ngo", type: "service_provider", roles: ["advocate"] });
    const other = await orgWithUser(store, {
      id: "bench-other",
      type: "law_enforcement",
      roles: ["investigator"],
    });
    const { seconds } = await loadCases(store, {
      count: N,
      via: args.via === "service" ? "service" : "bulk",
      opener: (i) => (i % 10 < 6 ? pd : i % 10 < 8 ? ngo : other),
      sharedWith: (i) => (i % 10 < 6 && i % 50 === 0 ? "bench-ngo" : undefined),
      label: target.name,
    });
    console.log(`[${target.name}] ${N} cases written (${args.via}) in ${seconds.toFixed(0)} s`);
    tokens = { pd: pd.token, ngo: ngo.token };
  } finally {
    await store.close();
  }
  const child = spawn(process.execPath, [...process.execArgv, import.meta.filename, "--measure", ...rest()], {
    env: { ...process.env, ...target.env, BENCH_TOKENS: JSON.stringify(tokens), BENCH_STORE: target.name },
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
}

const rest = () => ["--queries", String(Q), "--cold", String(COLD), "--cases", String(N)];

/** The measuring process: a fresh process over the loaded store. */
async function measure(): Promise<void> {
  const name = process.env.BENCH_STORE!;
  const tokens = JSON.parse(process.env.BENCH_TOKENS!) as Record<"pd" | "ngo", string>;
  const config = loadConfig({ ...process.env, LOG_LEVEL: "silent" }, false);
  const store = await openStore(config);
  const app = await prepareHarbor(store, config);
  await app.ready();
  const ask = async (as: "pd" | "ngo", query: string) => {
    const url = `/api/v1/cases/search?${query}`;
    const started = performance.now();
    const r = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${tokens[as]}` } });
    const ms = performance.now() - started;
    if (r.statusCode !== 200) throw new Error(`${url} answered ${r.statusCode}: ${r.body}`);
    const hits = (r.json() as { cases: { title: string }[] }).cases;
    if (hits.some((h) => !h.title)) throw new Error(`${url}: a hit without its opened title`);
    return { ms, hits: hits.length };
  };
  try {
    const kinds = queryKinds(7, caseTexts(N));
    const names = Object.keys(kinds);
    const cold: number[] = [];
    for (let i = 0; i < COLD; i++) cold.push((await ask("pd", kinds[names[i % names.length]!]!())).ms);
    console.log(
      `[${name}] cold: first ${COLD} queries of a fresh process (first ${cold[0]!.toFixed(0)} ms)  ${summary(cold)}`,
    );
    const all: number[] = [];
    for (const [kind, as] of [...names.map((k) => [k, "pd"] as const), ["one word", "ngo"] as const]) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < Q; i++) {
        const r = await ask(as, kinds[kind]!());
        times.push(r.ms);
        hits += r.hits;
      }
      all.push(...times);
      const label = as === "ngo" ? `${kind}, recipient NGO` : kind;
      console.log(
        `[${name}] warm: ${label.padEnd(24)} ${summary(times)}  (${Q} queries, ${(hits / Q).toFixed(1)} hits/page)`,
      );
    }
    console.log(`[${name}] warm: all kinds               ${summary(all)}`);
  } finally {
    await app.close();
    await store.close();
  }
}

if (args.measure) await measure();
else {
  console.log(`# case search benchmark: ${N} cases; load average ${loadAverage()}`);
  for (const name of args.store === "both" ? ["postgres", "pglite"] : [args.store!]) {
    const target = await targetOf(name);
    try {
      await run(target);
    } finally {
      await target.cleanup();
    }
  }
  console.log(`# load average after: ${loadAverage()}`);
}
