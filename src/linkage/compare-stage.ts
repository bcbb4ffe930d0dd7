import type { GammaResult, GammaTask, ScoreTask } from "./compare-range.ts";
import { gammaRange, scoreRange } from "./compare-range.ts";
import { fromMap, type PatternCounts } from "./em.ts";
import type { PairBuffer } from "./pair-buffer.ts";
import type { StoreView } from "./record-store.ts";
import type { Scorer } from "./score.ts";
import type { WorkerPool } from "./worker-pool.ts";

/** Below this many pairs, starting workers costs more than it saves. */
export const PARALLEL_MIN_PAIRS = 200_000;

function ranges(count: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  const step = Math.ceil(count / parts);
  for (let from = 0; from < count; from += step) out.push([from, Math.min(count, from + step)]);
  return out;
}

/** The view without the per-thread memos (each worker makes its own). */
function shareable(v: StoreView): Omit<StoreView, "caches"> {
  const { caches: _caches, ...rest } = v;
  return rest;
}

/**
 * Pass 1 of the comparison stage: the comparison vector of every candidate pair, on every worker when a pool is
 * given, plus the distinct patterns with counts (the input EM needs).
 */
export async function computeGammas(
  v: StoreView,
  pairs: PairBuffer,
  active: number,
  pool?: WorkerPool,
): Promise<{ gammas: Uint32Array; patterns: PatternCounts }> {
  const gammas = new Uint32Array(new SharedArrayBuffer(Math.max(1, pairs.count) * 4));
  const base = {
    kind: "gamma" as const,
    left: pairs.left,
    right: pairs.right,
    gammas,
    active,
  };
  let results: GammaResult[];
  if (!pool || pairs.count < PARALLEL_MIN_PAIRS) {
    results = [gammaRange({ ...base, view: v, from: 0, to: pairs.count })];
  } else {
    const view = shareable(v) as StoreView;
    // Several chunks per worker so an uneven chunk does not leave a core idle at the end.
    const chunks = ranges(pairs.count, pool.size * 4);
    results = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: pool.size }, async (_, w) => {
        while (next < chunks.length) {
          const [from, to] = chunks[next++]!;
          const task: GammaTask = { ...base, view, from, to };
          results.push(await pool.run<GammaResult>(w, task));
        }
      }),
    );
  }
  const map = new Map<number, number>();
  for (const r of results)
    for (let k = 0; k < r.patterns.length; k++)
      map.set(r.patterns[k]!, (map.get(r.patterns[k]!) ?? 0) + r.counts[k]!);
  return { gammas, patterns: fromMap(map) };
}

/** Pass 2 of the comparison stage: the total match weight of every pair, in parallel when a pool is given. */
export async function computeWeights(
  v: StoreView,
  pairs: PairBuffer,
  gammas: Uint32Array,
  scorer: Scorer,
  pool?: WorkerPool,
): Promise<Float32Array> {
  const weights = new Float32Array(new SharedArrayBuffer(Math.max(1, pairs.count) * 4));
  const base = { kind: "score" as const, left: pairs.left, right: pairs.right, gammas, weights, scorer };
  if (!pool || pairs.count < PARALLEL_MIN_PAIRS) {
    scoreRange({ ...base, view: v, from: 0, to: pairs.count });
    return weights;
  }
  const view = shareable(v) as StoreView;
  const chunks = ranges(pairs.count, pool.size);
  await Promise.all(
    chunks.map(([from, to], w) => pool.run(w, { ...base, view, from, to } satisfies ScoreTask)),
  );
  return weights;
}
