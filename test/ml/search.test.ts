import { describe, expect, it } from 'vitest';
import type { AutopilotProgress, DataTable } from '../../engine/ml/index.js';
import { deserializeModel, explainModel, MlError, predict, predictProba, runAutopilot, serializeModel } from '../../engine/ml/index.js';
import { stratifiedKFold } from '../../engine/ml/folds.js';
import { createRng } from '../../engine/ml/random.js';
import { inferProblemType } from '../../engine/ml/target.js';
import { inputsOf, multiclassTable, regressionTable, syntheticTable } from './helpers.js';

const table = syntheticTable(900, 21);

describe('runAutopilot', () => {
  it('finds the generic "sum of ... cost" feature, reports it, and predicts well', async () => {
    const progress: AutopilotProgress[] = [];
    const r = await runAutopilot({ table, target: 'Label', seed: 1, onProgress: (p) => progress.push(p) });
    expect(r.problemType).toBe('BINARY_CLASSIFICATION');
    expect(r.objective).toBe('F1');
    const kept = r.featureEngineering.filter((f) => f.kept).map((f) => f.name);
    expect(kept).toContain('sum(* cost)');
    expect(r.validationMetric).toBeGreaterThan(0.9);
    // leaderboard: one entry per candidate, sorted best first, with timings
    expect(r.leaderboard.length).toBe(r.candidateReport.length);
    for (let i = 1; i < r.leaderboard.length; i++) {
      expect(r.leaderboard[i - 1]!.validationMetric).toBeGreaterThanOrEqual(r.leaderboard[i]!.validationMetric);
    }
    expect(new Set(r.leaderboard.map((e) => e.algorithm))).toEqual(
      new Set(['gbdt', 'random_forest', 'logistic_regression', 'decision_tree', 'mlp']),
    );
    // progress: every candidate reported as it finished, counting up to the total
    const finished = progress.filter((p) => p.entry);
    expect(finished.map((p) => p.done)).toEqual(finished.map((_, i) => i + 1));
    // the total grows while feature selection decides how many combinations to probe; it ends at done
    expect(finished[finished.length - 1]!.done).toBe(finished[finished.length - 1]!.total);
    expect(finished[0]!.total).toBeLessThanOrEqual(finished[finished.length - 1]!.total);
    // reports
    expect(r.dataReport.rowCount).toBe(900);
    const cost = r.dataReport.columns.find((c) => c.name === 'Morning cost')!;
    expect(cost.histogram!.reduce((a, b) => a + b.count, 0)).toBe(900 - cost.missing);
    expect(r.dataReport.target!.balance.reduce((a, b) => a + b.count, 0)).toBe(900);
    expect(r.candidateReport[0]!.preprocessing.find((p) => p.column === 'City')!.role).toBe('lookup');
    expect(r.candidateReport[0]!.preprocessing.find((p) => p.column === 'Plan')!.role).toBe('onehot');
    // probabilities: sorted descending, sum to 1, labels are the original booleans
    const row = inputsOf(table, 'Label')[0]!;
    const pr = predictProba(r.model, row);
    expect(pr.probabilities[0]!).toBeGreaterThanOrEqual(pr.probabilities[1]!);
    expect(pr.probabilities[0]! + pr.probabilities[1]!).toBeCloseTo(1, 12);
    expect(pr.labels).toContain(true);
    expect(pr.labels[0]).toBe(predict(r.model, row));
  }, 240_000); // shared 2-core machine: several full searches

  it('is reproducible with a seed, and the seed matters', async () => {
    const run = (seed: number) => runAutopilot({ table, target: 'Label', seed, modelType: 'XGBOOST' });
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(serializeModel(a.model)).toBe(serializeModel(b.model));
    expect(a.leaderboard.map((e) => e.validationMetric)).toEqual(b.leaderboard.map((e) => e.validationMetric));
    expect(serializeModel(a.model)).not.toBe(serializeModel(c.model));
  }, 240_000); // shared 2-core machine: several full searches

  it('serialises and loads a model with identical predictions', async () => {
    const r = await runAutopilot({ table, target: 'Label', seed: 2, modelType: 'XGBOOST' });
    const loaded = deserializeModel(JSON.parse(JSON.stringify(JSON.parse(serializeModel(r.model)))));
    for (const row of inputsOf(table, 'Label').slice(0, 200)) {
      expect(predict(loaded, row)).toBe(predict(r.model, row));
      expect(predictProba(loaded, row)).toEqual(predictProba(r.model, row));
    }
    expect(() => deserializeModel('{"format":"other"}')).toThrow(MlError);
  }, 240_000); // shared 2-core machine: several full searches

  it('multiclass and regression problems are inferred, with their default objectives', async () => {
    const m = await runAutopilot({ table: multiclassTable(600), target: 'cls', seed: 3, modelType: 'XGBOOST' });
    expect([m.problemType, m.objective]).toEqual(['MULTICLASS_CLASSIFICATION', 'Accuracy']);
    expect(m.validationMetric).toBeGreaterThan(0.95);
    const g = await runAutopilot({ table: regressionTable(600), target: 'y', seed: 3, modelType: 'LINEAR_LEARNER' });
    expect([g.problemType, g.objective]).toEqual(['REGRESSION', 'MSE']);
    expect(g.validationMetric).toBeLessThan(0.05); // noise variance is 0.01
    expect(inferProblemType([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1], 'number')).toBe(
      'MULTICLASS_CLASSIFICATION',
    );
    expect(inferProblemType([0.5, 1.25, 3.5, 7.75], 'number')).toBe('REGRESSION');
  }, 240_000); // shared 2-core machine: several full searches

  it('explainModel returns Redshift EXPLAIN_MODEL JSON; SHAP of a boosted model adds up', async () => {
    const r = await runAutopilot({ table, target: 'Label', seed: 4, modelType: 'XGBOOST' });
    const rows = inputsOf(table, 'Label').slice(0, 100);
    const e = explainModel(r.model, rows);
    expect(e.version).toBe('1.0');
    const label0 = e.explanations.kernel_shap.label0!;
    expect(Object.keys(label0.global_shap_values)).toEqual(table.columns.slice(0, 7).map((c) => c.name));
    const v = label0.global_shap_values;
    // the label depends on the three cost columns (and Plan), not on Noise / City / Flag
    expect(Math.min(v['Morning cost']!, v['Evening cost']!, v['Night cost']!)).toBeGreaterThan(3 * Math.max(v.Noise!, v.City!, v.Flag!));
    // local accuracy of TreeSHAP: expected value + Σ attributions = the model's margin
    const { treeShap } = await import('../../engine/ml/explain/tree-shap.js');
    const { featureRow } = await import('../../engine/ml/features.js');
    const { modelScores } = await import('../../engine/ml/model.js');
    const p = r.model.predictor;
    if (p.kind !== 'trees') throw new Error('expected trees');
    const x = featureRow(r.model.features, rows[0]!);
    const phi = new Float64Array(x.length);
    for (const t of p.trees) treeShap(t, x, 0, phi);
    const sum = phi.reduce((a, b) => a + b, 0);
    expect(label0.expected_value + sum).toBeCloseTo(modelScores(r.model, rows[0]!)[0]!, 8);
  }, 240_000); // shared 2-core machine: several full searches
});

