/**
 * Linkage benchmark: `npm run bench:linkage`. Sizes: LINKAGE_BENCH_N (default 1,000,000 records for the speed
 * figures) and LINKAGE_BENCH_ACC_N (default 200,000 records for accuracy). Results go to bench/out/.
 * Every figure is measured here, on this machine; nothing is copied from elsewhere.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { blockPairs } from "../src/linkage/blocking.ts";
import { computeGammas, computeWeights } from "../src/linkage/compare-stage.ts";
import { activeMask } from "../src/linkage/comparisons.ts";
import { CsvParser } from "../src/linkage/csv-read.ts";
import { CsvWriter } from "../src/linkage/csv-write.ts";
import { evaluateClusters, evaluatePairs } from "../src/linkage/evaluate.ts";
import { LinkageIndex } from "../src/linkage/incremental-index.ts";
import { loadPeopleCsv } from "../src/linkage/load-people.ts";
import { runLinkage } from "../src/linkage/pipeline.ts";
import { estimateURandom } from "../src/linkage/random-u.ts";
import { RecordStore } from "../src/linkage/record-store.ts";
import { compileScorer } from "../src/linkage/score.ts";
import { SYNTH_HEADER, synthRoles } from "../src/linkage/synth/render.ts";
import { synthPersons } from "../src/linkage/synth/synth-persons.ts";
import { termFrequencies } from "../src/linkage/term-frequency.ts";
import { fallbackModel } from "../src/linkage/train-unsupervised.ts";
import type { RawPerson, Role } from "../src/linkage/types.ts";
import { WorkerPool } from "../src/linkage/worker-pool.ts";

const N = Number(process.env.LINKAGE_BENCH_N ?? 1_000_000);
const ACC_N = Number(process.env.LINKAGE_BENCH_ACC_N ?? 200_000);
const DUPLICATES = 0.3;
const out = new URL("./out/", import.meta.url);
mkdirSync(out, { recursive: true });
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? "?"}`,
};
const log = (s: string) => process.stdout.write(`${s}\n`);

const ROLES_NO_ID = synthRoles(false);
const ROLES_ID = synthRoles(true);
const mapSpec = (roles: Partial<Record<Role, string>>) =>
  Object.entries(roles)
    .map(([r, c]) => `${r}=${c}`)
    .join(",");

async function generate(n: number, seed: number, file: URL): Promise<void> {
  const w = new CsvWriter(file.pathname, SYNTH_HEADER);
  for (const row of synthPersons({ n, duplicates: DUPLICATES, seed })) await w.row(row);
  await w.close();
}

// 1. Accuracy and blocking, with and without the national id.
const accFile = new URL(`persons-${ACC_N}.csv`, out);
await generate(ACC_N, 11, accFile);
for (const [label, roles] of [
  ["with national id", ROLES_ID],
  ["without national id", ROLES_NO_ID],
] as const) {
  const store = new RecordStore();
  const loaded = await loadPeopleCsv(accFile.pathname, { id: "record_id", roles, truth: "entity_id" }, store);
  const res = await runLinkage(store, activeMask(Object.keys(roles) as Role[]), { truth: loaded.truth! });
  const pairScores = evaluatePairs(
    loaded.truth!,
    res.pairs.left,
    res.pairs.right,
    res.weights,
    res.pairs.count,
    res.linkWeight,
  );
  const clusterScores = evaluateClusters(loaded.truth!, res.clusters!.clusterOf);
  const b = res.blocking;
  log(`\n== Accuracy, ${ACC_N} records, ${DUPLICATES * 100}% duplicates, ${label}`);
  log(
    `blocking: ${b.candidatePairs} candidate pairs, PC ${b.pairsCompleteness!.toFixed(5)}, RR ${b.reductionRatio.toFixed(6)}, PQ ${b.pairQuality!.toFixed(4)}`,
  );
  log("rule                                      pairs(alone)   new pairs   PC(alone)  PQ(alone)  oversized");
  for (const r of b.rules) {
    log(
      `${r.rule.padEnd(42)}${String(r.pairs).padStart(12)}${String(r.newPairs).padStart(12)}   ${(r.pairsCompleteness ?? 0).toFixed(4)}     ${(r.pairQuality ?? 0).toFixed(4)}   ${r.oversizedBlocks}`,
    );
  }
  const t = res.model.training;
  log(
    `training: ${t.method} ${t.status}, ${t.iterations} iterations, max change ${t.maxChange.toExponential(2)}, λ ${res.model.lambda.toFixed(4)} over candidate pairs, E-step on ${t.evidence}${t.reason ? `; ${t.reason}` : ""}`,
  );
  for (const w of t.warnings) log(`  warning: ${w}`);
  log(
    `pairwise F1 (pairs >= 0.5):   ${pairScores.f1.toFixed(4)}  (P ${pairScores.precision.toFixed(4)}, R ${pairScores.recall.toFixed(4)})`,
  );
  log(
    `pairwise F1 (clusters):       ${clusterScores.f1.toFixed(4)}  (P ${clusterScores.precision.toFixed(4)}, R ${clusterScores.recall.toFixed(4)})`,
  );
  results[`accuracy ${label}`] = {
    blocking: b,
    training: t,
    pairs: pairScores,
    clusters: clusterScores,
    timings: res.timings,
  };
}

// 2. Comparison-stage throughput on the large set (workers started and warmed before timing).
const bigFile = new URL(`persons-${N}.csv`, out);
await generate(N, 42, bigFile);
{
  const store = new RecordStore();
  await loadPeopleCsv(bigFile.pathname, { id: "record_id", roles: ROLES_NO_ID }, store);
  const v = store.view();
  const active = activeMask(Object.keys(ROLES_NO_ID) as Role[]);
  const { pairs } = blockPairs(v);
  const pool = new WorkerPool();
  const warm = new (pairs.constructor as typeof import("../src/linkage/pair-buffer.ts").PairBuffer)(4);
  for (let p = 0; p < Math.min(300_000, pairs.count); p++)
    warm.push(pairs.left[p]!, pairs.right[p]!, pairs.rule[p]!);
  await computeGammas(v, warm, active, pool);
  const runs: number[] = [];
  let last: Awaited<ReturnType<typeof computeGammas>> | undefined;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    last = await computeGammas(v, pairs, active, pool);
    const res = await runLinkageScorerOnly(store, last.gammas, pairs, pool);
    runs.push(performance.now() - t0);
    void res;
  }
  await pool.close();
  const best = Math.min(...runs);
  const median = runs.sort((a, b) => a - b)[1]!;
  log(`\n== Comparison stage, ${N} records, ${pairs.count} candidate pairs, ${pool.size} workers`);
  log(
    `scored pairs/s: ${((pairs.count / median) * 1000).toFixed(0)} (median of 3; best ${((pairs.count / best) * 1000).toFixed(0)})`,
  );
  results.comparison = {
    pairs: pairs.count,
    workers: pool.size,
    msRuns: runs,
    pairsPerSecondMedian: (pairs.count / median) * 1000,
  };

  // 3. Incremental: index all records, then match 1,000 records (re-read from the file's end) one at a time.
  // Latency does not depend on the parameters: an untrained model scores the candidates.
  const model = fallbackModel(active, estimateURandom(v, active, 50_000), 1e-6, "benchmark");
  const scorer = compileScorer(model, termFrequencies(v));
  const t0 = performance.now();
  const index = new LinkageIndex(store, scorer);
  const buildMs = performance.now() - t0;
  const queries: RawPerson[] = [];
  const text = readFileSync(bigFile, "utf8");
  const tail = text.slice(text.length - 400_000);
  let header: string[] = [...SYNTH_HEADER];
  const parser = new CsvParser(
    (f) => {
      if (f.length !== header.length) return;
      const raw: RawPerson = {};
      for (const [role, col] of Object.entries(ROLES_NO_ID)) {
        const value = f[header.indexOf(col!)]!;
        if (value) raw[role as Role] = value;
      }
      queries.push(raw);
    },
    () => {},
    ",",
  );
  parser.push(tail.slice(tail.indexOf("\n") + 1));
  parser.end();
  header = [...SYNTH_HEADER];
  const times: number[] = [];
  let found = 0;
  for (const q of queries.slice(-1000)) {
    const s = performance.now();
    const { matches } = index.match(q, { insert: true });
    times.push(performance.now() - s);
    if (matches.length > 0) found++;
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  log(
    `\n== Incremental, ${N} indexed records (index built in ${(buildMs / 1000).toFixed(2)} s), ${times.length} queries`,
  );
  log(
    `per query: p50 ${pct(50).toFixed(3)} ms, p95 ${pct(95).toFixed(3)} ms, p99 ${pct(99).toFixed(3)} ms; ${found} queries had a match`,
  );
  results.incremental = {
    indexed: N,
    buildMs,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    queries: times.length,
  };
}

/** Pass 2 of the comparison stage (match weights), with an untrained model (the speed is the same). */
async function runLinkageScorerOnly(
  store: RecordStore,
  gammas: Uint32Array,
  pairs: import("../src/linkage/pair-buffer.ts").PairBuffer,
  pool: WorkerPool,
): Promise<Float32Array> {
  const v = store.view();
  const active = activeMask(Object.keys(ROLES_NO_ID) as Role[]);
  const model = fallbackModel(active, estimateURandom(v, active, 50_000), 1e-6, "benchmark");
  return computeWeights(v, pairs, gammas, compileScorer(model, termFrequencies(v)), pool);
}

