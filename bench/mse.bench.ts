/**
 * MSE benchmark: a 6-list estimate with AIC selection (the ceiling is 1 s), on the UK 2013 six-list data
 * (Home Office / modslavmse, data we did not make) and on a denser synthetic six-list population.
 * Run with `npm run bench:mse`. Prints, each as wall-clock and CPU time (user + system, JIT threads included; on a
 * machine shared with other work the CPU time is the steadier figure):
 *  - the estimator alone: the first call in this fresh process (cold: module load excluded, JIT cold) and the
 *    median of 20 further calls (warm), model search and profile interval included;
 *  - the whole command `harbor mse estimate FILE --model aic --format json`, start-up included, 5 fresh processes;
 *  - the same through the command's own modules only (no CLI framework): the floor a lazily loading CLI reaches.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { readCaptureCsv } from "../src/stats/mse/csv-input.ts";
import { estimatePopulation, type MseEstimate } from "../src/stats/mse/estimate.ts";
import { simulateTables } from "../test/mse-simulate.ts";

interface Timing {
  wall: number;
  cpu: number;
}

const CEILING_MS = 1000;
const ukFile = new URL("../data/benchmarks/mse/uk-2013-six-lists.csv", import.meta.url).pathname;
const uk = readCaptureCsv(readFileSync(ukFile, "utf8"));
const [synthetic] = simulateTables(
  {
    name: "six lists",
    population: 20_000,
    capture: [0.05, 0.1, 0.2, 0.08, 0.15, 0.03],
    dependence: [
      [0, 1, 1],
      [2, 3, -0.5],
      [4, 5, 0.8],
    ],
  },
  1,
  42,
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianTiming = (runs: Timing[]): Timing => ({
  wall: median(runs.map((r) => r.wall)),
  cpu: median(runs.map((r) => r.cpu)),
});
const fmt = (t: Timing) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;

function timed(f: () => unknown): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  f();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** A fresh process, timed by /usr/bin/time. */
function processTime(args: string[]): Timing {
  const out = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S", process.execPath, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  }).stderr.toString();
  const [wall, user, sys] = out
    .match(/TIME (\S+) (\S+) (\S+)/)!
    .slice(1)
    .map(Number);
  return { wall: wall! * 1000, cpu: (user! + sys!) * 1000 };
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}; ceiling ${CEILING_MS} ms`,
);
for (const [name, table] of [
  ["UK 2013, six lists (2,744 people, 38 of 63 cells empty)", uk],
  ["synthetic six lists (20,000 people)", synthetic!],
] as const) {
  let result: MseEstimate | undefined;
  const cold = timed(() => {
    result = estimatePopulation(table, { selection: "aic" });
  });
  const warm = medianTiming(
    Array.from({ length: 20 }, () => timed(() => estimatePopulation(table, { selection: "aic" }))),
  );
  const ci = result!.ci95.map((v) => (v === null ? "∞" : Math.round(v))).join(", ");
  console.log(
    `${name}: estimate ${Math.round(result!.estimate)} [${ci}], ${result!.model.interactions.length} interactions; ` +
      `estimator cold ${fmt(cold)}, warm median ${fmt(warm)}`,
  );
}

const harbor = new URL("../bin/harbor.js", import.meta.url).pathname;
const whole = Array.from({ length: 5 }, () =>
  processTime([harbor, "mse", "estimate", ukFile, "--model", "aic", "--format", "json"]),
);
console.log(
  `whole command on the UK six lists, start-up included: ${whole.map(fmt).join(", ")}; ` +
    `median ${fmt(medianTiming(whole))}`,
);
const cli = new URL("../src/stats/mse/mse-cli.ts", import.meta.url).href;
const options = {
  model: "aic",
  pThreshold: 0.02,
  interval: "profile",
  replicates: 1000,
  seed: 1,
  format: "json",
  lang: "en",
};
const direct = `import(${JSON.stringify(cli)}).then((m) => m.runEstimate(${JSON.stringify(ukFile)}, ${JSON.stringify(options)}))`;
const own = Array.from({ length: 5 }, () =>
  processTime(["--import", "tsx", "--input-type=module", "-e", direct]),
);
console.log(`the command's own modules only: ${own.map(fmt).join(", ")}; median ${fmt(medianTiming(own))}`);
