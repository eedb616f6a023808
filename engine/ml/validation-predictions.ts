/**
 * The chosen candidate's out-of-fold predictions on its validation rows (each row once under k-fold
 * cross-validation, the holdout rows otherwise): what SageMaker Autopilot draws its confusion matrix
 * and ROC curve from. Stored compactly with the model: class indices, plus the positive-class
 * probability for binary problems. Predicted classes use the same rule as the leaderboard's metric.
 */
import type { CandidateResult } from './evaluate.js';
import { predictedClass } from './evaluate.js';
import type { Fold } from './folds.js';
import { validatedRows } from './folds.js';
import { defaultThreshold } from './learners/registry.js';
import { probabilitiesFromScores } from './model.js';
import type { EncodedTarget } from './target.js';
import type { CellValue } from './types.js';

/** Positive-class probabilities are rounded to this many decimals (keeps the file small). */
export const PROBABILITY_DECIMALS = 6;

export interface ValidationPredictions {
  candidateId: string;
  /** How the rows were validated, e.g. `5-fold stratified cross-validation`. */
  validation: string;
  /** Number of cross-validation folds; 1 = a single holdout split. */
  folds: number;
  /** Class labels in index order. */
  labels: CellValue[];
  /** Binary only, else -1. */
  positiveIndex: number;
  /** Per validation row (in row order): the actual and the predicted class index. */
  actual: number[];
  predicted: number[];
  /** Binary only: probability of the positive class per validation row. */
  positiveProbability?: number[];
}

/** Classification only: the out-of-fold predictions of `result`, validated on `folds`. */
export function validationPredictions(
  candidateId: string,
  validation: string,
  result: CandidateResult,
  target: EncodedTarget,
  folds: Fold[],
): ValidationPredictions {
  const threshold = defaultThreshold(result.link);
  const binary = target.positiveIndex >= 0;
  const scale = 10 ** PROBABILITY_DECIMALS;
  const out: ValidationPredictions = { candidateId, validation, folds: folds.length, labels: target.labels, positiveIndex: target.positiveIndex, actual: [], predicted: [] };
  const probability: number[] = [];
  for (const row of validatedRows(folds)) {
    const s = result.oof[row] as Float64Array;
    out.actual.push(target.y[row] as number);
    out.predicted.push(predictedClass(s, threshold));
    if (binary) probability.push(Math.round((probabilitiesFromScores(result.link, s)[target.positiveIndex] as number) * scale) / scale);
  }
  if (binary) out.positiveProbability = probability;
  return out;
}
