// The best candidate's out-of-fold predictions (kept with the model for the confusion matrix and ROC
// curve) agree with the leaderboard's validation metric, for every objective and split.
import { describe, expect, it } from 'vitest';
import { runAutopilot, type AutopilotResult } from '../../engine/ml/index.js';
import { evaluateValidation } from '../../engine/features/ml/model-evaluation.js';
import type { CandidateResult } from '../../engine/ml/evaluate.js';
import { scoreMetric, scoreValidated } from '../../engine/ml/evaluate.js';
import { stratifiedHoldout, validatedRows } from '../../engine/ml/folds.js';
import { f1Binary } from '../../engine/ml/metrics.js';
import { createRng } from '../../engine/ml/random.js';
import { validationPredictions } from '../../engine/ml/validation-predictions.js';
import { multiclassTable, regressionTable, syntheticTable } from './helpers.js';

const sum = (m: number[][]) => m.flat().reduce((a, b) => a + b, 0);
const trace = (m: number[][]) => m.reduce((a, row, i) => a + row[i]!, 0);

function bestEntry(r: AutopilotResult) {
  return r.leaderboard.find((e) => e.id === r.bestCandidateId)!;
}

describe('validation predictions of the best candidate', () => {
  it('binary F1: the matrix covers every row once (5-fold) and its F1 is the leaderboard F1', async () => {
    const r = await runAutopilot({ table: syntheticTable(900, 21), target: 'Label', seed: 3, modelType: 'XGBOOST' });
    const v = r.validationPredictions!;
    expect(v.candidateId).toBe(r.bestCandidateId);
    expect(v.folds).toBe(5);
    expect(v.validation).toBe('5-fold stratified cross-validation');
    expect(v.actual).toHaveLength(900);
    expect(v.predicted).toHaveLength(900);
    expect(v.positiveProbability).toHaveLength(900);
    const ev = evaluateValidation(v);
    expect(ev.source).toBe('validation');
    expect(sum(ev.confusionMatrix)).toBe(r.rowsUsed);
    const p = v.positiveIndex;
    const n = 1 - p;
    const tp = ev.confusionMatrix[p]![p]!;
    const fp = ev.confusionMatrix[n]![p]!;
    const fn = ev.confusionMatrix[p]![n]!;
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    expect(f1).toBeCloseTo(r.validationMetric, 12);
    expect(f1).toBeCloseTo(bestEntry(r).validationMetric, 12);
    // the actual classes are the training labels (true = positive), the ROC runs from (0,0) to (1,1)
    expect(ev.positiveLabel).toBe('true');
    expect(ev.roc![0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(ev.roc![ev.roc!.length - 1]).toMatchObject({ fpr: 1, tpr: 1 });
    expect(ev.auc!).toBeGreaterThan(0.9);
    // compact: small integers and 6-decimal probabilities
    expect(v.positiveProbability!.every((x) => Math.abs(Math.round(x * 1e6) - x * 1e6) < 1e-6)).toBe(true);
    expect(JSON.stringify(v).length / 900).toBeLessThan(20);
  }, 240_000);

  it('binary AUC objective: the AUC of the stored probabilities is the leaderboard AUC', async () => {
    const r = await runAutopilot({ table: syntheticTable(700, 8), target: 'Label', seed: 4, modelType: 'LINEAR_LEARNER', objective: 'AUC' });
    const ev = evaluateValidation(r.validationPredictions!);
    expect(r.metricName).toBe('AUC');
    expect(ev.auc!).toBeCloseTo(r.validationMetric, 4); // probabilities are stored to 6 decimals
    expect(sum(ev.confusionMatrix)).toBe(700);
  }, 120_000);

  it('multiclass accuracy: the diagonal share is the leaderboard accuracy; no ROC', async () => {
    const r = await runAutopilot({ table: multiclassTable(600), target: 'cls', seed: 5, modelType: 'XGBOOST' });
    const v = r.validationPredictions!;
    expect(v.positiveIndex).toBe(-1);
    expect(v.positiveProbability).toBeUndefined();
    const ev = evaluateValidation(v);
    expect(ev.labels).toEqual(['high', 'low', 'mid']);
    expect(trace(ev.confusionMatrix) / sum(ev.confusionMatrix)).toBeCloseTo(bestEntry(r).validationMetric, 12);
    expect(ev.roc).toBeUndefined();
  }, 240_000);

  it('regression keeps none', async () => {
    const r = await runAutopilot({ table: regressionTable(600), target: 'y', seed: 6, modelType: 'LINEAR_LEARNER' });
    expect(r.validationPredictions).toBeUndefined();
  }, 120_000);

  it('a holdout split scores and keeps only its validation rows', () => {
    const n = 1000;
    const rng = createRng(9);
    const y = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const folds = [stratifiedHoldout(y, 0.2, true, createRng(10))];
    const valid = validatedRows(folds);
    expect(valid.length).toBe(200);
    // out-of-fold scores exist for the holdout rows only (logit margins)
    const oof: Float64Array[] = new Array(n);
    for (const row of valid) oof[row] = Float64Array.of((y[row] === 1 ? 1 : -1) * (rng.next() < 0.8 ? 1 : -1));
    const result: CandidateResult = { metric: NaN, params: {}, link: 'logit', oof };
    const target = { problemType: 'BINARY_CLASSIFICATION' as const, labels: [false, true], positiveIndex: 1, y };
    const f1 = scoreValidated('F1', 'logit', oof, target, folds, 0);
    const onValid = f1Binary(Array.from(valid, (r) => y[r]!), Array.from(valid, (r) => (oof[r]![0]! > 0 ? 1 : 0)), 1);
    expect(f1).toBeCloseTo(onValid, 12);
    // scoring every row would count the 800 unvalidated rows as misses
    expect(scoreMetric('F1', 'logit', oof, y, 1, 0)).toBeLessThan(f1);
    const v = validationPredictions('candidate-001', '20% stratified holdout', result, target, folds);
    expect(v.folds).toBe(1);
    expect(v.actual).toHaveLength(200);
    const ev = evaluateValidation(v);
    expect(sum(ev.confusionMatrix)).toBe(200);
    const tp = ev.confusionMatrix[1]![1]!;
    expect((2 * tp) / (2 * tp + ev.confusionMatrix[0]![1]! + ev.confusionMatrix[1]![0]!)).toBeCloseTo(f1, 12);
  });
});
