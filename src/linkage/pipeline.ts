import { type BlockingMetrics, blockPairs } from "./blocking.ts";
import { type ClusterResult, clusterPairs } from "./cluster.ts";
import { computeGammas, computeWeights, PARALLEL_MIN_PAIRS } from "./compare-stage.ts";
import { type LabelledPairs, trainOnLabels } from "./labels.ts";
import { type LinkageModel, logit2 } from "./model.ts";
import type { PairBuffer } from "./pair-buffer.ts";
import { estimateURandom } from "./random-u.ts";
import type { RecordStore } from "./record-store.ts";
import { compileScorer, type Scorer } from "./score.ts";
import { type TfTables, termFrequencies } from "./term-frequency.ts";
import { estimateTfChance } from "./tf-chance.ts";
import { fallbackModel, strictShare, trainUnsupervised } from "./train-unsupervised.ts";
import { WorkerPool } from "./worker-pool.ts";

/** Options for {@link runLinkage}. Probabilities are converted to match weights for every decision. */
export interface LinkageOptions {
  /** Pairs at or above this match probability are links (default 0.5). */
  threshold?: number;
  /** Pairs at or above this probability but below `threshold` form the review band (default 0.1). */
  reviewThreshold?: number;
  /** Scored pairs below this probability are conflicts for the clustering guard (default 0.01). */
  conflictProbability?: number;
  maxClusterSize?: number;
  /** Number of worker threads for the comparison stage; 0 runs on the calling thread (default: all cores). */
  workers?: number;
  /** Use this model instead of training one. */
  model?: LinkageModel;
  /** Term-frequency tables to score with instead of computing them from these records (a saved model's). */
  tf?: TfTables;
  /** Train m, u and λ from these labelled pairs instead of unsupervised training. */
  labels?: LabelledPairs;
  /** Below this many candidate pairs EM is not attempted and the fallback model scores, announced (default 100). */
  minPairsForEm?: number;
  /** Multiplier of the term-frequency adjustment (default 1; 0 turns it off). */
  tfWeight?: number;
  /** Only pairs across sources (linking two files rather than deduplicating one). */
  crossSourceOnly?: boolean;
  /** Skip clustering (pairs only). */
  cluster?: boolean;
  maxBlockSize?: number;
  truth?: Int32Array;
  /** Called as each stage starts, for progress display. */
  onStage?: (stage: string) => void;
}

/** Everything a linkage run produced. Weights are total match weights in bits, one per candidate pair. */
export interface LinkageResult {
  pairs: PairBuffer;
  gammas: Uint32Array;
  weights: Float32Array;
  model: LinkageModel;
  scorer: Scorer;
  blocking: BlockingMetrics;
  linkWeight: number;
  reviewWeight: number;
  clusters?: ClusterResult;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  workers: number;
}

/**
 * Runs blocking, comparison, training, scoring and clustering over the records in `store`.
 * Training without labels is judged by the fit guard (fit-guard.ts); when no fit passes, the fallback model
 * scores and `model.training.method` is `fallback` with the reason.
 */
export async function runLinkage(
  store: RecordStore,
  active: number,
  options: LinkageOptions = {},
): Promise<LinkageResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - t;
    t = now;
  };
  const v = store.view();
  options.onStage?.("blocking");
  const { pairs, metrics } = blockPairs(v, {
    crossSourceOnly: options.crossSourceOnly ?? false,
    ...(options.truth ? { truth: options.truth } : {}),
    ...(options.maxBlockSize ? { maxBlockSize: options.maxBlockSize } : {}),
  });
  lap("blocking");
  const useWorkers = (options.workers ?? 1) > 0 && pairs.count >= PARALLEL_MIN_PAIRS;
  const pool = useWorkers ? new WorkerPool(options.workers) : undefined;
  try {
    options.onStage?.("comparing");
    const { gammas, patterns } = await computeGammas(v, pairs, active, pool);
    lap("compare");
    options.onStage?.("training");
    let model: LinkageModel;
    if (options.model) model = { ...options.model, active };
    // Labels do not need many candidate pairs: the labelled pairs themselves are the training set.
    else if (options.labels) model = trainOnLabels(v, options.labels, active);
    else {
      const minPairs = options.minPairsForEm ?? 100;
      // u from random pairs only starts EM (and scores a fallback): 10,000-50,000 pairs pin it well enough.
      const samples = Math.min(50_000, Math.max(10_000, 2 * v.n));
      const randomU = estimateURandom(v, active, samples, 1, options.crossSourceOnly ?? false);
      model =
        pairs.count < minPairs
          ? fallbackModel(
              active,
              randomU,
              strictShare(patterns, active),
              `${pairs.count} candidate pairs are too few for EM (minimum ${minPairs})`,
            )
          : trainUnsupervised({ patterns, randomU, active });
    }
    if (options.tfWeight !== undefined) model.tfWeight = options.tfWeight;
    const tf = options.tf ?? termFrequencies(v);
    // A loaded model keeps the shares it was saved with; a trained one learns them from these candidates.
    if (!model.tfChance && model.tfWeight !== 0)
      model.tfChance = estimateTfChance(v, pairs, gammas, model, tf);
    lap("train");
    options.onStage?.("scoring");
    const scorer = compileScorer(model, tf);
    const weights = await computeWeights(v, pairs, gammas, scorer, pool);
    lap("score");
    const linkWeight = logit2(options.threshold ?? 0.5);
    const reviewWeight = Math.min(linkWeight, logit2(options.reviewThreshold ?? 0.1));
    const result: LinkageResult = {
      pairs,
      gammas,
      weights,
      model,
      scorer,
      blocking: metrics,
      linkWeight,
      reviewWeight,
      timings,
      workers: pool?.size ?? 0,
    };
    if (options.cluster !== false) {
      options.onStage?.("clustering");
      result.clusters = clusterPairs(v.n, pairs.left, pairs.right, weights, pairs.count, {
        linkWeight,
        conflictWeight: logit2(options.conflictProbability ?? 0.01),
        maxClusterSize: options.maxClusterSize ?? 100,
      });
      lap("cluster");
    }
    return result;
  } finally {
    await pool?.close();
  }
}
