import { PersonFactory } from "./person-factory.ts";
import { Rng } from "./random.ts";
import { renderRecord } from "./render.ts";

/** Options of the synthetic person generator. */
export interface SynthOptions {
  /** Number of records to write. */
  n: number;
  /** Share of records that are extra records of an already present person (0 ≤ rate < 1). */
  duplicates: number;
  seed: number;
  /** Share of people who live in an earlier person's household (default 0.25). */
  households?: number;
}

/**
 * Generates synthetic person records with a ground-truth `entity_id` column, reproducibly from the seed.
 * Records are shuffled, so duplicates are not adjacent. Yields string rows matching SYNTH_HEADER.
 * @throws RangeError on a duplicate rate outside [0, 1) or a negative n.
 */
export function* synthPersons(options: SynthOptions): Generator<string[]> {
  const { n, duplicates } = options;
  if (!(n >= 0) || !(duplicates >= 0 && duplicates < 1))
    throw new RangeError("n must be >= 0 and duplicates in [0, 1)");
  const rng = new Rng(options.seed);
  const factory = new PersonFactory(rng);
  const originals = Math.max(n > 0 ? 1 : 0, Math.round(n * (1 - duplicates)));
  const people = Array.from({ length: originals }, (_, e) => factory.person(e, options.households ?? 0.25));
  // The plan: every person once, plus duplicates of randomly chosen people; then shuffled (Fisher-Yates).
  const plan = new Int32Array(n);
  for (let i = 0; i < n; i++) plan[i] = i < originals ? i : rng.int(originals);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = plan[i]!;
    plan[i] = plan[j]!;
    plan[j] = t;
  }
  const seen = new Uint8Array(originals);
  for (let i = 0; i < n; i++) {
    const e = plan[i]!;
    const duplicate = seen[e] === 1;
    seen[e] = 1;
    yield renderRecord(rng, factory, people[e]!, duplicate, `R${i + 1}`);
  }
}
