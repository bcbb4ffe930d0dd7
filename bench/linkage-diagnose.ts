/**
 * Where pairwise F1 is lost at a given size: `node --import tsx bench/linkage-diagnose.ts [N]` (default 200,000,
 * 30% duplicates, no national id). Splits false negatives into "never a candidate" (blocking) and "scored below
 * the threshold", and false positives by weight band; compares pairs ≥ threshold with pairs inside clusters.
 */
import { loadavg } from "node:os";
import { activeMask } from "../src/linkage/comparisons.ts";
import { CsvWriter } from "../src/linkage/csv-write.ts";
import { evaluateClusters, evaluatePairs } from "../src/linkage/evaluate.ts";
import { loadPeopleCsv } from "../src/linkage/load-people.ts";
import { runLinkage } from "../src/linkage/pipeline.ts";
import { RecordStore } from "../src/linkage/record-store.ts";
import { SYNTH_HEADER, synthRoles } from "../src/linkage/synth/render.ts";
import { synthPersons } from "../src/linkage/synth/synth-persons.ts";
import type { Role } from "../src/linkage/types.ts";

const N = Number(process.argv[2] ?? 200_000);
const seed = Number(process.argv[3] ?? 11);
const file = `/tmp/linkage-diag-${N}-${seed}.csv`;
const w = new CsvWriter(file, SYNTH_HEADER);
for (const row of synthPersons({ n: N, duplicates: 0.3, seed })) await w.row(row);
await w.close();
const roles = synthRoles(false);
const store = new RecordStore();
const loaded = await loadPeopleCsv(file, { id: "record_id", roles, truth: "entity_id" }, store);
const truth = loaded.truth!;
const t0 = performance.now();
const res = await runLinkage(store, activeMask(Object.keys(roles) as Role[]), { truth });
const ms = performance.now() - t0;
const { pairs, weights, linkWeight } = res;
const ps = evaluatePairs(truth, pairs.left, pairs.right, weights, pairs.count, linkWeight);
const cs = evaluateClusters(truth, res.clusters!.clusterOf);
const b = res.blocking;
const missedByBlocking = b.truePairsTotal! - b.truePairsFound!;
const log = (s: string) => process.stdout.write(`${s}\n`);
log(`N ${N}, load ${loadavg()[0]!.toFixed(2)}, run ${(ms / 1000).toFixed(1)} s, ${pairs.count} candidates`);
log(
  `model ${res.model.training.method} ${res.model.training.status} λ ${res.model.lambda.toExponential(3)} ${res.model.training.reason ?? ""}`,
);
log(
  `tf chance shares: given ${res.model.tfChance
    ?.slice(0, 4)
    .map((x) => x.toFixed(3))
    .join(" ")}; family ${res.model.tfChance
    ?.slice(4, 8)
    .map((x) => x.toFixed(3))
    .join(" ")}`,
);
log(
  `true pairs ${b.truePairsTotal}, missed by blocking ${missedByBlocking} (${((missedByBlocking / b.truePairsTotal!) * 100).toFixed(3)}%)`,
);
log(
  `pairs:    F1 ${ps.f1.toFixed(4)} P ${ps.precision.toFixed(4)} R ${ps.recall.toFixed(4)} tp ${ps.truePositives} fp ${ps.falsePositives} fn ${ps.falseNegatives}`,
);
log(
  `clusters: F1 ${cs.f1.toFixed(4)} P ${cs.precision.toFixed(4)} R ${cs.recall.toFixed(4)} tp ${cs.truePositives} fp ${cs.falsePositives} fn ${cs.falseNegatives}`,
);
log(`fn scored below threshold: ${ps.falseNegatives - missedByBlocking}`);
// Weight bands of true and false candidate pairs around the threshold.
const bands = [-Infinity, -10, -5, -3, -2, -1, 0, 1, 2, 3, 5, 10, Infinity];
const tp = new Array(bands.length - 1).fill(0);
const fp = new Array(bands.length - 1).fill(0);
for (let p = 0; p < pairs.count; p++) {
  const x = weights[p]!;
  let k = 0;
  while (x >= bands[k + 1]!) k++;
  if (truth[pairs.left[p]!] === truth[pairs.right[p]!]) tp[k]++;
  else fp[k]++;
}
log(`weight band (bits, link at ${linkWeight.toFixed(2)}): true / false`);
for (let k = 0; k + 1 < bands.length; k++) log(`  [${bands[k]}, ${bands[k + 1]}): ${tp[k]} / ${fp[k]}`);
// Entity size distribution vs cluster size distribution.
const sizes = new Map<number, number>();
for (let i = 0; i < truth.length; i++) sizes.set(truth[i]!, (sizes.get(truth[i]!) ?? 0) + 1);
const hist = new Map<number, number>();
for (const s of sizes.values()) hist.set(s, (hist.get(s) ?? 0) + 1);
log(
  `entity sizes: ${[...hist]
    .sort((a, b) => a[0] - b[0])
    .map(([s, c]) => `${s}:${c}`)
    .join(" ")}`,
);
log(
  `refused links: ${res.clusters!.refused.length}; timings ${JSON.stringify(Object.fromEntries(Object.entries(res.timings).map(([k, v]) => [k, Math.round(v)])))}`,
);
// Per-rule completeness, and true pairs found only by capped (budgeted) rules.
for (const r of b.rules)
  log(
    `  ${r.rule.padEnd(40)} pairs ${String(r.pairs).padStart(9)} new ${String(r.newPairs).padStart(9)} PC ${(r.pairsCompleteness ?? 0).toFixed(4)} oversized ${r.oversizedBlocks}/${r.oversizedRecords}`,
  );

