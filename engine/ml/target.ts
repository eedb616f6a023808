/** Target column analysis: problem type inference, label encoding, objective defaults and validation. */
import { MlError } from './errors.js';
import type { CellValue, ColumnType, Objective, ProblemType } from './types.js';
import { isMissing, isTrueLike, toCategory, toNumber } from './values.js';

/** Most classes a string/integer target may have to be taken as MULTICLASS when the type is not given. */
export const MAX_INFERRED_CLASSES = 20;

export interface EncodedTarget {
  problemType: ProblemType;
  /** Class labels in index order (classification), original cell values. Empty for regression. */
  labels: CellValue[];
  /** Index of the positive class (binary only, else -1). */
  positiveIndex: number;
  /** Per row: class index (classification) or numeric value (regression); NaN = missing target. */
  y: Float64Array;
}

export function inferProblemType(values: CellValue[], type: ColumnType): ProblemType {
  const distinct = new Set<string>();
  let allIntegers = true;
  for (const v of values) {
    if (isMissing(v)) continue;
    distinct.add(toCategory(v) as string);
    const n = toNumber(v);
    if (type === 'number' && (n === null || !Number.isInteger(n))) allIntegers = false;
  }
  if (distinct.size === 2) return 'BINARY_CLASSIFICATION';
  if (type !== 'number') return 'MULTICLASS_CLASSIFICATION';
  if (allIntegers && distinct.size <= MAX_INFERRED_CLASSES && distinct.size < values.length / 10) {
    return 'MULTICLASS_CLASSIFICATION';
  }
  return 'REGRESSION';
}

function compareLabels(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function encodeTarget(
  values: CellValue[],
  type: ColumnType,
  targetName: string,
  problemType: ProblemType,
): EncodedTarget {
  const y = new Float64Array(values.length);
  if (problemType === 'REGRESSION') {
    if (type !== 'number') {
      throw new MlError(
        `Target column "${targetName}" is of type ${type === 'string' ? 'character varying' : type}; ` +
          'PROBLEM_TYPE REGRESSION requires a numeric target column.',
      );
    }
    values.forEach((v, i) => (y[i] = toNumber(v) ?? NaN));
    return { problemType, labels: [], positiveIndex: -1, y };
  }
  const byKey = new Map<string, CellValue>();
  for (const v of values) if (!isMissing(v)) byKey.set(toCategory(v) as string, v);
  const labels = [...byKey.values()].sort(compareLabels);
  if (labels.length < 2) {
    throw new MlError(`Target column "${targetName}" has fewer than two distinct values; nothing to classify.`);
  }
  if (problemType === 'BINARY_CLASSIFICATION' && labels.length !== 2) {
    throw new MlError(
      `PROBLEM_TYPE BINARY_CLASSIFICATION needs exactly 2 distinct target values; "${targetName}" has ${labels.length}.`,
    );
  }
  const index = new Map(labels.map((l, i) => [toCategory(l) as string, i]));
  values.forEach((v, i) => (y[i] = isMissing(v) ? NaN : (index.get(toCategory(v) as string) as number)));
  let positiveIndex = -1;
  if (problemType === 'BINARY_CLASSIFICATION') {
    const trueLike = labels.findIndex((l) => isTrueLike(l));
    if (trueLike >= 0) positiveIndex = trueLike;
    else {
      let ones = 0;
      let total = 0;
      for (const v of y) if (!Number.isNaN(v)) (total++, (ones += v));
      positiveIndex = ones <= total - ones ? 1 : 0; // minority class
    }
  }
  return { problemType, labels, positiveIndex, y };
}

export function defaultObjective(problemType: ProblemType): Objective {
  if (problemType === 'REGRESSION') return 'MSE';
  return problemType === 'BINARY_CLASSIFICATION' ? 'F1' : 'Accuracy';
}

/** Normalises Redshift spellings ('F1_Macro', 'accuracy', 'reg:squarederror' …) and checks it fits the problem. */
export function resolveObjective(raw: string | undefined, problemType: ProblemType): Objective {
  if (!raw) return defaultObjective(problemType);
  const key = raw.replace(/['"]/g, '').toLowerCase();
  const map: Record<string, Objective> = {
    f1: 'F1',
    accuracy: 'Accuracy',
    auc: 'AUC',
    mse: 'MSE',
    f1macro: 'F1Macro',
    f1_macro: 'F1Macro',
    'reg:squarederror': 'MSE',
    'binary:logistic': 'F1',
    'multi:softmax': 'Accuracy',
  };
  const objective = map[key];
  if (!objective) throw new MlError(`Unsupported OBJECTIVE '${raw}'. Supported: MSE, Accuracy, F1, F1Macro, AUC.`);
  const ok =
    problemType === 'REGRESSION'
      ? objective === 'MSE'
      : problemType === 'BINARY_CLASSIFICATION'
        ? objective !== 'MSE'
        : objective === 'Accuracy' || objective === 'F1Macro';
  if (!ok) throw new MlError(`OBJECTIVE '${objective}' is not valid for PROBLEM_TYPE ${problemType}.`);
  return objective;
}

/** Whether a larger value of the objective is better. */
export function higherIsBetter(objective: Objective): boolean {
  return objective !== 'MSE';
}
