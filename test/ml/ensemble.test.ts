import { describe, expect, it } from 'vitest';
import { averageOutOfFold, mergeTreePredictors, pickEnsembleMembers } from '../../engine/ml/ensemble.js';
import type { CandidateResult } from '../../engine/ml/evaluate.js';
import { stratifiedKFold } from '../../engine/ml/folds.js';
import { applyEdges, binColumns, fitEdges } from '../../engine/ml/learners/binning.js';
import { exactSplitFlags } from '../../engine/ml/features.js';
import { fitGbdt } from '../../engine/ml/learners/gbdt.js';
import { predictorScores, rowOf } from '../../engine/ml/learners/predictor.js';
import type { FitData } from '../../engine/ml/learners/tasks.js';
import { createRng } from '../../engine/ml/random.js';
import { selectFeatures } from '../../engine/ml/select-features.js';
import { tuneF1ThresholdByFolds } from '../../engine/ml/threshold.js';
import type { DerivedFeature } from '../../engine/ml/preprocess.js';
import type { LeaderboardEntry } from '../../engine/ml/types.js';

function data(n: number, seed: number): FitData {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.next();
    b[i] = rng.next();
    y[i] = (a[i] as number) + (b[i] as number) + rng.normal() * 0.1 > 1 ? 1 : 0;
  }
  return { task: 'binary', cols: [a, b], y, numClasses: 2 };
}

const entry = (id: string, metric: number, params: Record<string, number>, algorithm: LeaderboardEntry['algorithm'] = 'gbdt'): LeaderboardEntry => ({
  id,
  algorithm,
  params,
  featureSet: [],
  metricName: 'F1',
  validationMetric: metric,
  trainMs: 0,
});

describe('ensemble candidate', () => {
  it('a merged predictor scores the mean of its members\' margins', () => {
    const d = data(400, 1);
    const members = [
      fitGbdt(d, { rounds: 20, maxDepth: 3 }, createRng(1)),
      fitGbdt(d, { rounds: 35, maxDepth: 5, subsample: 0.7 }, createRng(2)),
      fitGbdt(d, { rounds: 10, learningRate: 0.3 }, createRng(3)),
    ];
    const merged = mergeTreePredictors(members);
    for (let i = 0; i < 50; i++) {
      const x = rowOf(d.cols, i);
      const mean = members.reduce((s, p) => s + (predictorScores(p, x)[0] as number), 0) / 3;
      expect(predictorScores(merged, x)[0]).toBeCloseTo(mean, 12);
    }
  });

  it('members are the best distinct boosted candidates; fewer than two means no ensemble', () => {
    const better = (a: number, b: number) => a > b;
    const pool = [
      entry('a', 0.8, { rounds: 10 }),
      entry('b', 0.9, { rounds: 20 }),
      entry('c', 0.95, { trees: 5 }, 'random_forest'),
      entry('d', 0.9, { rounds: 20 }),
      entry('e', 0.85, { rounds: 30 }),
      entry('f', 0.7, { rounds: 40 }),
    ];
    expect(pickEnsembleMembers(pool, better).map((e) => e.id)).toEqual(['b', 'e', 'a']);
    expect(pickEnsembleMembers([pool[1]!, pool[2]!, pool[3]!], better)).toEqual([]);
    const oof = averageOutOfFold([
      { oof: [Float64Array.of(1), Float64Array.of(-2)] } as CandidateResult,
      { oof: [Float64Array.of(3), Float64Array.of(0)] } as CandidateResult,
    ]);
    expect(oof.map((s) => s[0])).toEqual([2, -1]);
  });
});

describe('feature selection and threshold', () => {
  it('ranks candidates by solo gain and drops one that adds nothing on top of a kept one', async () => {
    const f = (name: string): DerivedFeature => ({ kind: 'sum', cols: [0, 1], name, origin: 'name' });
    // the probe "metric" of a set: 0.5 + the best single feature value in it (so a second feature never helps)
    const solo: Record<string, number> = { weak: 0.05, strong: 0.3, useless: 0, alsoStrong: 0.29 };
    const runs: string[][] = [];
    const probe = async (set: DerivedFeature[]) => {
      runs.push(set.map((d) => d.name));
      return entry('x', 0.5 + Math.max(0, ...set.map((d) => solo[d.name] ?? 0)), {});
    };
    let planned = 0;
    const r = await selectFeatures([f('weak'), f('strong'), f('useless'), f('alsoStrong')], 'F1', probe, () => planned++);
    expect(r.derived.map((d) => d.name)).toEqual(['strong']);
    // base + 4 solo runs, then strong (already measured) → alsoStrong, weak rejected: patience 2 stops there
    expect(runs.length).toBe(1 + 4 + 2);
    expect(planned).toBe(2);
    expect(r.trials.map((t) => [t.name, t.kept])).toEqual([
      ['useless', false],
      ['strong', true],
      ['alsoStrong', false],
      ['weak', false],
    ]);
  });

  it('the F1 threshold is chosen on fold-averaged, smoothed F1 and returned in margin scale', () => {
    const n = 600;
    const rng = createRng(5);
    const y = new Float64Array(n);
    const oof: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      y[i] = i % 4 === 0 ? 1 : 0;
      // positives score around p = 0.3, negatives around p = 0.1: the best cut is well below 0.5
      const p = (y[i] ? 0.3 : 0.1) + (rng.next() - 0.5) * 0.1;
      oof.push(Float64Array.of(Math.log(p / (1 - p))));
    }
    const folds = stratifiedKFold(y, 5, true, createRng(1));
    const t = tuneF1ThresholdByFolds('logit', oof, y, 1, folds);
    const p = 1 / (1 + Math.exp(-t));
    expect(p).toBeGreaterThan(0.15);
    expect(p).toBeLessThan(0.25);
    expect(tuneF1ThresholdByFolds('softmax', oof, y, 1, folds)).toBe(0);
  });
});

describe('binning', () => {
  it('more than 256 bins use 16-bit bin indices (exact splits on every distinct value)', () => {
    const col = Float64Array.from({ length: 1000 }, (_, i) => i * 0.5);
    const edges = fitEdges(col, 4096);
    expect(edges.length).toBe(999);
    const [bins] = applyEdges([col], [edges]);
    expect(bins).toBeInstanceOf(Uint16Array);
    expect(bins![999]).toBe(999);
    expect(fitEdges(col, 255).length).toBe(254);
    // exact flags override maxBins per feature (engineered sums / ratios)
    const { edges: e2, bins: b2 } = binColumns([col, col], 16, [false, true]);
    expect([e2[0]!.length, e2[1]!.length]).toEqual([15, 999]);
    expect(b2[1]).toBeInstanceOf(Uint16Array);
    expect(exactSplitFlags([
      { kind: 'number', name: 'a', col: 0, fill: 0 },
      { kind: 'sum', name: 's', cols: [0, 1], fills: [0, 0] },
    ])).toEqual([false, true]);
  });
});
