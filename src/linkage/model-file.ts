import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { COMPARISONS, CONTEXTS, slot } from "./comparisons.ts";
import type { LinkageModel } from "./model.ts";
import type { RecordStore } from "./record-store.ts";
import type { TfTables } from "./term-frequency.ts";
import { ROLES, type Role } from "./types.ts";

/** Identifies a Harbor linkage model file; anything else is refused before its content is trusted. */
export const MODEL_FORMAT = "harbor-linkage-model";
/** Bumped whenever the meaning of a field changes, so an old file is refused rather than misread. */
export const MODEL_VERSION = 2;

/** A problem with a model file, worded for the command line (one line, names the file and the problem). */
export class ModelFileError extends Error {}

const probabilities = z.array(z.number().min(0).max(1));

const trainingSchema = z.object({
  method: z.enum(["em", "labels", "fallback"]),
  status: z.enum(["converged", "max_iterations_reached", "skipped"]),
  iterations: z.number(),
  maxChange: z.number(),
  pairs: z.number(),
  distinctPatterns: z.number(),
  warnings: z.array(z.string()),
  logLikelihood: z.number().optional(),
  likelihoodGain: z.number().optional(),
  checks: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string() })).optional(),
  start: z.string().optional(),
  reason: z.string().optional(),
});

const tfSchema = z.object({
  /** Adjustment (bits) for a name absent from the training data. */
  unseen: z.number(),
  /** Name (normalized, as interned) → adjustment in bits. */
  values: z.record(z.string(), z.number()),
});

/**
 * The JSON layout of a saved model (version 2: address parts as separate comparisons, m and u per context).
 * Validated on load with this schema.
 */
export const savedModelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  createdAt: z.string(),
  /** Column roles of the mapping the model was trained with (role → column name). */
  roles: z.partialRecord(z.enum(ROLES), z.string()),
  active: z.number().int().min(0),
  lambda: z.number().gt(0).lt(1),
  tfWeight: z.number(),
  comparisons: z.array(
    z.object({
      name: z.string(),
      labels: z.array(z.string()),
      /** Per context (none of the parents comparable, a parent agreeing, all differing): m, u and weights. */
      contexts: z
        .array(
          z.object({
            m: probabilities,
            u: probabilities,
            /** log2(m/u) per level, for readers; scoring recomputes them from m and u. */
            weights: z.array(z.number().nullable()),
          }),
        )
        .length(CONTEXTS),
    }),
  ),
  tf: z.object({ given: tfSchema, family: tfSchema }).nullable(),
  /** Per slot (comparison × context), the chance share that scales the term-frequency adjustment (tf-chance.ts). */
  tfChance: z
    .array(z.number().min(0).max(1))
    .length(COMPARISONS.length * CONTEXTS)
    .optional(),
  training: trainingSchema,
});

/** A saved model as read from JSON. */
export type SavedModel = z.infer<typeof savedModelSchema>;

/** A loaded model ready for the pipeline: the model, its term-frequency tables by name, and its mapping roles. */
export interface LoadedModel {
  model: LinkageModel;
  saved: SavedModel;
}

function tfSection(table: Float32Array, store: RecordStore, used: Int32Array, n: number) {
  // Only names some record actually has: canonical forms and other pool entries never get an adjustment.
  const values: Record<string, number> = {};
  let unseen = 0;
  for (let i = 0; i < n; i++) {
    const id = used[i]!;
    if (id < 0) continue;
    const name = store.names.get(id);
    if (values[name] !== undefined) continue;
    values[name] = table[id]!;
    // A name absent from training is at least as rare as the rarest name seen in it.
    unseen = Math.max(unseen, table[id]!);
  }
  return { unseen, values };
}

/** Builds the JSON form of a trained model, with the term-frequency tables keyed by name so ids do not matter. */
export function toSavedModel(
  model: LinkageModel,
  roles: Partial<Record<Role, string>>,
  store: RecordStore,
  tf: TfTables | undefined,
): SavedModel {
  const v = store.view();
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    createdAt: new Date().toISOString(),
    roles,
    active: model.active,
    lambda: model.lambda,
    tfWeight: model.tfWeight,
    comparisons: COMPARISONS.map((c, k) => ({
      name: c.name,
      labels: [...c.labels],
      contexts: Array.from({ length: CONTEXTS }, (_, x) => {
        const m = model.m[slot(k, x)]!;
        const u = model.u[slot(k, x)]!;
        return { m, u, weights: c.labels.map((_, l) => (l === 0 ? null : Math.log2(m[l]! / u[l]!))) };
      }),
    })),
    ...(model.tfChance ? { tfChance: model.tfChance } : {}),
    tf: tf
      ? {
          given: tfSection(tf.given, store, v.given, v.n),
          family: tfSection(tf.family, store, v.family, v.n),
        }
      : null,
    training: model.training,
  };
}

/** Writes a model file (pretty-printed: it is meant to be read and diffed). */
export async function saveModelFile(file: string, saved: SavedModel): Promise<void> {
  await writeFile(file, `${JSON.stringify(saved, null, 2)}\n`);
}

/**
 * Reads and validates a model file.
 * @throws ModelFileError (one line) when the file is missing, not JSON, not a Harbor linkage model, of an
 *   unknown version, or fails the schema (naming the first offending field).
 */
export async function loadModelFile(file: string): Promise<LoadedModel> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ModelFileError(
      `cannot read model file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelFileError(`${file} is not a Harbor linkage model: not valid JSON`);
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  // Format and version first, so the error says what is wrong rather than listing every mismatching field.
  if (typeof head !== "object" || head === null || head.format !== MODEL_FORMAT)
    throw new ModelFileError(`${file} is not a Harbor linkage model (no "format": "${MODEL_FORMAT}")`);
  if (head.version !== MODEL_VERSION)
    throw new ModelFileError(
      `${file}: unknown model version ${JSON.stringify(head.version)} (this Harbor reads version ${MODEL_VERSION})`,
    );
  const parsed = savedModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFileError(`${file}: invalid model: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const saved = parsed.data;
  const m: number[][] = [];
  const u: number[][] = [];
  for (const [k, c] of COMPARISONS.entries()) {
    const s = saved.comparisons[k];
    const levels = c.labels.length;
    if (!s || s.name !== c.name || s.contexts.some((x) => x.m.length !== levels || x.u.length !== levels))
      throw new ModelFileError(
        `${file}: invalid model: comparison ${k} should be "${c.name}" with ${levels} levels per context`,
      );
    for (const x of s.contexts) {
      m.push(x.m);
      u.push(x.u);
    }
  }
  const model: LinkageModel = {
    active: saved.active,
    lambda: saved.lambda,
    m,
    u,
    tfWeight: saved.tfWeight,
    ...(saved.tfChance ? { tfChance: [...saved.tfChance] } : {}),
    training: { ...saved.training, warnings: [...saved.training.warnings] },
  };
  return { model, saved };
}

/**
 * Term-frequency tables for the records in `store` from a saved model: the adjustment of each name as it was in
 * training, so the same data scores exactly as in the run that saved the model (not recomputed from this data).
 */
export function tfFromSaved(saved: SavedModel, store: RecordStore): TfTables | undefined {
  if (!saved.tf) return undefined;
  const size = store.names.count;
  const table = (section: { unseen: number; values: Record<string, number> }) => {
    const out = new Float32Array(size).fill(section.unseen);
    for (const [name, adj] of Object.entries(section.values)) {
      const id = store.names.lookup(name);
      if (id >= 0) out[id] = adj;
    }
    return out;
  };
  return { given: table(saved.tf.given), family: table(saved.tf.family) };
}
