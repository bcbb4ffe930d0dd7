/**
 * FEBRL benchmark: `npm run bench:linkage-febrl`. The public FEBRL files in data/benchmarks/febrl/ (made by a
 * generator other than Harbor's), deduplicated and linked, with and without the national id, through the real
 * command in a fresh process per run: file in, pairs out, process start-up included. Prints pairwise F1 and wall
 * time beside the Python recordlinkage peer's figures from the data README.
 *
 * Each case runs `FEBRL_RUNS` times (default 5) through bin/harbor.js, the shipped command (compiled JavaScript
 * in dist/, built once before timing). The first run of each case is reported apart ("first": a fresh process
 * after the previous case, file cache warm) from the median of the others ("warm median"); with FEBRL_RUNS=1
 * only the first. Results: bench/out/linkage-febrl-results.json.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";

const root = new URL("../", import.meta.url);
const data = new URL("data/benchmarks/febrl/", root);
const out = new URL("bench/out/febrl/", root);
mkdirSync(out, { recursive: true });
const RUNS = Number(process.env.FEBRL_RUNS ?? 5);
const MAP =
  "given_name=given_name,family_name=surname,street_number=street_number,street=address_1," +
  "address_line_2=address_2,city=suburb,postcode=postcode,state=state,date_of_birth=date_of_birth";
const log = (s: string) => process.stdout.write(`${s}\n`);

/** The peer's F1 per file and variant, read from the data README's table (never typed in here). */
function peerFigures(): Map<string, { withId: number; withoutId: number }> {
  const readme = readFileSync(new URL("README.md", data), "utf8");
  const out = new Map<string, { withId: number; withoutId: number }>();
  for (const m of readme.matchAll(/^\| (dataset\d\.csv) \| F1 ([\d.]+)[^|]*\| F1 ([\d.]+)/gm))
    out.set(m[1]!, { withId: Number(m[2]), withoutId: Number(m[3]) });
  return out;
}

/** `rec-N-org` / `rec-N-dup-K`: records with the same N are one person (ground truth only, never a field). */
const entity = (id: string) => /^rec-(\d+)-/.exec(id)![1]!;

function ids(file: URL): string[] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.slice(0, l.indexOf(",")).trim());
}

/** True pairs: within one list (dedupe) or across two (link), as "a|b" keys with a < b. */
function truePairs(left: string[], right?: string[]): Set<string> {
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const byEntity = new Map<string, string[]>();
  for (const id of right ?? left) byEntity.set(entity(id), [...(byEntity.get(entity(id)) ?? []), id]);
  const out = new Set<string>();
  if (!right) {
    for (const group of byEntity.values())
      for (let a = 0; a < group.length; a++)
        for (let b = a + 1; b < group.length; b++) out.add(key(group[a]!, group[b]!));
  } else for (const a of left) for (const b of byEntity.get(entity(a)) ?? []) out.add(key(a, b));
  return out;
}

function score(pairsFile: URL, truth: Set<string>) {
  const found = readFileSync(pairsFile, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => {
      const [a, b] = l.split(",");
      return a! < b! ? `${a}|${b}` : `${b}|${a}`;
    });
  const tp = found.filter((k) => truth.has(k)).length;
  const precision = found.length === 0 ? 1 : tp / found.length;
  const recall = tp / truth.size;
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall, pairs: found.length };
}

/** The link case: one file split into two sides by record (odd and even rows), as two agencies' exports. */
function split(file: string): [URL, URL] {
  const lines = readFileSync(new URL(file, data), "utf8").trim().split("\n");
  const [header, ...rows] = lines;
  const left = new URL(file.replace(".csv", "-left.csv"), out);
  const right = new URL(file.replace(".csv", "-right.csv"), out);
  writeFileSync(left, `${[header, ...rows.filter((_, i) => i % 2 === 0)].join("\n")}\n`);
  writeFileSync(right, `${[header, ...rows.filter((_, i) => i % 2 === 1)].join("\n")}\n`);
  return [left, right];
}

// bin/harbor.js runs the compiled dist/ and compiles it first when sources are newer: build it here, untimed, so
// every timed run is the shipped command and none includes a build.
const t0 = performance.now();
execFileSync(process.execPath, [new URL("scripts/build-server.js", root).pathname], { stdio: "ignore" });
log(`dist/ built in ${((performance.now() - t0) / 1000).toFixed(2)} s (not timed below)`);
const launchers = { harbor: [new URL("bin/harbor.js", root).pathname] } as const;

const peers = peerFigures();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, unknown>[] = [];
log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}; ${RUNS} runs per case`,
);
log(
  "file          task    id   F1 (P / R)                peer F1  >= peer  bin/harbor.js first / warm median   engine",
);
for (const file of ["dataset1.csv", "dataset2.csv"]) {
  const [left, right] = split(file);
  for (const task of ["dedupe", "link"] as const) {
    for (const withId of [true, false]) {
      const inputs = task === "dedupe" ? [new URL(file, data).pathname] : [left.pathname, right.pathname];
      const truth =
        task === "dedupe" ? truePairs(ids(new URL(file, data))) : truePairs(ids(left), ids(right));
      const pairsFile = new URL(`${file}-${task}-${withId ? "id" : "noid"}.pairs.csv`, out);
      const args = [
        "link",
        task === "dedupe" ? "dedupe" : "pair",
        ...inputs,
        "--id",
        "rec_id",
        "--map",
        `${MAP}${withId ? ",national_id=soc_sec_id" : ""}`,
        "--out",
        pairsFile.pathname,
      ];
      const times: Record<string, number[]> = { harbor: [] };
      let engine = 0;
      let summary = "";
      for (const [name, entry] of Object.entries(launchers)) {
        for (let r = 0; r < RUNS; r++) {
          const start = performance.now();
          const run = spawnSync(process.execPath, [...entry, ...args], { encoding: "utf8" });
          times[name]!.push(performance.now() - start);
          if (run.status !== 0) throw new Error(`${name} ${args.join(" ")}: ${run.stderr}`);
          summary = run.stderr;
          engine = Number(/time: ([\d.]+) s/.exec(run.stderr)?.[1] ?? 0);
        }
      }
      const s = score(pairsFile, truth);
      const peer = peers.get(file)![withId ? "withId" : "withoutId"];
      const fmt = (xs: number[]) =>
        `${(xs[0]! / 1000).toFixed(2)} / ${xs.length > 1 ? (median(xs.slice(1)) / 1000).toFixed(2) : "-"} s`;
      log(
        `${file.padEnd(14)}${task.padEnd(8)}${(withId ? "yes" : "no").padEnd(5)}${s.f1.toFixed(4)} (${s.precision.toFixed(4)} / ${s.recall.toFixed(4)})   ${peer.toFixed(4)}   ${s.f1 >= peer ? "yes" : "NO "}      ${fmt(times.harbor!).padEnd(36)}${engine.toFixed(2)} s`,
      );
      results.push({
        file,
        task,
        nationalId: withId,
        ...s,
        truePairs: truth.size,
        peerF1: peer,
        peerNote:
          task === "link" ? "the peer's dedupe figure for the same file (it was not run on the split)" : "",
        harborMs: times.harbor,
        engineSeconds: engine,
        training: /training: .*/.exec(summary)?.[0],
      });
    }
  }
}
log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
log(
  "peer F1 of a link case: the peer's dedupe figure for the same file and variant (it was not run on the split).",
);
writeFileSync(new URL("bench/out/linkage-febrl-results.json", root), JSON.stringify(results, null, 2));
log("results: bench/out/linkage-febrl-results.json");
