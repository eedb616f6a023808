/** Fit the chosen candidate on all training rows and wrap it as a TrainedModel; binary threshold tuning. */
import { mergeTreePredictors } from './ensemble.js';
import { applyScaler, exactSplitFlags, featureColumns, fitScaler } from './features.js';
import { f1Binary } from './metrics.js';
import { defaultThreshold, LEARNERS } from './learners/registry.js';
import type { Task } from './learners/tasks.js';
import type { Link, TrainedModel } from './model.js';
import { MODEL_FORMAT } from './model.js';
import type { ColumnPlan, DerivedFeature } from './preprocess.js';
import { fitFeatures } from './preprocess.js';
import type { Rng } from './random.js';
import type { EncodedTarget } from './target.js';
import type { Algorithm, ColumnDef, DataTable, Objective, Params } from './types.js';

export interface FinalFitInput {
  inputs: DataTable;
  targetDef: ColumnDef;
  target: EncodedTarget;
  task: Task;
  plans: ColumnPlan[];
  derived: DerivedFeature[];
  algorithm: Exclude<Algorithm, 'kmeans'>;
  params: Params;
  objective: Objective;
  threshold?: number;
  /** Ensemble: fit one boosted model per parameter set and average their margins (`params` describes the set). */
  members?: Params[];
}

export function fitFinalModel(f: FinalFitInput, rng: Rng): TrainedModel {
  const all = Int32Array.from(f.inputs.rows.keys());
  const features = fitFeatures(f.inputs, f.plans, f.derived, all, f.target);
  let cols = featureColumns(features, f.inputs.rows);
  const learner = LEARNERS[f.algorithm];
  const scaler = learner.scaled ? fitScaler(cols) : null;
  if (scaler) cols = applyScaler(scaler, cols);
  const fitData = { task: f.task, cols, y: f.target.y, numClasses: f.target.labels.length, exactSplit: exactSplitFlags(features) };
  const predictor = f.members?.length
    ? mergeTreePredictors(f.members.map((params) => LEARNERS.gbdt.fit(fitData, params, rng.fork())))
    : learner.fit(fitData, f.params, rng);
  const link: Link = learner.link(f.task);
  return {
    format: MODEL_FORMAT,
    version: 1,
    problemType: f.target.problemType,
    objective: f.objective,
    target: f.targetDef,
    inputColumns: f.inputs.columns,
    labels: f.target.labels,
    positiveIndex: f.target.positiveIndex,
    features,
    scaler,
    predictor,
    link,
    threshold: f.threshold ?? defaultThreshold(link),
    algorithm: f.algorithm,
    params: f.params,
    ...(f.members?.length ? { memberParams: f.members } : {}),
  };
}

/**
 * Decision threshold on binary scores maximising F1 of the positive class on out-of-fold scores,
 * shrunk halfway towards the default threshold (the out-of-fold optimum is optimistic).
 */
export function tuneF1Threshold(link: Link, oof: Float64Array[], y: Float64Array, positiveIndex: number): number {
  const base = defaultThreshold(link);
  const scores = oof.map((s) => s[0] as number);
  const sorted = [...new Set(scores)].sort((a, b) => a - b);
  const toClass = (t: number): number[] => scores.map((s) => (s > t ? 1 : 0));
  let best = base;
  let bestF1 = f1Binary(y, toClass(base), positiveIndex);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const t = ((sorted[i] as number) + (sorted[i + 1] as number)) / 2;
    const v = f1Binary(y, toClass(t), positiveIndex);
    if (v > bestF1 + 1e-12) (bestF1 = v), (best = t);
  }
  return (best + base) / 2;
}