// 4. End to end through the real CLI in a fresh process: read CSV, block, compare, train, score, cluster, write.
// The first run after generating the file is the cold one (a fresh process, no earlier run of the engine on this
// file; the operating system's file cache does hold the file it just wrote); the second is warm. Both are
// reported; the README quotes the cold one. F1 is measured on the CLI's own output against the entity_id column.
const truthOf = (() => {
  const entity = new Map<string, string>();
  const text = readFileSync(bigFile, "utf8");
  for (let at = text.indexOf("\n") + 1; at < text.length; ) {
    const next = text.indexOf("\n", at);
    const line = text.slice(at, next < 0 ? text.length : next);
    const a = line.indexOf(",");
    entity.set(line.slice(0, a), line.slice(a + 1, line.indexOf(",", a + 1)));
    at = next < 0 ? text.length : next + 1;
  }
  return entity;
})();
/** Pairwise scores of a pairs.csv, and of a clusters.csv, against the generator's entities. */
function scoreOutput(pairsFile: URL, clustersFile: URL) {
  const sizes = new Map<string, number>();
  for (const e of truthOf.values()) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  let truePairs = 0;
  for (const c of sizes.values()) truePairs += (c * (c - 1)) / 2;
  const f1 = (tp: number, predicted: number) => {
    const p = tp / Math.max(1, predicted);
    const r = tp / truePairs;
    return { f1: (2 * p * r) / (p + r), precision: p, recall: r };
  };
  const lines = readFileSync(pairsFile, "utf8").trim().split("\n").slice(1);
  let tp = 0;
  for (const l of lines) {
    const [a, b] = l.split(",");
    if (truthOf.get(a!) === truthOf.get(b!)) tp++;
  }
  const cells = new Map<string, number>();
  const clusterSizes = new Map<string, number>();
  for (const l of readFileSync(clustersFile, "utf8").trim().split("\n").slice(1)) {
    const [id, cluster] = l.split(",");
    clusterSizes.set(cluster!, (clusterSizes.get(cluster!) ?? 0) + 1);
    const key = `${cluster}|${truthOf.get(id!)}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let predicted = 0;
  let clusterTp = 0;
  for (const c of clusterSizes.values()) predicted += (c * (c - 1)) / 2;
  for (const c of cells.values()) clusterTp += (c * (c - 1)) / 2;
  return { pairs: f1(tp, lines.length), clusters: f1(clusterTp, predicted) };
}
const endToEnd: Record<string, unknown>[] = [];
for (const run of ["cold", "warm"] as const) {
  log(`\n== End to end (${run}): harbor link dedupe on ${N} records (fresh process, /usr/bin/time)`);
  const pairsFile = new URL("pairs.csv", out);
  const clustersFile = new URL("clusters.csv", out);
  const args = [
    "-v",
    process.execPath,
    new URL("../bin/harbor.js", import.meta.url).pathname,
    "link",
    "dedupe",
    bigFile.pathname,
    "--id",
    "record_id",
    "--map",
    mapSpec(ROLES_NO_ID),
    "--out",
    pairsFile.pathname,
    "--clusters",
    clustersFile.pathname,
  ];
  const load = loadavg()[0]!;
  const child = spawnSync("/usr/bin/time", args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const stderr = child.stderr;
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/.exec(stderr)?.[1] ?? "?";
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  const [mm = "0", ss = "0"] = wall.split(":").slice(-2);
  const seconds = Number(mm) * 60 + Number(ss);
  log(
    stderr
      .split("\n")
      .filter((l) => /^(records|candidate|training|warning|pairs|entities|time)/.test(l))
      .join("\n"),
  );
  const f1 = scoreOutput(pairsFile, clustersFile);
  log(
    `wall ${seconds.toFixed(1)} s, peak RSS ${(rssKb / 1024 / 1024).toFixed(2)} GB, load average at start ${load.toFixed(2)}; ` +
      `F1 pairs ${f1.pairs.f1.toFixed(4)} (P ${f1.pairs.precision.toFixed(4)}, R ${f1.pairs.recall.toFixed(4)}), clusters ${f1.clusters.f1.toFixed(4)}`,
  );
  endToEnd.push({ run, records: N, seconds, peakRssGb: rssKb / 1024 / 1024, loadAverage: load, ...f1 });
}
results.endToEnd = endToEnd;
log(
  "README quotes the cold run (the first fresh process on this file) for time and memory; warm is shown apart.",
);

writeFileSync(new URL("linkage-results.json", out), JSON.stringify(results, null, 2));
log(`\nresults: bench/out/linkage-results.json`);
