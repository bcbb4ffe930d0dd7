/**
 * Routing benchmark: evaluations per second on one core (the floor is 10,000/s, warm).
 * Run with `npm run bench:routing`. Cycles through the everyday caseworker situations plus empty and
 * sparse facts (empty facts are the slowest case: every question has to be weighed), so the figure is a
 * fair mix. Each language runs in a fresh process, so its cold figures are its own:
 * - compile: loading the rules and directory and compiling the router;
 * - cold: the first 2,000 evaluations, as a server's first requests meet them (JIT not warmed up);
 * - warm: after 5,000 evaluations of warm-up, the median of 3 rounds of 50,000.
 * The first line says the machine and its load average: other work on the machine lowers every figure.
 */
import { fork } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { Lang } from "../src/modules/directory/directory.lang.ts";
import { FactsSchema } from "../src/modules/routing/routing.schema.ts";
import { defaultRouter } from "../src/modules/routing/routing.service.ts";
import { SITUATIONS } from "../test/routing-situations.ts";

const FLOOR = 10_000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function measure(lang: Lang): boolean {
  const inputs = [
    ...SITUATIONS.map((s) => s.facts),
    {},
    { victim: { age: 15 } },
    { requester: "public" as const },
  ].map((f) => FactsSchema.parse(f));
  const empty = FactsSchema.parse({});
  const compileStart = performance.now();
  const router = defaultRouter(lang);
  const compileMs = performance.now() - compileStart;
  let sink = 0;
  const rate = (iterations: number, facts: (i: number) => (typeof inputs)[number]): number => {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) sink += router.evaluate(facts(i)).recommendations.length;
    return (iterations / (performance.now() - start)) * 1000;
  };
  const mix = (i: number) => inputs[i % inputs.length]!;
  const cold = rate(2_000, mix);
  rate(5_000, mix); // warm-up: let the JIT settle
  const rounds = [rate(50_000, mix), rate(50_000, mix), rate(50_000, mix)].sort((a, b) => a - b);
  const warm = rounds[1]!;
  const warmEmpty = rate(20_000, () => empty);
  if (sink < 0) console.log(sink);
  console.log(
    `routing (${lang}): compile ${Math.round(compileMs)} ms; cold ${fmt(cold)}/s (first 2,000 evaluations); ` +
      `warm ${fmt(warm)}/s (mix of ${inputs.length} situations, median of 3 × 50,000; rounds ${rounds.map(fmt).join(", ")}); ` +
      `warm ${fmt(warmEmpty)}/s for empty facts (worst case)`,
  );
  return warm >= FLOOR && warmEmpty >= FLOOR;
}

const child = process.argv[2] as Lang | undefined;
if (child) {
  if (!measure(child)) process.exitCode = 1;
} else {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  console.log(
    `routing bench: Node ${process.version}, ${cpus()[0]?.model.trim()} × ${cpus().length}, load average ${load} (1, 5, 15 min)`,
  );
  let met = true;
  for (const lang of ["en", "es"] as const) {
    // A fresh process per language: its cold figures do not ride on the other language's warm JIT.
    const code = await new Promise<number | null>((done) =>
      fork(import.meta.filename, [lang], { stdio: "inherit" }).on("exit", done),
    );
    met &&= code === 0;
  }
  console.log(`floor ${fmt(FLOOR)}/s (warm, mix and empty facts): ${met ? "met" : "NOT MET"}`);
  if (!met) process.exitCode = 1;
}
