/**
 * SQL mirror of learners/predictor.ts: the raw scores of a predictor as float8 expressions over feature
 * expressions. Trees become nested CASE (x <= threshold → left, else right; NaN goes right as in JS),
 * ensembles a left-to-right sum of the trees, linear models and MLP the same multiply-add order as JS.
 */
import type { Predictor } from '../learners/predictor.js';
import { TREE_SUM_CHUNK } from '../learners/predictor.js';
import type { TreeModel } from '../learners/tree-model.js';
import { float8, sumExpr } from './sql-text.js';

type TreesPredictor = Extract<Predictor, { kind: 'trees' }>;

function treeSql(tree: TreeModel, x: string[], channel: number, node = 0): string {
  const f = tree.feature[node] as number;
  if (f < 0) return float8(tree.value[node * tree.width + channel] as number);
  const left = treeSql(tree, x, channel, tree.left[node] as number);
  const right = treeSql(tree, x, channel, tree.right[node] as number);
  return `CASE WHEN ${x[f]} <= ${float8(tree.threshold[node] as number)} THEN ${left} ELSE ${right} END`;
}

/** Smallest and largest leaf value of one tree for one output channel. */
function leafRange(tree: TreeModel, channel: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  tree.feature.forEach((f, node) => {
    if (f >= 0) return;
    const v = tree.value[node * tree.width + channel] as number;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  });
  return [lo, hi];
}

/**
 * One output of a tree ensemble as JS sums it: the base, then the trees in chunks of TREE_SUM_CHUNK
 * (each chunk a left-to-right sum), then the scale. `chunkMin`/`chunkMax` bound what each chunk can add.
 */
export interface TreeSumPlan {
  base: number;
  chunks: string[];
  chunkMin: number[];
  chunkMax: number[];
  scale: number;
}

export function treeSumPlan(p: TreesPredictor, x: string[], k: number): TreeSumPlan {
  const trees: string[] = [];
  const ranges: [number, number][] = [];
  p.trees.forEach((tree, t) => {
    const out = p.treeOutput[t] as number;
    if (out !== k && out >= 0) return;
    const channel = out === k ? 0 : k;
    trees.push(treeSql(tree, x, channel));
    ranges.push(leafRange(tree, channel));
  });
  const plan: TreeSumPlan = { base: p.base[k] as number, chunks: [], chunkMin: [], chunkMax: [], scale: p.scale };
  for (let c = 0; c < trees.length; c += TREE_SUM_CHUNK) {
    plan.chunks.push(`(${trees.slice(c, c + TREE_SUM_CHUNK).join(' + ')})`);
    const r = ranges.slice(c, c + TREE_SUM_CHUNK);
    plan.chunkMin.push(r.reduce((s, [lo]) => s + lo, 0));
    plan.chunkMax.push(r.reduce((s, [, hi]) => s + hi, 0));
  }
  return plan;
}

function treeSumSql(plan: TreeSumPlan): string {
  const s = sumExpr([float8(plan.base), ...plan.chunks]);
  return plan.scale === 1 ? s : `(${s}) * ${float8(plan.scale)}`;
}

function dotSql(bias: number, w: number[], x: string[]): string {
  return sumExpr([float8(bias), ...w.map((wi, i) => `${float8(wi)} * ${x[i]}`)]);
}

/** One float8 expression per output score. */
export function predictorSql(p: Predictor, x: string[]): string[] {
  switch (p.kind) {
    case 'trees':
      return p.base.map((_, k) => treeSumSql(treeSumPlan(p, x, k)));
    case 'linear':
      return p.intercepts.map((b, k) => dotSql(b, p.weights[k] as number[], x));
    case 'mlp': {
      const h = p.hiddenBias.map((b, j) => `GREATEST(${float8(0)}, ${dotSql(b, p.hiddenWeights[j] as number[], x)})`);
      return p.outBias.map((b, k) => dotSql(b, p.outWeights[k] as number[], h));
    }
    case 'kmeans':
      return p.centroids.map((c) => `-(${sumExpr(c.map((ci, i) => `(${x[i]} - ${float8(ci)}) * (${x[i]} - ${float8(ci)})`))})`);
  }
}
