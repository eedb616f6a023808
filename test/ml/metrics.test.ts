import { describe, expect, it } from 'vitest';
import { accuracy, auc, binaryScores, confusionMatrix, f1Macro, mse, r2, rmse, rocCurve } from '../../engine/ml/index.js';

describe('metrics', () => {
  const actual = [1, 1, 1, 0, 0, 0, 0, 1];
  const predicted = [1, 0, 1, 0, 1, 0, 0, 1];
  it('accuracy, precision, recall, F1 on a hand-checked example', () => {
    expect(accuracy(actual, predicted)).toBe(6 / 8);
    const s = binaryScores(actual, predicted, 1);
    expect([s.tp, s.fp, s.fn, s.tn]).toEqual([3, 1, 1, 3]);
    expect(s.precision).toBe(0.75);
    expect(s.recall).toBe(0.75);
    expect(s.f1).toBe(0.75);
    // positive class 0: tp=3 fp=1 fn=1 as well, by symmetry of this example
    expect(binaryScores(actual, predicted, 0).f1).toBe(0.75);
  });
  it('F1 is 0 when nothing is predicted positive', () => {
    expect(binaryScores([1, 0], [0, 0], 1).f1).toBe(0);
  });
  it('confusion matrix and macro F1 (3 classes)', () => {
    const a = [0, 0, 1, 1, 2, 2];
    const p = [0, 1, 1, 1, 2, 0];
    expect(confusionMatrix(a, p, 3)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    // per-class F1: c0 = 2·1/(2+2) = 0.5, c1 = 2·2/(2+3) = 0.8, c2 = 2·1/(2+1) = 2/3
    expect(f1Macro(a, p, 3)).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
  });
  it('AUC: perfect, reversed, ties and a hand-computed case', () => {
    expect(auc([false, false, true, true], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(auc([false, false, true, true], [0.9, 0.8, 0.2, 0.1])).toBe(0);
    expect(auc([false, true], [0.5, 0.5])).toBe(0.5);
    // pairs (pos, neg): (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) → 3/4
    expect(auc([false, false, true, true], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    const roc = rocCurve([false, false, true, true], [0.1, 0.4, 0.35, 0.8]);
    expect(roc[0]).toEqual({ threshold: Infinity, fpr: 0, tpr: 0 });
    expect(roc[roc.length - 1]).toMatchObject({ fpr: 1, tpr: 1 });
    expect(roc).toHaveLength(5);
  });
  it('MSE, RMSE, R2', () => {
    expect(mse([1, 2, 3], [1, 2, 5])).toBeCloseTo(4 / 3, 12);
    expect(rmse([0, 0], [3, 4])).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(r2([1, 2, 3], [1, 2, 3])).toBe(1);
    // mean 2, ss_tot = 2, ss_res = 4 → 1 − 2 = −1
    expect(r2([1, 2, 3], [1, 2, 5])).toBeCloseTo(-1, 12);
  });
});
