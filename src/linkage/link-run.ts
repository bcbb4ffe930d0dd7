import { activeMask, COMPARISONS } from "./comparisons.ts";
import type { CsvIssue } from "./csv-read.ts";
import { CsvWriter } from "./csv-write.ts";
import { explainPair, explanationCells } from "./explain.ts";
import { readLabels } from "./labels.ts";
import { type ColumnMapping, LinkageInputError, type LoadedPeople, loadPeopleCsv } from "./load-people.ts";
import { probabilityOf } from "./model.ts";
import { type LoadedModel, loadModelFile, saveModelFile, tfFromSaved, toSavedModel } from "./model-file.ts";
import { type LinkageOptions, type LinkageResult, runLinkage } from "./pipeline.ts";
import { RecordStore } from "./record-store.ts";
import type { Role } from "./types.ts";

/** What the file-level commands need: inputs, mapping, outputs and engine options. */
export interface FileLinkOptions extends LinkageOptions {
  mapping: ColumnMapping;
  delimiter?: string;
  /** Where to write pairs.csv; undefined writes to stdout. */
  out?: string;
  clustersOut?: string;
  reviewOut?: string;
  explain?: boolean;
  /** CSV of labelled pairs (`left_id,right_id,is_match`): train from them instead of unsupervised training. */
  labelsFile?: string;
  /** Score with this saved model (JSON) instead of training. */
  modelFile?: string;
  /** Write the model used (trained or loaded) here as JSON. */
  saveModelFile?: string;
  onIssue?: (file: string, issue: CsvIssue) => void;
  onProgress?: (stage: string, fraction: number) => void;
}

/** Summary of a file-level run, for the CLI and the benchmark. */
export interface FileLinkSummary {
  records: number;
  skippedRows: number;
  result: LinkageResult;
  pairsWritten: number;
  reviewWritten: number;
  clusters?: number;
  /** Labelled pairs used for training and label rows skipped, with `labelsFile`. */
  labels?: { used: number; matches: number; skipped: number };
  timings: Record<string, number>;
}

/**
 * `harbor link dedupe` / `harbor link pair` without the command-line parsing: reads one or two CSV files, runs
 * the engine and writes pairs (and clusters or the review band) as CSV. Pairs are written in input order
 * (left record first), one row per pair at or above the threshold that the clustering guard did not refuse.
 */
