/**
 * Histogram gradient-boosted trees (the XGBoost stand-in and usual Autopilot winner):
 * binary logloss, multiclass softmax (one tree per class per round) and squared error.
 * Leaf values already include the learning rate, so a prediction is base + Σ leaves.
 */
import type { Rng } from '../random.js';
import { sampleIndices } from '../random.js';
import { binColumns } from './binning.js';
import { growTree, makeLayout } from './hist-tree.js';
import type { Predictor } from './predictor.js';
import type { FitData } from './tasks.js';
import { rowCount, sigmoid } from './tasks.js';
import type { TreeModel } from './tree-model.js';
import { leafIndexCols } from './tree-model.js';

export interface GbdtParams {
  rounds: number;
  learningRate: number;
  maxDepth: number;
  minChildWeight: number;
  lambda: number;
  gamma: number;
  /** Row subsampling per round (0–1]. */
  subsample: number;
  /** Feature subsampling per tree (0–1]. */
  colsample: number;
  maxBins: number;
}

export const GBDT_DEFAULTS: GbdtParams = {
  rounds: 100,
  learningRate: 0.1,
  maxDepth: 6,
  minChildWeight: 1,
  lambda: 1,
  gamma: 0,
  subsample: 1,
  colsample: 1,
  maxBins: 255,
};

/**
 * Early stopping monitor: validation rows (same feature columns); training stops when the validation
 * loss (logloss / softmax loss / squared error) has not improved for `patience` rounds.
 */
export interface GbdtMonitor {
  cols: Float64Array[];
  y: Float64Array;
  patience: number;
}

function validationLoss(task: FitData['task'], margin: Float64Array, y: Float64Array, K: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const t = y[i] as number;
    if (task === 'binary') {
      const p = sigmoid(margin[i] as number);
      s -= Math.log(Math.max(1e-15, t === 1 ? p : 1 - p));
    } else if (task === 'regression') s += ((margin[i] as number) - t) ** 2;
    else {
      let mx = -Infinity;
      for (let c = 0; c < K; c++) mx = Math.max(mx, margin[i * K + c] as number);
      let z = 0;
      for (let c = 0; c < K; c++) z += Math.exp((margin[i * K + c] as number) - mx);
      s -= (margin[i * K + t] as number) - mx - Math.log(z);
    }
  }
  return s / Math.max(1, y.length);
}

export function fitGbdt(data: FitData, params: Partial<GbdtParams>, rng: Rng, monitor?: GbdtMonitor): Predictor {
  const p = { ...GBDT_DEFAULTS, ...params };
  const n = rowCount(data);
  const K = data.task === 'multiclass' ? data.numClasses : 1;
  const { bins, edges } = binColumns(data.cols, p.maxBins, data.exactSplit);
  const layout = makeLayout(bins, edges);
  const base = new Array<number>(K).fill(0);
  if (data.task === 'binary') {
    let pos = 0;
    for (const v of data.y) pos += v;
    const prior = Math.min(1 - 1e-6, Math.max(1e-6, pos / n));
    base[0] = Math.log(prior / (1 - prior));
  } else if (data.task === 'regression') {
    let s = 0;
    for (const v of data.y) s += v;
    base[0] = s / n;
  } else {
    const counts = new Array<number>(K).fill(0);
    for (const v of data.y) counts[v]!++;
    for (let k = 0; k < K; k++) base[k] = Math.log(Math.max(counts[k] as number, 1) / n);
  }
  const margin = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) margin[i * K + k] = base[k] as number;
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: TreeModel[] = [];
  const treeOutput: number[] = [];
  const growParams = {
    maxDepth: p.maxDepth,
    minChildWeight: p.minChildWeight,
    minSamplesLeaf: 1,
    lambda: p.lambda,
    gamma: p.gamma,
    featureFractionPerNode: 1,
    scale: p.learningRate,
  };
  const probs = new Float64Array(K);
  const vn = monitor ? monitor.y.length : 0;
  const vMargin = new Float64Array(vn * K);
  for (let i = 0; i < vn; i++) for (let k = 0; k < K; k++) vMargin[i * K + k] = base[k] as number;
  let bestLoss = Infinity;
  let bestRound = 0;
  const allRows = Int32Array.from({ length: n }, (_, i) => i);
  const leafOfRow = new Int32Array(n);
  const leaves: (Int32Array | null)[] = [];
  for (let round = 0; round < p.rounds; round++) {
    const rows = p.subsample < 1 ? Int32Array.from(sampleIndices(n, Math.max(2, Math.round(n * p.subsample)), rng)) : allRows;
    const features =
      p.colsample < 1 ? sampleIndices(bins.length, Math.max(1, Math.round(bins.length * p.colsample)), rng) : undefined;
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) {
        const y = data.y[i] as number;
        if (data.task === 'binary') {
          const pr = sigmoid(margin[i] as number);
          grad[i] = pr - y;
          hess[i] = Math.max(pr * (1 - pr), 1e-16);
        } else if (data.task === 'regression') {
          grad[i] = (margin[i] as number) - y;
          hess[i] = 1;
        } else {
          let mx = -Infinity;
          for (let c = 0; c < K; c++) mx = Math.max(mx, margin[i * K + c] as number);
          let z = 0;
          for (let c = 0; c < K; c++) z += probs[c] = Math.exp((margin[i * K + c] as number) - mx);
          const pr = (probs[k] as number) / z;
          grad[i] = pr - (y === k ? 1 : 0);
          hess[i] = Math.max(2 * pr * (1 - pr), 1e-16);
        }
      }
      const tree = growTree({ layout, features, grad, hess, channels: 1, rows, leafOfRow }, growParams, rng);
      trees.push(tree);
      leaves.push(rows === allRows ? Int32Array.from(leafOfRow) : null);
      treeOutput.push(K === 1 ? 0 : k);
    }
    // update margins after all K trees of the round (softmax gradients use the previous round)
    for (let k = 0; k < K; k++) {
      const tree = trees[trees.length - K + k] as TreeModel;
      const leafOf = leaves[leaves.length - K + k];
      for (let i = 0; i < n; i++) {
        margin[i * K + k]! += tree.value[leafOf ? (leafOf[i] as number) : leafIndexCols(tree, data.cols, i)] as number;
      }
      if (monitor) for (let i = 0; i < vn; i++) vMargin[i * K + k]! += tree.value[leafIndexCols(tree, monitor.cols, i)] as number;
    }
    if (monitor) {
      const loss = validationLoss(data.task, vMargin, monitor.y, K);
      if (loss < bestLoss - 1e-9) (bestLoss = loss), (bestRound = round);
      else if (round - bestRound >= monitor.patience) break;
    }
  }
  return { kind: 'trees', outputs: K, trees, treeOutput, base, scale: 1 };
}

/** Number of trees in the first `rounds` boosting rounds. */
export function treesForRounds(predictor: Predictor, rounds: number): number {
  return predictor.kind === 'trees' ? rounds * (predictor.outputs) : 0;
}
