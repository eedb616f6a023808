/**
 * Confusion matrix and ROC curve of a trained model, for the Models panel. The search keeps no
 * out-of-fold predictions, so the final model is scored on an evenly spaced sample (every 5th row)
 * of the training data it was given; the panel says so.
 */
import { deserializeModel, predict, predictProba, rocCurve, type CellValue, type DataTable, type RocPoint } from '../../ml/index';

export const EVALUATION_EVERY = 5;
const MAX_ROC_POINTS = 200;

export interface ModelEvaluation {
  sample: string;
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

export function evaluateModel(modelJson: string, table: DataTable, target: string): ModelEvaluation | undefined {
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
  const evaluation: ModelEvaluation = { sample: `every ${EVALUATION_EVERY}th training row`, rows, labels, confusionMatrix: matrix };
  if (positive !== undefined && rows > 0) {
    const curve = rocCurve(isPositive, scores);
    let auc = 0;
    for (let i = 1; i < curve.length; i++) auc += ((curve[i]!.fpr - curve[i - 1]!.fpr) * (curve[i]!.tpr + curve[i - 1]!.tpr)) / 2;
    const step = Math.max(1, Math.ceil(curve.length / MAX_ROC_POINTS));
    const thinned = curve.filter((_, i) => i % step === 0 || i === curve.length - 1);
    evaluation.positiveLabel = positive;
    evaluation.roc = thinned.map((p) => ({ threshold: Number.isFinite(p.threshold) ? p.threshold : 1, fpr: p.fpr, tpr: p.tpr }));
    evaluation.auc = auc;
  }
  return evaluation;
}