// The agreement patterns holding most errors near the threshold: pattern → [true pairs, false pairs] within ±5 bits.
import { COMPARISONS, levelOf } from "../src/linkage/comparisons.ts";

const byPattern = new Map<number, [number, number, number, number]>();
for (let p = 0; p < pairs.count; p++) {
  const x = weights[p]!;
  if (x < -5 || x > 5) continue;
  const g = res.gammas[p]!;
  const e = byPattern.get(g) ?? [0, 0, 0, 0];
  const match = truth[pairs.left[p]!] === truth[pairs.right[p]!];
  if (match) e[0]++;
  else e[1]++;
  if (match && x < linkWeight) e[2]++;
  if (!match && x >= linkWeight) e[3]++;
  byPattern.set(g, e);
}
const describe = (g: number) =>
  COMPARISONS.map((c, k) => [c.name, levelOf(g, k)] as const)
    .filter(([, l]) => l > 0)
    .map(([n, l]) => `${n.slice(0, 6)}=${l}`)
    .join(" ");
const rows = [...byPattern].sort((a, b) => b[1][2] + b[1][3] - (a[1][2] + a[1][3])).slice(0, 25);
log("patterns with most errors in ±5 bits: true/false (fn/fp)");
for (const [g, [t, f, fn, fpos]] of rows)
  log(`  ${String(t).padStart(6)}/${String(f).padEnd(6)} (${fn}/${fpos})  ${describe(g)}`);

// A few explained errors of the top patterns.
import { explainPair } from "../src/linkage/explain.ts";

if (process.env.EXPLAIN) {
  const v = store.view();
  for (const [g] of rows.slice(0, Number(process.env.EXPLAIN))) {
    let shown = 0;
    for (let p = 0; p < pairs.count && shown < 2; p++) {
      if (res.gammas[p] !== g || Math.abs(weights[p]!) > 5) continue;
      const match = truth[pairs.left[p]!] === truth[pairs.right[p]!];
      if (match === weights[p]! >= linkWeight) continue;
      shown++;
      const e = explainPair(v, res.scorer, pairs.left[p]!, pairs.right[p]!);
      log(
        `  ${match ? "FN" : "FP"} ${loaded.ids[pairs.left[p]!]} ${loaded.ids[pairs.right[p]!]} w ${e.matchWeight.toFixed(2)} prior ${e.prior.toFixed(2)}: ${e.fields
          .filter((f) => f.level > 0)
          .map(
            (f) =>
              `${f.comparison}=${f.level}${f.context ? `[${f.context.trim()}]` : ""} ${f.weight.toFixed(2)}${f.tfAdjustment ? ` tf${f.tfAdjustment.toFixed(2)}` : ""}`,
          )
          .join("; ")}`,
      );
    }
  }
}
// Pairs output variants: links the clustering guard refused left out; scored pairs inside one cluster.
{
  const refused = new Uint8Array(pairs.count);
  for (const r of res.clusters!.refused) refused[r.pair] = 1;
  const clusterOf = res.clusters!.clusterOf;
  const w1 = new Float32Array(pairs.count);
  const w2 = new Float32Array(pairs.count);
  for (let p = 0; p < pairs.count; p++) {
    w1[p] = refused[p] ? -100 : weights[p]!;
    w2[p] = clusterOf[pairs.left[p]!] === clusterOf[pairs.right[p]!] ? 1 : -1;
  }
  const a = evaluatePairs(truth, pairs.left, pairs.right, w1, pairs.count, linkWeight);
  const c = evaluatePairs(truth, pairs.left, pairs.right, w2, pairs.count, 0);
  log(
    `pairs without refused links: F1 ${a.f1.toFixed(4)} P ${a.precision.toFixed(4)} R ${a.recall.toFixed(4)}`,
  );
  log(
    `scored pairs inside a cluster: F1 ${c.f1.toFixed(4)} P ${c.precision.toFixed(4)} R ${c.recall.toFixed(4)}`,
  );
}