export async function linkFiles(files: string[], options: FileLinkOptions): Promise<FileLinkSummary> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  if (options.labelsFile && options.modelFile)
    throw new LinkageInputError("--labels and --model exclude each other: a loaded model is not trained");
  // The model is read before the data so a bad model file fails in milliseconds, not after reading the input.
  const saved: LoadedModel | undefined = options.modelFile
    ? await loadModelFile(options.modelFile)
    : undefined;
  const store = new RecordStore();
  const loaded: LoadedPeople[] = [];
  for (const [k, file] of files.entries()) {
    const l = await loadPeopleCsv(file, options.mapping, store, {
      source: k,
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      // --workers also sets the threads that parse and normalize the input (0: read on this thread).
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      onProgress: (f) => options.onProgress?.(`reading ${file}`, f),
    });
    for (const issue of l.issues) options.onIssue?.(file, issue);
    loaded.push(l);
  }
  timings.read = performance.now() - started;
  const ids = loaded.flatMap((l) => l.ids);
  const roles = Object.keys(options.mapping.roles) as Role[];
  let labelsSummary: FileLinkSummary["labels"];
  let labels: LinkageOptions["labels"];
  if (options.labelsFile) {
    const index = (l: LoadedPeople) => new Map(l.ids.map((id, k) => [id, l.offset + k]));
    const left = index(loaded[0]!);
    const read = await readLabels(options.labelsFile, left, loaded[1] ? index(loaded[1]) : left);
    for (const issue of read.issues) options.onIssue?.(options.labelsFile, issue);
    labels = read.labels;
    labelsSummary = { used: labels.isMatch.length, matches: labels.matches, skipped: read.issues.length };
  }
  if (saved) {
    const trained = Object.keys(saved.saved.roles).sort().join(",");
    if (trained !== [...roles].sort().join(","))
      saved.model.training.warnings.push(
        `model was trained with roles ${trained}; this run maps ${roles.join(",")}`,
      );
  }
  const result = await runLinkage(store, activeMask(roles), {
    ...options,
    ...(labels ? { labels } : {}),
    ...(saved ? { model: saved.model, tf: tfFromSaved(saved.saved, store) } : {}),
    crossSourceOnly: files.length > 1,
    cluster: files.length === 1,
  });
  Object.assign(timings, result.timings);
  const t = performance.now();
  const { pairs, weights, linkWeight, reviewWeight } = result;
  // Output order: by left record, then right record (a stable, reviewable order).
  const chosen: number[] = [];
  const review: number[] = [];
  // A link the clustering guard refused is not written as a pair: pairs.csv then never joins two records that
  // clusters.csv keeps apart. It goes to the review output with the guard's reason instead.
  const refused = new Uint8Array(pairs.count);
  for (const r of result.clusters?.refused ?? []) refused[r.pair] = 1;
  for (let p = 0; p < pairs.count; p++) {
    const w = weights[p]!;
    if (w >= linkWeight) {
      if (!refused[p]) chosen.push(p);
    } else if (w >= reviewWeight) review.push(p);
  }
  const byRecords = (a: number, b: number) =>
    pairs.left[a]! - pairs.left[b]! || pairs.right[a]! - pairs.right[b]!;
  chosen.sort(byRecords);
  const view = store.view();
  const explainColumns = [
    "match_weight",
    "prior",
    ...COMPARISONS.filter((_, k) => result.model.active & (1 << k)).map((c) => c.name),
  ];
  const header = ["left_id", "right_id", "match_probability", ...(options.explain ? explainColumns : [])];
  const writer = new CsvWriter(options.out ?? process.stdout, header);
  for (const p of chosen) {
    const i = pairs.left[p]!;
    const j = pairs.right[p]!;
    const row = [ids[i]!, ids[j]!, probabilityOf(weights[p]!).toFixed(6)];
    if (options.explain) {
      const cells = explanationCells(explainPair(view, result.scorer, i, j));
      for (const c of explainColumns) row.push(cells[c] ?? "");
    }
    await writer.row(row);
  }
  await writer.close();
  let reviewWritten = 0;
  if (options.reviewOut) {
    const refused = result.clusters?.refused ?? [];
    const rows = [
      ...review.map((p) => ({ p, reason: "review band" })),
      ...refused.map((r) => ({ p: r.pair, reason: `link refused by guard (${r.reason})` })),
    ];
    rows.sort((a, b) => byRecords(a.p, b.p));
    const rw = new CsvWriter(options.reviewOut, ["left_id", "right_id", "match_probability", "reason"]);
    for (const { p, reason } of rows)
      await rw.row([
        ids[pairs.left[p]!]!,
        ids[pairs.right[p]!]!,
        probabilityOf(weights[p]!).toFixed(6),
        reason,
      ]);
    await rw.close();
    reviewWritten = rows.length;
  }
  if (options.saveModelFile)
    await saveModelFile(
      options.saveModelFile,
      toSavedModel(result.model, options.mapping.roles, store, result.scorer.tf),
    );
  const summary: FileLinkSummary = {
    ...(labelsSummary ? { labels: labelsSummary } : {}),
    records: store.n,
    skippedRows: loaded.reduce((s, l) => s + l.issues.length, 0),
    result,
    pairsWritten: chosen.length,
    reviewWritten,
    timings,
  };
  if (options.clustersOut && result.clusters) {
    const { clusterOf } = result.clusters;
    // A cluster is named by the id of its first record in the file.
    const firstId: string[] = [];
    for (let i = 0; i < clusterOf.length; i++) firstId[clusterOf[i]!] ??= ids[i]!;
    const cw = new CsvWriter(options.clustersOut, ["record_id", "cluster_id"]);
    for (let i = 0; i < clusterOf.length; i++) await cw.row([ids[i]!, firstId[clusterOf[i]!]!]);
    await cw.close();
    summary.clusters = result.clusters.clusters;
  }
  timings.write = performance.now() - t;
  timings.total = performance.now() - started;
  return summary;
}
