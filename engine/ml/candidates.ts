/**
 * The candidate space of the model search, and the mapping of Redshift HYPERPARAMETERS (XGBoost / MLP /
 * linear learner / k-means spellings) to our learners' parameters.
 */
import { MlError } from './errors.js';
import type { Task } from './learners/tasks.js';
import type { Algorithm, ModelType, Params } from './types.js';

export interface CandidateSpec {
  algorithm: Exclude<Algorithm, 'kmeans'>;
  params: Params;
}

/** Learner used to judge engineered features (fast boosting). */
export const PROBE_CANDIDATE: CandidateSpec = {
  algorithm: 'gbdt',
  params: { rounds: 150, learningRate: 0.1, maxDepth: 5, minChildWeight: 1, lambda: 1, maxBins: 64 },
};

const GBDT: Params[] = [
  { rounds: 300, learningRate: 0.1, maxDepth: 6, minChildWeight: 1, lambda: 1, maxBins: 255 },
  { rounds: 400, learningRate: 0.05, maxDepth: 4, minChildWeight: 1, lambda: 1, maxBins: 255 },
  { rounds: 300, learningRate: 0.1, maxDepth: 8, minChildWeight: 2, lambda: 1, subsample: 0.8, colsample: 0.8, maxBins: 255 },
  { rounds: 300, learningRate: 0.05, maxDepth: 6, minChildWeight: 3, lambda: 5, subsample: 0.8, colsample: 0.7, maxBins: 255 },
  { rounds: 200, learningRate: 0.2, maxDepth: 3, minChildWeight: 1, lambda: 1, maxBins: 255 },
];

/** Ordered candidates (most promising first, so a tight MAX_RUNTIME still gets a good model). */
export function candidateSpace(task: Task, modelType: ModelType): CandidateSpec[] {
  const linear: CandidateSpec['algorithm'] = task === 'regression' ? 'linear_regression' : 'logistic_regression';
  const gbdt = GBDT.map((params): CandidateSpec => ({ algorithm: 'gbdt', params }));
  const mlp: CandidateSpec[] = [
    { algorithm: 'mlp', params: { hidden: 16, epochs: 40, learningRate: 0.01, l2: 1e-4, batchSize: 64 } },
    { algorithm: 'mlp', params: { hidden: 32, epochs: 40, learningRate: 0.005, l2: 1e-3, batchSize: 32 } },
  ];
  const lin: CandidateSpec[] = [
    { algorithm: linear, params: { l2: 1e-3 } },
    { algorithm: linear, params: { l2: 0.1 } },
  ];
  if (modelType === 'XGBOOST') return gbdt;
  if (modelType === 'MLP') return mlp;
  if (modelType === 'LINEAR_LEARNER') return lin;
  return [
    gbdt[0] as CandidateSpec,
    { algorithm: 'random_forest', params: { trees: 100, maxDepth: 12, minSamplesLeaf: 1, maxBins: 255 } },
    gbdt[1] as CandidateSpec,
    lin[0] as CandidateSpec,
    gbdt[2] as CandidateSpec,
    { algorithm: 'decision_tree', params: { maxDepth: 6, minSamplesLeaf: 5, maxBins: 255 } },
    mlp[0] as CandidateSpec,
    gbdt[3] as CandidateSpec,
    { algorithm: 'random_forest', params: { trees: 150, maxDepth: 16, minSamplesLeaf: 2, featureFraction: 0.5, maxBins: 255 } },
    gbdt[4] as CandidateSpec,
    lin[1] as CandidateSpec,
  ];
}

const XGB_KEYS: Record<string, string> = {
  num_round: 'rounds',
  num_rounds: 'rounds',
  eta: 'learningRate',
  learning_rate: 'learningRate',
  max_depth: 'maxDepth',
  min_child_weight: 'minChildWeight',
  lambda: 'lambda',
  reg_lambda: 'lambda',
  gamma: 'gamma',
  subsample: 'subsample',
  colsample_bytree: 'colsample',
  max_bin: 'maxBins',
};
const MLP_KEYS: Record<string, string> = {
  hidden: 'hidden',
  num_hidden: 'hidden',
  epochs: 'epochs',
  learning_rate: 'learningRate',
  wd: 'l2',
  l2: 'l2',
  mini_batch_size: 'batchSize',
};
const LINEAR_KEYS: Record<string, string> = { wd: 'l2', l2: 'l2', l1: 'l2' };
const KMEANS_KEYS: Record<string, string> = { k: 'k', epochs: 'iterations', max_iterations: 'iterations' };
/** Accepted and ignored (they only repeat what the model already knows). */
const IGNORED = new Set(['objective', 'num_class', 'predictor_type', 'feature_dim']);

/** Translate `HYPERPARAMETERS DEFAULT EXCEPT (key 'value', …)` for a model type. Unknown keys are errors. */
export function mapHyperparameters(modelType: ModelType, hp: Record<string, string> | undefined): Params {
  const out: Params = {};
  const table =
    modelType === 'MLP' ? MLP_KEYS : modelType === 'LINEAR_LEARNER' ? LINEAR_KEYS : modelType === 'KMEANS' ? KMEANS_KEYS : XGB_KEYS;
  for (const [rawKey, rawValue] of Object.entries(hp ?? {})) {
    const key = rawKey.toLowerCase();
    if (IGNORED.has(key)) continue;
    const name = table[key];
    const value = Number(rawValue);
    if (!name) throw new MlError(`Invalid hyperparameter '${rawKey}' for MODEL_TYPE ${modelType}.`);
    if (!Number.isFinite(value)) throw new MlError(`Hyperparameter '${rawKey}' must be numeric, got '${rawValue}'.`);
    out[name] = value;
  }
  return out;
}
