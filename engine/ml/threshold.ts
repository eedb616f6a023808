/**
 * Binary decision threshold for the F1 objective, chosen by cross-validation: F1 is computed on each
 * validation fold's out-of-fold scores for every threshold of a probability grid, averaged over the
 * folds, smoothed over neighbouring thresholds (a single spiky optimum is luck, a plateau is signal),
 * and the best threshold is returned in the score's own scale (margin for `logit`, probability for `proba`).
 */
import type { Fold } from './folds.js';
import { f1Binary } from './metrics.js';
import type { Link } from './model.js';
import { defaultThreshold } from './learners/registry.js';

/** Probability grid 0.05, 0.06, … 0.95. */
export const THRESHOLD_GRID = Array.from({ length: 91 }, (_, i) => Math.round((0.05 + i * 0.01) * 100) / 100);
/** Neighbours on each side averaged into a grid point's score. */
export const THRESHOLD_SMOOTHING = 2;

function toScore(link: Link, p: number): number {
  return link === 'logit' ? Math.log(p / (1 - p)) : p;
}

export function tuneF1ThresholdByFolds(link: Link, oof: Float64Array[], y: Float64Array, positiveIndex: number, folds: Fold[]): number {
  const base = defaultThreshold(link);
  if (link !== 'logit' && link !== 'proba') return base;
  const perThreshold = THRESHOLD_GRID.map((p) => {
    const t = toScore(link, p);
    let sum = 0;
    for (const fold of folds) {
      const actual = Array.from(fold.valid, (r) => y[r] as number);
      const predicted = Array.from(fold.valid, (r) => (((oof[r] as Float64Array)[0] as number) > t ? 1 : 0));
      sum += f1Binary(actual, predicted, positiveIndex);
    }
    return sum / Math.max(1, folds.length);
  });
  const smoothed = perThreshold.map((_, i) => {
    const lo = Math.max(0, i - THRESHOLD_SMOOTHING);
    const hi = Math.min(perThreshold.length - 1, i + THRESHOLD_SMOOTHING);
    let s = 0;
    for (let j = lo; j <= hi; j++) s += perThreshold[j] as number;
    return s / (hi - lo + 1);
  });
  // best smoothed F1; ties go to the threshold closest to the default (0.5)
  let best = THRESHOLD_GRID.indexOf(0.5);
  smoothed.forEach((v, i) => {
    const b = smoothed[best] as number;
    if (v > b + 1e-12 || (Math.abs(v - b) <= 1e-12 && Math.abs((THRESHOLD_GRID[i] as number) - 0.5) < Math.abs((THRESHOLD_GRID[best] as number) - 0.5))) best = i;
  });
  return toScore(link, THRESHOLD_GRID[best] as number);
}
