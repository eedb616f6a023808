/**
 * Validation splits: seeded, stratified k-fold (classification: every fold keeps the class balance;
 * regression: stratified on target quantiles) and a seeded holdout (SageMaker Autopilot's
 * ValidationFraction = 0.2). `ml-cross-validation` folds are neither seeded nor stratified, hence this file.
 */
import type { Rng } from './random.js';
import { shuffleInPlace } from './random.js';

export interface Fold {
  train: Int32Array;
  valid: Int32Array;
}

/** Groups used for stratification: class index, or one of 10 quantile bins of a regression target. */
function strata(y: Float64Array, classification: boolean): number[] {
  if (classification) return Array.from(y);
  const order = Array.from(y.keys()).sort((a, b) => (y[a] as number) - (y[b] as number));
  const g = new Array<number>(y.length).fill(0);
  order.forEach((row, rank) => (g[row] = Math.floor((rank * 10) / y.length)));
  return g;
}

/** Fold number of every row (0..k-1). */
export function stratifiedFoldIds(y: Float64Array, k: number, classification: boolean, rng: Rng): Int32Array {
  const groups = new Map<number, number[]>();
  strata(y, classification).forEach((g, i) => {
    const list = groups.get(g) ?? [];
    list.push(i);
    groups.set(g, list);
  });
  const ids = new Int32Array(y.length);
  let offset = 0;
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(groups.get(key) as number[], rng);
    // continue the round-robin where the previous stratum stopped, so fold sizes stay within 1
    members.forEach((row, j) => (ids[row] = (j + offset) % k));
    offset = (offset + members.length) % k;
  }
  return ids;
}

export function stratifiedKFold(y: Float64Array, k: number, classification: boolean, rng: Rng): Fold[] {
  const ids = stratifiedFoldIds(y, k, classification, rng);
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const valid: number[] = [];
    ids.forEach((id, i) => (id === f ? valid : train).push(i));
    folds.push({ train: Int32Array.from(train), valid: Int32Array.from(valid) });
  }
  return folds;
}

/** One stratified split with `fraction` of the rows in validation. */
export function stratifiedHoldout(y: Float64Array, fraction: number, classification: boolean, rng: Rng): Fold {
  const k = Math.max(2, Math.round(1 / fraction));
  return stratifiedKFold(y, k, classification, rng)[0] as Fold;
}

/** Rows that some fold validates, ascending (every row under k-fold, the holdout rows otherwise). */
export function validatedRows(folds: Fold[]): Int32Array {
  const rows = new Int32Array(folds.reduce((n, f) => n + f.valid.length, 0));
  let at = 0;
  for (const f of folds) {
    rows.set(f.valid, at);
    at += f.valid.length;
  }
  return rows.sort();
}
