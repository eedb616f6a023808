/**
 * Cross-validated evaluation of one candidate (algorithm + params) on one feature set.
 * Feature specs are refitted on each fold's training rows; fold matrices are cached per feature set.
 */
import type { FeatureSpec, Scaler } from './features.js';
import { applyScaler, exactSplitFlags, featureColumns, fitScaler } from './features.js';
import type { Fold } from './folds.js';
import { validatedRows } from './folds.js';
import { fitGbdt } from './learners/gbdt.js';
import { defaultThreshold, LEARNERS } from './learners/registry.js';
import type { Predictor } from './learners/predictor.js';
import { rowOf, stagedScores } from './learners/predictor.js';
import type { FitData, Task } from './learners/tasks.js';
import { accuracy, auc, f1Binary, f1Macro, mse } from './metrics.js';
import type { Link } from './model.js';
import { argmax, probabilitiesFromScores } from './model.js';
import type { ColumnPlan, DerivedFeature } from './preprocess.js';
import { fitFeatures } from './preprocess.js';
import type { Rng } from './random.js';
import type { EncodedTarget } from './target.js';
import type { Algorithm, DataTable, Objective, Params } from './types.js';

/** Boosting stops on a fold when its validation loss has not improved for this many rounds. */
export const EARLY_STOP_PATIENCE = 40;

export interface SearchData {
  table: DataTable;
  target: EncodedTarget;
  task: Task;
  plans: ColumnPlan[];
  folds: Fold[];
}

interface FoldMatrices {
  specs: FeatureSpec[];
  train: Float64Array[];
  valid: Float64Array[];
  scaler?: Scaler;
  trainScaled?: Float64Array[];
  validScaled?: Float64Array[];
}

const cache = new WeakMap<SearchData, Map<string, FoldMatrices[]>>();

export function derivedKey(derived: DerivedFeature[]): string {
  return derived.map((d) => d.name).join('|');
}

function foldMatrices(data: SearchData, derived: DerivedFeature[]): FoldMatrices[] {
  let byKey = cache.get(data);
  if (!byKey) cache.set(data, (byKey = new Map()));
  const key = derivedKey(derived);
  let list = byKey.get(key);
  if (!list) {
    list = data.folds.map((fold) => {
      const specs = fitFeatures(data.table, data.plans, derived, fold.train, data.target);
      return {
        specs,
        train: featureColumns(specs, data.table.rows, fold.train),
        valid: featureColumns(specs, data.table.rows, fold.valid),
      };
    });
    byKey.set(key, list);
  }
  return list;
}

/** Class index a score vector predicts: one margin/probability against `threshold`, else the largest. */
export function predictedClass(s: Float64Array, threshold: number): number {
  return s.length === 1 ? ((s[0] as number) > threshold ? 1 : 0) : argmax(s);
}

/**
 * Objective value on the rows the folds validate. Under k-fold that is every row; a holdout leaves
 * the other rows without an out-of-fold score, so they must not be scored.
 */
export function scoreValidated(
  objective: Objective,
  link: Link,
  scores: Float64Array[],
  target: EncodedTarget,
  folds: Fold[],
  threshold: number,
): number {
  const rows = validatedRows(folds);
  if (rows.length === target.y.length) return scoreMetric(objective, link, scores, target.y, target.positiveIndex, threshold);
  const picked = Array.from(rows, (r) => scores[r] as Float64Array);
  return scoreMetric(objective, link, picked, Float64Array.from(rows, (r) => target.y[r] as number), target.positiveIndex, threshold);
}

/** Objective value from out-of-fold scores (one Float64Array of scores per row). */
export function scoreMetric(
  objective: Objective,
  link: Link,
  scores: Float64Array[],
  y: ArrayLike<number>,
  positiveIndex: number,
  threshold: number,
): number {
  if (objective === 'MSE') return mse(y, scores.map((s) => s[0] as number));
  const classes = scores.map((s) => predictedClass(s, threshold));
  if (objective === 'Accuracy') return accuracy(y, classes);
  if (objective === 'F1') return f1Binary(y, classes, positiveIndex);
  if (objective === 'F1Macro') return f1Macro(y, classes, Math.max(2, ...scores.map((s) => s.length)));
  const isPos = Array.from(y, (v) => v === positiveIndex);
  return auc(isPos, scores.map((s) => probabilitiesFromScores(link, s)[positiveIndex] as number));
}

