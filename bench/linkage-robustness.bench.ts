/**
 * Robustness benchmark: `npm run bench:linkage-robustness`. The engine on files from a second, independent
 * generator (bench/linkage-profiles.ts), over a grid of profiles: missing values 5-30%, corruption 10-40%, people
 * with one to several records. Each file is written as CSV and deduplicated through `linkFiles` (the command's
 * code, in this process, one thread); pairwise F1 of the pairs written is printed with the training used.
 * Sizes: LINKAGE_ROBUST_PEOPLE persons per file (default 4,000). Results: bench/out/linkage-robustness.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { csvRows } from "../src/linkage/csv-write.ts";
import { linkFiles } from "../src/linkage/link-run.ts";
import { parseRoleMap } from "../src/linkage/load-people.ts";
import { generate, type Profile, roleMap } from "./linkage-profiles.ts";

const PEOPLE = Number(process.env.LINKAGE_ROBUST_PEOPLE ?? 4000);
const out = new URL("./out/robustness/", import.meta.url);
mkdirSync(out, { recursive: true });
const log = (s: string) => process.stdout.write(`${s}\n`);

const profiles: Profile[] = [];
for (const layout of ["contact", "address"] as const)
  for (const missing of [0.05, 0.18, 0.3])
    for (const corrupt of [0.1, 0.25, 0.4])
      profiles.push({
        name: `${layout} missing ${missing * 100}% corrupt ${corrupt * 100}%`,
        layout,
        missing,
        corrupt,
        extraRecords: layout === "contact" ? 1.5 : 0.4,
      });

function f1(file: string, pairsFile: string) {
  const entity = new Map<string, string>();
  const sizes = new Map<string, number>();
  for (const line of readFileSync(file, "utf8").trim().split("\n").slice(1)) {
    const [id, cluster] = line.split(",");
    entity.set(id!, cluster!);
    sizes.set(cluster!, (sizes.get(cluster!) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const c of sizes.values()) truePairs += (c * (c - 1)) / 2;
  const lines = readFileSync(pairsFile, "utf8").trim().split("\n").slice(1);
  const tp = lines.filter((l) => {
    const [a, b] = l.split(",");
    return entity.get(a!) === entity.get(b!);
  }).length;
  const p = tp / Math.max(1, lines.length);
  const r = tp / Math.max(1, truePairs);
  return { f1: (2 * p * r) / Math.max(1e-9, p + r), precision: p, recall: r, truePairs };
}

log(`${PEOPLE} people per file; load average ${loadavg()[0]!.toFixed(2)}`);
log("profile                                   records  true pairs   F1      P       R       training");
const results: Record<string, unknown>[] = [];
for (const [k, profile] of profiles.entries()) {
  const file = new URL(`${profile.layout}-${k}.csv`, out).pathname;
  writeFileSync(file, csvRows(generate(profile, PEOPLE, 100 + k)));
  const pairsFile = new URL(`${profile.layout}-${k}.pairs.csv`, out).pathname;
  const summary = await linkFiles([file], {
    mapping: { id: "unique_id", roles: parseRoleMap(roleMap(profile.layout, false)) },
    out: pairsFile,
    workers: 0,
  });
  const s = f1(file, pairsFile);
  const t = summary.result.model.training;
  const training =
    t.method === "fallback"
      ? `FALLBACK: ${t.reason}`
      : `${t.method} (${t.evidence}), λ ${summary.result.model.lambda.toFixed(3)}`;
  log(
    `${profile.name.padEnd(42)}${String(summary.records).padStart(7)}${String(s.truePairs).padStart(12)}   ${s.f1.toFixed(4)}  ${s.precision.toFixed(4)}  ${s.recall.toFixed(4)}  ${training}`,
  );
  results.push({ ...profile, records: summary.records, ...s, training: t });
}
writeFileSync(new URL("../linkage-robustness.json", out), JSON.stringify(results, null, 2));
log("results: bench/out/linkage-robustness.json");
