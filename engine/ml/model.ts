/**
 * The trained model: plain JSON (serialise with `serializeModel`, load with `deserializeModel`) and its
 * JS prediction. `sql/compile-model.ts` compiles the very same model to PostgreSQL functions.
 */
import { MlError } from './errors.js';
import type { FeatureSpec, Scaler } from './features.js';
import { featureRow, scaleRow } from './features.js';
import type { Predictor } from './learners/predictor.js';
import { predictorScores } from './learners/predictor.js';
import { sigmoid } from './learners/tasks.js';
import type { Algorithm, CellValue, ColumnDef, Objective, Params, ProblemType } from './types.js';

export const MODEL_FORMAT = 'warehouse-lab-ml-model';

/**
 * How raw scores become predictions:
 * - `logit`: binary, one margin for labels[1]; p1 = sigmoid(margin);
 * - `proba`: scores already are probabilities (random forest / tree; binary: one score = p of labels[1]);
 * - `softmax`: one margin per class;
 * - `identity`: regression value;
 * - `cluster`: k-means, the predicted cluster id is the index of the highest score.
 */
export type Link = 'logit' | 'proba' | 'softmax' | 'identity' | 'cluster';

export interface TrainedModel {
  format: typeof MODEL_FORMAT;
  version: 1;
  /** Null for KMEANS (no target). */
  problemType: ProblemType | null;
  objective: Objective | null;
  target: ColumnDef | null;
  /** The prediction function's parameters, in order (every training column except the target). */
  inputColumns: ColumnDef[];
  /** Class labels (index order) for classification; cluster ids for k-means; empty for regression. */
  labels: CellValue[];
  /** Binary: index of the positive class used by F1 (otherwise −1). */
  positiveIndex: number;
  features: FeatureSpec[];
  /** Standardisation applied after the feature specs (linear / MLP / k-means), else null. */
  scaler: Scaler | null;
  predictor: Predictor;
  link: Link;
  /** Binary only: predict labels[1] when the score (margin or probability) is > threshold. */
  threshold: number;
  algorithm: Algorithm;
  params: Params;
  /** Ensemble models only: the parameters of each averaged boosted model. */
  memberParams?: Params[];
}

/** A row to score: values in `inputColumns` order, or an object keyed by column name. */
export type InputRow = CellValue[] | Record<string, CellValue>;

export function rowValues(model: TrainedModel, row: InputRow): CellValue[] {
  if (Array.isArray(row)) return row;
  return model.inputColumns.map((c) => (row as Record<string, CellValue>)[c.name] ?? null);
}

/** Raw predictor scores of a row (margins, probabilities, values or negative distances, per the link). */
export function modelScores(model: TrainedModel, row: InputRow): Float64Array {
  let x = featureRow(model.features, rowValues(model, row));
  if (model.scaler) x = scaleRow(model.scaler, x);
  return predictorScores(model.predictor, x);
}

/** First index of the maximum (ties → lowest index, like the SQL version). */
export function argmax(s: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < s.length; k++) if ((s[k] as number) > (s[best] as number)) best = k;
  return best;
}

/** Class probabilities in label order (classification links only). */
export function probabilitiesFromScores(link: Link, s: Float64Array): number[] {
  if (link === 'logit') {
    const p1 = sigmoid(s[0] as number);
    return [1 - p1, p1];
  }
  if (link === 'proba') return s.length === 1 ? [1 - (s[0] as number), s[0] as number] : Array.from(s);
  if (link === 'softmax') {
    let mx = -Infinity;
    for (const v of s) mx = Math.max(mx, v);
    const e = Array.from(s, (v) => Math.exp(v - mx));
    let z = 0;
    for (const v of e) z += v;
    return e.map((v) => v / z);
  }
  throw new MlError(`Probabilities are only defined for classification models.`, 'invalid_model');
}

/** Predicted class index (classification / clustering) from raw scores. */
export function classFromScores(model: TrainedModel, s: Float64Array): number {
  if ((model.link === 'logit' || model.link === 'proba') && s.length === 1) return (s[0] as number) > model.threshold ? 1 : 0;
  return argmax(s);
}

/** The prediction (a label of the target's type, a regression value or a cluster id). */
export function predict(model: TrainedModel, row: InputRow): CellValue {
  const s = modelScores(model, row);
  if (model.link === 'identity') return s[0] as number;
  const k = classFromScores(model, s);
  return model.link === 'cluster' ? k : (model.labels[k] as CellValue);
}

export interface ProbabilityResult {
  probabilities: number[];
  labels: CellValue[];
}

/** Redshift's `<function>_probabilities` result: probabilities sorted descending (ties in label order). */
export function predictProba(model: TrainedModel, row: InputRow): ProbabilityResult {
  const probs = probabilitiesFromScores(model.link, modelScores(model, row));
  const order = probs.map((_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
  return { probabilities: order.map((i) => probs[i] as number), labels: order.map((i) => model.labels[i] as CellValue) };
}

export function serializeModel(model: TrainedModel): string {
  return JSON.stringify(model);
}

export function deserializeModel(json: string | object): TrainedModel {
  const m = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<TrainedModel>;
  if (!m || m.format !== MODEL_FORMAT || m.version !== 1 || !m.predictor || !Array.isArray(m.features)) {
    throw new MlError('Not a Warehouse Lab ML model (unknown format or version).', 'invalid_model');
  }
  return m as TrainedModel;
}