describe('validation, budget, cancellation', () => {
  it('stratified folds keep the class balance and cover every row once', () => {
    const rng = createRng(1);
    const y = Float64Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 10 % positives
    const folds = stratifiedKFold(y, 5, true, rng);
    const seen = new Set<number>();
    for (const f of folds) {
      const pos = Array.from(f.valid).filter((i) => y[i] === 1).length;
      expect(f.valid.length).toBe(200);
      expect(pos).toBe(20);
      f.valid.forEach((i) => seen.add(i));
      expect(f.train.length + f.valid.length).toBe(1000);
    }
    expect(seen.size).toBe(1000);
    const again = stratifiedKFold(y, 5, true, createRng(1));
    expect(Array.from(again[0]!.valid)).toEqual(Array.from(folds[0]!.valid));
  });

  it('MAX_RUNTIME with a virtual clock stops the search early', async () => {
    let now = 0;
    const r = await runAutopilot({
      table,
      target: 'Label',
      seed: 1,
      maxRuntimeSec: 25,
      clock: () => (now += 10_000), // every clock read advances 10 virtual seconds
    });
    expect(r.trainingJobStatus).toBe('MaxAutoMLJobRuntimeReached');
    expect(r.leaderboard.length).toBeGreaterThan(0);
    expect(r.leaderboard.length).toBeLessThan(5);
    await expect(runAutopilot({ table, target: 'Label', maxRuntimeSec: 0 })).rejects.toThrow('Autopilot candidate has no models');
  });

  it('an AbortSignal cancels between candidates', async () => {
    const ac = new AbortController();
    const job = runAutopilot({ table, target: 'Label', seed: 1, signal: ac.signal, onProgress: (p) => p.done === 2 && ac.abort() });
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('bad input gives clear errors', async () => {
    const small: DataTable = { columns: table.columns, rows: table.rows.slice(0, 499) };
    await expect(runAutopilot({ table: small, target: 'Label' })).rejects.toThrow(/at least 500 rows/);
    const wide: DataTable = {
      columns: [...Array.from({ length: 257 }, (_, j) => ({ name: `f${j}`, type: 'number' as const })), { name: 'y', type: 'number' }],
      rows: Array.from({ length: 600 }, (_, i) => Array.from({ length: 258 }, (_, j) => i * j)),
    };
    await expect(runAutopilot({ table: wide, target: 'y' })).rejects.toThrow(/257 feature columns.*at most 256/);
    await expect(runAutopilot({ table, target: 'Plan', problemType: 'REGRESSION' })).rejects.toThrow(/REGRESSION requires a numeric target/);
    await expect(runAutopilot({ table, target: 'nope' })).rejects.toThrow(/does not exist/);
    await expect(runAutopilot({ table, target: 'Label', objective: 'MSE' })).rejects.toThrow(/not valid for PROBLEM_TYPE BINARY_CLASSIFICATION/);
    await expect(runAutopilot({ table, target: 'Label', modelType: 'XGBOOST', hyperparameters: { bogus: '1' } })).rejects.toThrow(/Invalid hyperparameter 'bogus'/);
  });
});
