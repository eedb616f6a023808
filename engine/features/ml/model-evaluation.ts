/**
 * Confusion matrix and ROC curve of a trained classification model, for the Models panel and
 * `models describe`. Drawn, as SageMaker Autopilot does, from the best candidate's out-of-fold
 * predictions on the validation data (kept with the model since training stores them), so they agree
 * with the leaderboard's validation metric. Models trained before that have only the fallback:
 * the final model scored on every 5th training row, labelled as such.
 */
import {
  auc,
  confusionMatrix,
  deserializeModel,
  predict,
  predictProba,
  rocCurve,
  type CellValue,
  type DataTable,
  type RocPoint,
  type ValidationPredictions,
} from '../../ml/index';

export const EVALUATION_EVERY = 5;
const MAX_ROC_POINTS = 200;

export interface ModelEvaluation {
  /** `validation`: out-of-fold predictions of the best candidate; `training-sample`: the fallback for older models. */
  source: 'validation' | 'training-sample';
  /** In words, e.g. `5-fold stratified cross-validation` or `every 5th training row`. */
  method: string;
  /** Validation only: cross-validation folds (1 = a holdout split) and the candidate predicted. */
  folds?: number;
  candidateId?: string;
  rows: number;
  labels: string[];
  /** `matrix[actual][predicted]` counts, in `labels` order. */
  confusionMatrix: number[][];
  /** Binary classification only. */
  positiveLabel?: string;
  roc?: RocPoint[];
  auc?: number;
}

const label = (v: CellValue | undefined) => (v === null || v === undefined ? 'NULL' : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));

function thinnedRoc(isPositive: boolean[], scores: number[]): RocPoint[] {
  const curve = rocCurve(isPositive, scores);
  const step = Math.max(1, Math.ceil(curve.length / MAX_ROC_POINTS));
  return curve
    .filter((_, i) => i % step === 0 || i === curve.length - 1)
    .map((p) => ({ threshold: Number.isFinite(p.threshold) ? p.threshold : 1, fpr: p.fpr, tpr: p.tpr }));
}

/** From the out-of-fold predictions stored at training. */
export function evaluateValidation(v: ValidationPredictions): ModelEvaluation {
  const labels = v.labels.map(label);
  const evaluation: ModelEvaluation = {
    source: 'validation',
    method: v.validation,
    folds: v.folds,
    candidateId: v.candidateId,
    rows: v.actual.length,
    labels,
    confusionMatrix: confusionMatrix(v.actual, v.predicted, labels.length),
  };
  if (v.positiveIndex >= 0 && v.positiveProbability && v.actual.length > 0) {
    const isPositive = v.actual.map((a) => a === v.positiveIndex);
    evaluation.positiveLabel = labels[v.positiveIndex];
    evaluation.roc = thinnedRoc(isPositive, v.positiveProbability);
    evaluation.auc = auc(isPositive, v.positiveProbability);
  }
  return evaluation;
}

/** Fallback for models trained before validation predictions were kept: the final model on every 5th training row. */
export function evaluateOnTrainingSample(modelJson: string, table: DataTable, target: string): ModelEvaluation | undefined {
  const model = deserializeModel(modelJson);
  if (!model.problemType || model.problemType === 'REGRESSION' || model.labels.length === 0) return undefined;
  const targetIndex = table.columns.findIndex((c) => c.name.toLowerCase() === target.toLowerCase());
  if (targetIndex === -1) return undefined;
  const labels = model.labels.map(label);
  const matrix = labels.map(() => labels.map(() => 0));
  const positive = model.problemType === 'BINARY_CLASSIFICATION' && model.positiveIndex >= 0 ? labels[model.positiveIndex] : undefined;
  const isPositive: boolean[] = [];
  const scores: number[] = [];
  let rows = 0;
  for (let i = 0; i < table.rows.length; i += EVALUATION_EVERY) {
    const values = table.rows[i]!;
    const row: Record<string, CellValue> = {};
    table.columns.forEach((c, j) => (row[c.name] = values[j] ?? null));
    const actual = labels.indexOf(label(values[targetIndex]));
    if (actual === -1) continue;
    const predicted = labels.indexOf(label(predict(model, row)));
    if (predicted !== -1) matrix[actual]![predicted]!++;
    rows++;
    if (positive !== undefined) {
      const p = predictProba(model, row);
      const at = p.labels.findIndex((l) => label(l) === positive);
      scores.push(at === -1 ? 0 : p.probabilities[at]!);
      isPositive.push(labels[actual] === positive);
    }
  }
  const evaluation: ModelEvaluation = { source: 'training-sample', method: `every ${EVALUATION_EVERY}th training row`, rows, labels, confusionMatrix: matrix };
  if (positive !== undefined && rows > 0) {
    evaluation.positiveLabel = positive;
    evaluation.roc = thinnedRoc(isPositive, scores);
    evaluation.auc = auc(isPositive, scores);
  }
  return evaluation;
}
