import { describe, expect, it } from 'vitest';
import { fitForest, fitDecisionTree } from '../../engine/ml/learners/forest.js';
import { fitGbdt } from '../../engine/ml/learners/gbdt.js';
import { fitKMeans } from '../../engine/ml/learners/kmeans.js';
import { fitLinear } from '../../engine/ml/learners/linear.js';
import { fitNetwork } from '../../engine/ml/learners/network.js';
import type { Predictor } from '../../engine/ml/learners/predictor.js';
import { predictorScores, rowOf } from '../../engine/ml/learners/predictor.js';
import type { FitData } from '../../engine/ml/learners/tasks.js';
import { fitEdges, binOf, nextDown } from '../../engine/ml/learners/binning.js';
import { createRng } from '../../engine/ml/random.js';

function xorData(n: number, seed: number): FitData {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.next() * 2 - 1;
    b[i] = rng.next() * 2 - 1;
    y[i] = (a[i] as number) * (b[i] as number) > 0 ? 1 : 0;
  }
  return { task: 'binary', cols: [a, b], y, numClasses: 2 };
}

function accuracyOf(p: Predictor, d: FitData, threshold: number): number {
  let ok = 0;
  for (let i = 0; i < d.y.length; i++) {
    const s = predictorScores(p, rowOf(d.cols, i));
    const cls = s.length === 1 ? ((s[0] as number) > threshold ? 1 : 0) : s.indexOf(Math.max(...s));
    if (cls === d.y[i]) ok++;
  }
  return ok / d.y.length;
}

describe('learners on synthetic data', () => {
  const train = xorData(800, 1);
  const test = xorData(400, 2);
  it('binning: bin b holds values <= edge b', () => {
    const col = Float64Array.from([5, 1, 3, 3, 2, 8]);
    const edges = fitEdges(col, 255);
    // XGBoost's convention: the split between training values a < b is "x < b" (edge = largest double below b)
    expect(Array.from(edges)).toEqual([2, 3, 5, 8].map(nextDown));
    expect(edges[0]).toBeLessThan(2);
    expect(edges[0]).toBeGreaterThan(1.9999999);
    expect(binOf(edges, 1.9)).toBe(0);
    expect(binOf(edges, 2)).toBe(1);
    expect(binOf(edges, 7.9)).toBe(3);
    expect(binOf(edges, 8)).toBe(4);
    expect(nextDown(-1)).toBeLessThan(-1);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(binOf(edges, 100)).toBe(4);
    expect(binOf(edges, NaN)).toBe(4);
  });
  it('gradient boosting learns XOR (a linear model cannot)', () => {
    const gbdt = fitGbdt(train, { rounds: 60, maxDepth: 3, learningRate: 0.3 }, createRng(1));
    expect(accuracyOf(gbdt, test, 0)).toBeGreaterThan(0.93);
    const lin = fitLinear(train, { l2: 1e-3 }, createRng(1));
    expect(accuracyOf(lin, test, 0)).toBeLessThan(0.7);
  });
  it('random forest and a single tree learn XOR', () => {
    expect(accuracyOf(fitForest(train, { trees: 40, maxDepth: 8 }, createRng(3)), test, 0.5)).toBeGreaterThan(0.93);
    expect(accuracyOf(fitDecisionTree(train, { maxDepth: 6 }, createRng(3)), test, 0.5)).toBeGreaterThan(0.9);
  });
  it('MLP learns XOR', () => {
    const mlp = fitNetwork(train, { hidden: 16, epochs: 150, learningRate: 0.02, batchSize: 32 }, createRng(4));
    expect(accuracyOf(mlp, test, 0)).toBeGreaterThan(0.9);
  });
  it('logistic regression has an intercept: separable data far from the origin', () => {
    const n = 400;
    const x = Float64Array.from({ length: n }, (_, i) => 10 + (i / n) * 4); // 10..14
    const y = Float64Array.from(x, (v) => (v > 12.3 ? 1 : 0));
    const d: FitData = { task: 'binary', cols: [Float64Array.from(x, (v) => (v - 12) / 1.15)], y, numClasses: 2 };
    const p = fitLinear(d, { l2: 1e-4 }, createRng(1));
    expect(accuracyOf(p, d, 0)).toBeGreaterThan(0.97);
    expect(p.kind === 'linear' && Math.abs(p.intercepts[0] as number)).toBeGreaterThan(0.5);
  });
  it('linear regression recovers coefficients; boosting fits squared error', () => {
    const rng = createRng(5);
    const n = 500;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(a, (v, i) => 2 * v - 3 * (b[i] as number) + 5);
    const d: FitData = { task: 'regression', cols: [a, b], y, numClasses: 0 };
    const p = fitLinear(d, { l2: 0 }, rng);
    expect(p.kind).toBe('linear');
    if (p.kind === 'linear') {
      expect(p.intercepts[0]).toBeCloseTo(5, 6);
      expect(p.weights[0]?.[0]).toBeCloseTo(2, 6);
      expect(p.weights[0]?.[1]).toBeCloseTo(-3, 6);
    }
    const g = fitGbdt(d, { rounds: 200, maxDepth: 3, learningRate: 0.1 }, rng);
    let se = 0;
    for (let i = 0; i < n; i++) se += ((predictorScores(g, [a[i] as number, b[i] as number])[0] as number) - (y[i] as number)) ** 2;
    expect(se / n).toBeLessThan(0.3); // variance of y is 13
  });
  it('multiclass boosting and forest (softmax / class proportions)', () => {
    const rng = createRng(6);
    const n = 600;
    const x = Float64Array.from({ length: n }, () => rng.next() * 3);
    const y = Float64Array.from(x, (v) => Math.floor(v));
    const d: FitData = { task: 'multiclass', cols: [x], y, numClasses: 3 };
    const g = fitGbdt(d, { rounds: 30, maxDepth: 2 }, rng);
    expect(g.kind === 'trees' && g.trees.length).toBe(90); // one tree per class per round
    expect(accuracyOf(g, d, 0)).toBeGreaterThan(0.98);
    const f = fitForest(d, { trees: 20 }, rng);
    expect(accuracyOf(f, d, 0)).toBeGreaterThan(0.98);
    const s = predictorScores(f, [0.5]);
    expect((s[0] as number) + (s[1] as number) + (s[2] as number)).toBeCloseTo(1, 12);
  });
  it('k-means finds well separated clusters', () => {
    const rng = createRng(7);
    const centers = [[0, 0], [10, 10], [0, 10]];
    const pts = Array.from({ length: 300 }, (_, i) => centers[i % 3]!.map((c) => c + rng.normal() * 0.5));
    const cols = [Float64Array.from(pts, (p) => p[0]!), Float64Array.from(pts, (p) => p[1]!)];
    const km = fitKMeans(cols, { k: 3 }, rng);
    expect(km.kind).toBe('kmeans');
    if (km.kind === 'kmeans') {
      const found = km.centroids.map((c) => c.map((v) => Math.round(v)).join(',')).sort();
      expect(found).toEqual(['0,0', '0,10', '10,10']);
    }
  });
  it('same seed → identical model; different seed → different bagging', () => {
    const a = JSON.stringify(fitForest(train, { trees: 5 }, createRng(9)));
    const b = JSON.stringify(fitForest(train, { trees: 5 }, createRng(9)));
    const c = JSON.stringify(fitForest(train, { trees: 5 }, createRng(10)));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
