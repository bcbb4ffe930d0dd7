/**
 * Routing benchmark: evaluations per second on one core (the floor is 10,000/s).
 * Run with `npm run bench:routing`. Cycles through the everyday caseworker situations plus empty and
 * sparse facts (the slowest case: every question has to be weighed), so the figure is a fair mix.
 * Both languages are measured: Spanish texts are compiled into their own router at load, so evaluating
 * in Spanish must cost what it costs in English.
 */
import { performance } from "node:perf_hooks";
import type { Lang } from "../src/modules/directory/directory.lang.ts";
import { FactsSchema } from "../src/modules/routing/routing.schema.ts";
import { defaultRouter } from "../src/modules/routing/routing.service.ts";
import { SITUATIONS } from "../test/routing-situations.ts";

const FLOOR = 10_000;
const inputs = [
  ...SITUATIONS.map((s) => s.facts),
  {},
  { victim: { age: 15 } },
  { requester: "public" as const },
].map((f) => FactsSchema.parse(f));

function measure(lang: Lang): { median: number; worst: number } {
  const router = defaultRouter(lang);
  const run = (iterations: number): number => {
    let sink = 0;
    const start = performance.now();
    for (let i = 0; i < iterations; i++)
      sink += router.evaluate(inputs[i % inputs.length]!).recommendations.length;
    const ms = performance.now() - start;
    if (sink < 0) console.log(sink);
    return (iterations / ms) * 1000;
  };
  run(5_000); // warm-up: let the JIT settle
  const rounds = [run(50_000), run(50_000), run(50_000)];
  const median = rounds.sort((a, b) => a - b)[1]!;
  const empty = FactsSchema.parse({});
  const start = performance.now();
  for (let i = 0; i < 20_000; i++) router.evaluate(empty);
  return { median, worst: (20_000 / (performance.now() - start)) * 1000 };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
let met = true;
for (const lang of ["en", "es"] as const) {
  const { median, worst } = measure(lang);
  console.log(
    `routing (${lang}): ${fmt(median)} evaluations/s (mix of ${inputs.length} situations, median of 3 rounds, one core)`,
  );
  console.log(
    `routing (${lang}): ${fmt(worst)} evaluations/s for empty facts (worst case: every question weighed)`,
  );
  met &&= median >= FLOOR && worst >= FLOOR;
}
console.log(`floor ${FLOOR.toLocaleString("en-US")}/s: ${met ? "met" : "NOT MET"}`);
if (!met) process.exitCode = 1;
