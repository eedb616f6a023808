/**
 * Quality on the real churn split (train churn-bigml-80.csv, test churn-bigml-20.csv, positive = True).
 * Anchors on the same split: XGBoost raw columns F1 0.846 / acc 0.960; XGBoost or RF-500 with the
 * hand-made "sum of the four charges" feature 0.933 / 0.982 (83 TP, 0 FP, 12 FN). Issue target: F1 ≥ 0.93,
 * accuracy ≥ 0.98. Measured here (seed 42): F1 0.9326, accuracy 0.9820 (83 TP, 0 FP, 12 FN). The 12 missed
 * churners look like ordinary customers (every model scores them below 0.15); the last false positive
 * (charges summing to 74.02, between the training values 73.88 and 74.06 that separate churners) went
 * away with exact splits on engineered features and XGBoost's "x < next value" split convention.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { accuracy, binaryScores, predict, runAutopilot, tableFromCsv } from '../../engine/ml/index.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const trainPath = `${dataDir}churn-bigml-80.csv`;
const testPath = `${dataDir}churn-bigml-20.csv`;
const haveData = existsSync(trainPath) && existsSync(testPath);
if (!haveData) console.warn(`churn quality test skipped: ${trainPath} / ${testPath} not found`);

describe.skipIf(!haveData)('churn data (real split)', () => {
  it('AutoPilot search reaches the quality anchors within the time budget', async () => {
    const train = tableFromCsv(readFileSync(trainPath, 'utf8'));
    const test = tableFromCsv(readFileSync(testPath, 'utf8'));
    const t0 = Date.now();
    const r = await runAutopilot({ table: train, target: 'Churn', seed: 42, maxRuntimeSec: 300 });
    const seconds = (Date.now() - t0) / 1000;
    const ti = test.columns.findIndex((c) => c.name === 'Churn');
    const actual = test.rows.map((row) => (row[ti] === true ? 1 : 0));
    const predicted = test.rows.map((row) => (predict(r.model, row.filter((_, j) => j !== ti)) === true ? 1 : 0));
    const f1 = binaryScores(actual, predicted, 1).f1;
    const acc = accuracy(actual, predicted);
    console.log(`churn: F1 ${f1.toFixed(4)} accuracy ${acc.toFixed(4)} search ${seconds.toFixed(1)} s; kept ${r.featureEngineering.filter((f) => f.kept).map((f) => f.name).join(', ')}`);
    expect(r.featureEngineering.some((f) => f.kept && f.name === 'sum(total * charge)')).toBe(true);
    expect(acc).toBeGreaterThanOrEqual(0.98);
    expect(f1).toBeGreaterThanOrEqual(0.93);
    expect(f1).toBeGreaterThan(0.846); // clearly above XGBoost on the raw columns
    // the full search completed (not cut by MAX_RUNTIME); wall time is only logged: it is ~15 s on an idle
    // 2-core machine but several times that when other jobs share the CPU
    expect(r.trainingJobStatus).toBe('Completed');
  }, 400_000);
});