export interface CandidateResult {
  metric: number;
  params: Params;
  link: Link;
  /** Out-of-fold scores, in row order of the training table (for threshold tuning). */
  oof: Float64Array[];
}

const better = (objective: Objective, a: number, b: number): boolean => (objective === 'MSE' ? a < b : a > b);

/**
 * k-fold evaluation. For gbdt, `params.rounds` is the maximum: the metric is computed every
 * `roundStep` rounds on the out-of-fold predictions and the best round count is returned in params.
 */
export function evaluateCandidate(
  data: SearchData,
  derived: DerivedFeature[],
  algorithm: Exclude<Algorithm, 'kmeans'>,
  params: Params,
  objective: Objective,
  rng: Rng,
  checkAbort: () => void,
): CandidateResult {
  const learner = LEARNERS[algorithm];
  const link = learner.link(data.task);
  const threshold = defaultThreshold(link);
  const mats = foldMatrices(data, derived);
  const n = data.target.y.length;
  const isBoosted = algorithm === 'gbdt';
  const maxRounds = isBoosted ? (params.rounds ?? 100) : 1;
  const step = isBoosted ? Math.max(1, Math.round(maxRounds / 30)) : 1;
  const checkpoints: number[] = [];
  for (let r = step; r <= maxRounds; r += step) checkpoints.push(r);
  if (checkpoints[checkpoints.length - 1] !== maxRounds) checkpoints.push(maxRounds);
  const staged: Float64Array[][] = checkpoints.map(() => new Array<Float64Array>(n));
  data.folds.forEach((fold, fi) => {
    checkAbort();
    const m = mats[fi] as FoldMatrices;
    let train = m.train;
    let valid = m.valid;
    if (learner.scaled) {
      if (!m.scaler) {
        m.scaler = fitScaler(m.train);
        m.trainScaled = applyScaler(m.scaler, m.train);
        m.validScaled = applyScaler(m.scaler, m.valid);
      }
      train = m.trainScaled as Float64Array[];
      valid = m.validScaled as Float64Array[];
    }
    const y = Float64Array.from(fold.train, (r) => data.target.y[r] as number);
    const fitData: FitData = { task: data.task, cols: train, y, numClasses: data.target.labels.length, exactSplit: exactSplitFlags(m.specs) };
    const validY = Float64Array.from(fold.valid, (r) => data.target.y[r] as number);
    const predictor: Predictor = isBoosted
      ? fitGbdt(fitData, params, rng, { cols: valid, y: validY, patience: EARLY_STOP_PATIENCE })
      : learner.fit(fitData, params, rng);
    const treeCounts = checkpoints.map((r) =>
      predictor.kind === 'trees' ? (isBoosted ? r * predictor.outputs : predictor.trees.length) : 0,
    );
    const x = new Float64Array(valid.length);
    for (let i = 0; i < fold.valid.length; i++) {
      rowOf(valid, i, x);
      const row = fold.valid[i] as number;
      stagedScores(predictor, x, treeCounts).forEach((s, ci) => ((staged[ci] as Float64Array[])[row] = s));
    }
  });
  let best = -1;
  let bestMetric = NaN;
  checkpoints.forEach((_, ci) => {
    const v = scoreValidated(objective, link, staged[ci] as Float64Array[], data.target, data.folds, threshold);
    if (best < 0 || better(objective, v, bestMetric)) (best = ci), (bestMetric = v);
  });
  const outParams = isBoosted ? { ...params, rounds: checkpoints[best] as number } : { ...params };
  return { metric: bestMetric, params: outParams, link, oof: staged[best] as Float64Array[] };
}
