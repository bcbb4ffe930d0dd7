import { Rng, WeightedPicker } from "../src/linkage/synth/random.ts";
import type { CaptureTable } from "../src/stats/mse/capture-table.ts";

/** A closed population for simulation: capture probabilities per list and log-odds-ratio dependences. */
export interface Scenario {
  readonly name: string;
  readonly population: number;
  readonly capture: readonly number[];
  /** Two-way log-linear interactions [i, j, γ]: γ > 0 makes being on both lists more likely. */
  readonly dependence?: ReadonlyArray<readonly [number, number, number]>;
}

/** Cell probabilities of the log-linear model: π_c ∝ Π odds_i^{c_i} · Π exp(γ_ij c_i c_j). */
function cellProbabilities(s: Scenario): Float64Array {
  const k = s.capture.length;
  const w = new Float64Array(1 << k);
  for (let c = 0; c < w.length; c++) {
    let log = 0;
    for (let i = 0; i < k; i++) if (c & (1 << i)) log += Math.log(s.capture[i]! / (1 - s.capture[i]!));
    for (const [i, j, g] of s.dependence ?? []) if (c & (1 << i) && c & (1 << j)) log += g;
    w[c] = Math.exp(log);
  }
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

/** Draws capture tables of the scenario's population, reproducibly from the seed. */
export function* simulateTables(s: Scenario, count: number, seed: number): Generator<CaptureTable> {
  const rng = new Rng(seed);
  const p = cellProbabilities(s);
  const picker = new WeightedPicker(
    Array.from(p, (_, c) => c),
    p,
  );
  const lists = s.capture.map((_, i) => String.fromCharCode(65 + i));
  for (let n = 0; n < count; n++) {
    const counts = new Float64Array(p.length);
    for (let person = 0; person < s.population; person++) counts[picker.pick(rng)]! += 1;
    counts[0] = 0;
    yield { lists, counts };
  }
}
