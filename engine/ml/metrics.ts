/**
 * Evaluation metrics. Classes are integer indices 0..k-1; binary metrics take the index of the positive class.
 * Conventions (same as scikit-learn): precision/recall/F1 are 0 when their denominator is 0.
 */

export function accuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) ok++;
  return ok / actual.length;
}

/** Confusion matrix `m[actual][predicted]` of counts. */
export function confusionMatrix(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  numClasses: number,
): number[][] {
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const row = m[actual[i] as number];
    if (row) row[predicted[i] as number] = (row[predicted[i] as number] ?? 0) + 1;
  }
  return m;
}

export interface BinaryScores {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function binaryScores(actual: ArrayLike<number>, predicted: ArrayLike<number>, positive = 1): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] === positive;
    const p = predicted[i] === positive;
    if (a && p) tp++;
    else if (p) fp++;
    else if (a) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return { precision, recall, f1, tp, fp, fn, tn };
}

export function f1Binary(actual: ArrayLike<number>, predicted: ArrayLike<number>, positive = 1): number {
  return binaryScores(actual, predicted, positive).f1;
}

/** Unweighted mean of per-class F1 over the classes present in `actual` or `predicted`. */
export function f1Macro(actual: ArrayLike<number>, predicted: ArrayLike<number>, numClasses: number): number {
  const m = confusionMatrix(actual, predicted, numClasses);
  let sum = 0;
  let count = 0;
  for (let c = 0; c < numClasses; c++) {
    let tp = 0;
    let rowSum = 0;
    let colSum = 0;
    for (let k = 0; k < numClasses; k++) {
      rowSum += m[c]![k]!;
      colSum += m[k]![c]!;
    }
    tp = m[c]![c]!;
    if (rowSum === 0 && colSum === 0) continue;
    sum += (2 * tp) / (rowSum + colSum);
    count++;
  }
  return count === 0 ? 0 : sum / count;
}

export interface RocPoint {
  threshold: number;
  fpr: number;
  tpr: number;
}

/** ROC curve points (one per distinct score, descending thresholds, starting at (0,0)). */
export function rocCurve(isPositive: ArrayLike<boolean>, scores: ArrayLike<number>): RocPoint[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  let pos = 0;
  for (let i = 0; i < isPositive.length; i++) if (isPositive[i]) pos++;
  const neg = isPositive.length - pos;
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    const idx = order[i] as number;
    if (isPositive[idx]) tp++;
    else fp++;
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[idx]) {
      points.push({ threshold: scores[idx] as number, fpr: neg ? fp / neg : 0, tpr: pos ? tp / pos : 0 });
    }
  }
  return points;
}

/** Area under the ROC curve (trapezoids, so ties count one half). 0.5 when a class is absent. */
export function auc(isPositive: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  const pts = rocCurve(isPositive, scores);
  const last = pts[pts.length - 1];
  if (!last || last.fpr === 0 || last.tpr === 0) return 0.5;
  let area = 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  return area;
}

export function mse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = (actual[i] as number) - (predicted[i] as number);
    s += d * d;
  }
  return s / actual.length;
}

export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  return Math.sqrt(mse(actual, predicted));
}

/** Coefficient of determination; 0 when the actual values are constant. */
export function r2(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = actual.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i] as number;
  mean /= n;
  let ssTot = 0;
  for (let i = 0; i < n; i++) ssTot += ((actual[i] as number) - mean) ** 2;
  if (ssTot === 0) return 0;
  return 1 - (mse(actual, predicted) * n) / ssTot;
}

/** Mean negative log-likelihood of the true class (probabilities clipped to [1e-15, 1]). */
export function logLoss(actual: ArrayLike<number>, proba: ArrayLike<ArrayLike<number>>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const p = (proba[i] as ArrayLike<number>)[actual[i] as number] as number;
    s -= Math.log(Math.max(p, 1e-15));
  }
  return actual.length ? s / actual.length : 0;
}
