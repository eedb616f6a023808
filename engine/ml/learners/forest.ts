/**
 * Random forest (bootstrap + per-node feature subsampling) and the single decision tree, on histogram trees.
 * Classification trees store class proportions in their leaves (Gini = variance reduction of class
 * indicators); regression trees store means. The forest averages leaves: s = (0 + Σ leaves) · (1/trees).
 *
 * Replaces `ml-random-forest`, which needed 175 s for 50 trees on the churn data and reached F1 0.72
 * (its predictProbability was also off by 1/n); this one fits 100 trees in well under a second.
 */
import type { Rng } from '../random.js';
import { binColumns } from './binning.js';
import { growTree, makeLayout } from './hist-tree.js';
import type { Predictor } from './predictor.js';
import type { FitData } from './tasks.js';
import { rowCount } from './tasks.js';
import type { TreeModel } from './tree-model.js';

export interface ForestParams {
  trees: number;
  maxDepth: number;
  minSamplesLeaf: number;
  /** Fraction of features tried per node (0 = √F / F, the usual classification default). */
  featureFraction: number;
  /** Draw a bootstrap sample per tree (false = every row once). */
  bootstrap: number;
  maxBins: number;
}

export const FOREST_DEFAULTS: ForestParams = {
  trees: 100,
  maxDepth: 12,
  minSamplesLeaf: 1,
  featureFraction: 0,
  bootstrap: 1,
  maxBins: 255,
};

export function fitForest(data: FitData, params: Partial<ForestParams>, rng: Rng): Predictor {
  const p = { ...FOREST_DEFAULTS, ...params };
  const n = rowCount(data);
  const C = data.task === 'multiclass' ? data.numClasses : 1;
  const { bins, edges } = binColumns(data.cols, p.maxBins, data.exactSplit);
  const layout = makeLayout(bins, edges);
  const F = bins.length;
  const fraction = p.featureFraction > 0 ? Math.min(1, p.featureFraction) : Math.max(1, Math.round(Math.sqrt(F))) / F;
  const target = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    const y = data.y[i] as number;
    if (data.task === 'multiclass') target[i * C + y] = 1;
    else target[i] = y; // binary: indicator of class 1; regression: value
  }
  const trees: TreeModel[] = [];
  const grad = new Float64Array(n * C);
  const hess = new Float64Array(n);
  for (let t = 0; t < p.trees; t++) {
    hess.fill(0);
    if (p.bootstrap) for (let d = 0; d < n; d++) hess[rng.int(n)]!++;
    else hess.fill(1);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = hess[i] as number;
      if (w === 0) continue;
      rows.push(i);
      for (let c = 0; c < C; c++) grad[i * C + c] = -(target[i * C + c] as number) * w;
    }
    trees.push(
      growTree(
        { layout, grad, hess, channels: C, rows: Int32Array.from(rows) },
        {
          maxDepth: p.maxDepth,
          minChildWeight: 1e-9,
          minSamplesLeaf: p.minSamplesLeaf,
          lambda: 0,
          gamma: 1e-12,
          featureFractionPerNode: fraction,
          scale: 1,
        },
        rng,
      ),
    );
  }
  return {
    kind: 'trees',
    outputs: C,
    trees,
    treeOutput: trees.map(() => -1),
    base: new Array<number>(C).fill(0),
    scale: 1 / trees.length,
  };
}

export interface DecisionTreeParams {
  maxDepth: number;
  minSamplesLeaf: number;
  maxBins: number;
}

/** A single CART-like tree: a forest of one tree on all rows and all features. */
export function fitDecisionTree(data: FitData, params: Partial<DecisionTreeParams>, rng: Rng): Predictor {
  return fitForest(
    data,
    {
      trees: 1,
      bootstrap: 0,
      featureFraction: 1,
      maxDepth: params.maxDepth ?? 6,
      minSamplesLeaf: params.minSamplesLeaf ?? 5,
      maxBins: params.maxBins ?? 255,
    },
    rng,
  );
}

