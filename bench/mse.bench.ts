/**
 * MSE benchmark: a 6-list estimate with AIC selection (the ceiling is 1 s), on the UK 2013 six-list data
 * (Home Office / modslavmse, data we did not make) and on a denser synthetic six-list population.
 * Run with `npm run bench:mse`. Prints:
 *  - the estimator alone: the first call in this fresh process (cold: module load excluded, JIT cold) and the
 *    median of 20 further calls (warm), model search and profile interval included;
 *  - the whole command `harbor mse estimate FILE --model aic --format json`, start-up included, 5 fresh processes;
 *  - the same through the command's own modules only (tsx, commander-free): the floor a lazily loading CLI reaches.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { readCaptureCsv } from "../src/stats/mse/csv-input.ts";
import { estimatePopulation } from "../src/stats/mse/estimate.ts";
import { simulateTables } from "../test/mse-simulate.ts";

const CEILING_MS = 1000;
const ukFile = new URL("../data/benchmarks/mse/uk-2013-six-lists.csv", import.meta.url).pathname;
const uk = readCaptureCsv(readFileSync(ukFile, "utf8"));
const [synthetic] = [
  ...simulateTables(
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
  ),
];

const ms = (f: () => unknown) => {
  const start = performance.now();
  f();
  return performance.now() - start;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
for (const [name, table] of [
  ["UK 2013, six lists (2,744 people, 38 of 63 cells empty)", uk],
  ["synthetic six lists (20,000 people)", synthetic!],
] as const) {
  let result: ReturnType<typeof estimatePopulation> | undefined;
  const cold = ms(() => {
    result = estimatePopulation(table, { selection: "aic" });
  });
  const warm = median(
    Array.from({ length: 20 }, () => ms(() => estimatePopulation(table, { selection: "aic" }))),
  );
  console.log(
    `${name}: estimate ${Math.round(result!.estimate)} [${result!.ci95.map((v) => (v === null ? "∞" : Math.round(v))).join(", ")}], ` +
      `${result!.model.interactions.length} interactions; estimator cold ${cold.toFixed(1)} ms, warm median ${warm.toFixed(1)} ms ` +
      `(ceiling ${CEILING_MS} ms)`,
  );
}

const harbor = new URL("../bin/harbor.js", import.meta.url).pathname;
const runs = Array.from({ length: 5 }, () =>
  ms(() =>
    execFileSync(process.execPath, [harbor, "mse", "estimate", ukFile, "--model", "aic", "--format", "json"]),
  ),
);
console.log(
  `whole command on the UK six lists, start-up included: ${runs.map((r) => r.toFixed(0)).join(", ")} ms ` +
    `(first is cold; median ${median(runs).toFixed(0)} ms)`,
);

const direct = `import(${JSON.stringify(new URL("../src/stats/mse/mse-cli.ts", import.meta.url).href)}).then((m) => m.runEstimate(${JSON.stringify(ukFile)}, { model: "aic", pThreshold: 0.02, interval: "profile", replicates: 1000, seed: 1, format: "json", lang: "en" }))`;
const own = Array.from({ length: 5 }, () =>
  ms(() => execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", direct])),
);
console.log(
  `the command's own modules only, start-up included: ${own.map((r) => r.toFixed(0)).join(", ")} ms ` +
    `(median ${median(own).toFixed(0)} ms)`,
);
