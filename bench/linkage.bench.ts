/**
 * Linkage benchmark: `npm run bench:linkage`. Sizes: LINKAGE_BENCH_N (default 1,000,000 records for the speed
 * figures) and LINKAGE_BENCH_ACC_N (default 200,000 records for accuracy). Results go to bench/out/.
 * Every figure is measured here, on this machine; nothing is copied from elsewhere.
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { blockPairs } from "../src/linkage/blocking.ts";
import { DEFAULT_RULES, ruleGammaMasks } from "../src/linkage/blocking-rules.ts";
import { computeGammas, computeWeights } from "../src/linkage/compare-stage.ts";
import { activeMask } from "../src/linkage/comparisons.ts";
import { CsvParser } from "../src/linkage/csv-read.ts";
import { CsvWriter } from "../src/linkage/csv-write.ts";
import { evaluateClusters, evaluatePairs } from "../src/linkage/evaluate.ts";
import { LinkageIndex } from "../src/linkage/incremental-index.ts";
import { loadPeopleCsv } from "../src/linkage/load-people.ts";
import { runLinkage } from "../src/linkage/pipeline.ts";
import { RecordStore } from "../src/linkage/record-store.ts";
import { compileScorer } from "../src/linkage/score.ts";
import { SYNTH_HEADER, synthRoles } from "../src/linkage/synth/render.ts";
import { synthPersons } from "../src/linkage/synth/synth-persons.ts";
import { termFrequencies } from "../src/linkage/term-frequency.ts";
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
    `training: ${t.method} ${t.status}, ${t.iterations} iterations, max change ${t.maxChange.toExponential(2)}, λ(blocked) ${t.blockedLambda?.toFixed(4)}, rule λ ${t.ruleLambda?.toFixed(4)}`,
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
  const masks = ruleGammaMasks(DEFAULT_RULES);
  const warm = new (pairs.constructor as typeof import("../src/linkage/pair-buffer.ts").PairBuffer)(4);
  for (let p = 0; p < Math.min(300_000, pairs.count); p++)
    warm.push(pairs.left[p]!, pairs.right[p]!, pairs.rule[p]!);
  await computeGammas(v, warm, active, masks, pool);
  const runs: number[] = [];
  let last: Awaited<ReturnType<typeof computeGammas>> | undefined;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    last = await computeGammas(v, pairs, active, masks, pool);
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
  const model = (await import("../src/linkage/default-model.ts")).defaultModel(active);
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

/** Pass 2 of the comparison stage (match weights) with a trained-or-default scorer, as the pipeline does it. */
async function runLinkageScorerOnly(
  store: RecordStore,
  gammas: Uint32Array,
  pairs: import("../src/linkage/pair-buffer.ts").PairBuffer,
  pool: WorkerPool,
): Promise<Float32Array> {
  const model = (await import("../src/linkage/default-model.ts")).defaultModel(
    activeMask(Object.keys(ROLES_NO_ID) as Role[]),
  );
  const v = store.view();
  return computeWeights(v, pairs, gammas, compileScorer(model, termFrequencies(v)), pool);
}

// 4. End to end through the real CLI in a fresh process: read CSV, block, score, train, cluster, write.
{
  log(`\n== End to end: harbor link dedupe on ${N} records (fresh process, /usr/bin/time)`);
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
    new URL("pairs.csv", out).pathname,
    "--clusters",
    new URL("clusters.csv", out).pathname,
  ];
  let stderr = "";
  try {
    execFileSync("/usr/bin/time", args, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  } catch (e) {
    stderr = String((e as { stderr?: Buffer }).stderr ?? e);
  }
  if (!stderr) {
    stderr = execFileSync("/bin/sh", [
      "-c",
      `/usr/bin/time ${args.map((a) => `'${a}'`).join(" ")} 2>&1 >/dev/null`,
    ]).toString();
  }
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/.exec(stderr)?.[1] ?? "?";
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  const [mm = "0", ss = "0"] = wall.split(":").slice(-2);
  const seconds = Number(mm) * 60 + Number(ss);
  log(
    stderr
      .split("\n")
      .filter((l) => /^(records|candidate|model|pairs|entities|time)/.test(l))
      .join("\n"),
  );
  log(`wall ${seconds.toFixed(1)} s, peak RSS ${(rssKb / 1024 / 1024).toFixed(2)} GB`);
  results.endToEnd = { records: N, seconds, peakRssGb: rssKb / 1024 / 1024 };
}

writeFileSync(new URL("linkage-results.json", out), JSON.stringify(results, null, 2));
log(`\nresults: bench/out/linkage-results.json`);
