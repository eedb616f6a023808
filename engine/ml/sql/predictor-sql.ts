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
 * (each chunk a left-to-right sum), then the scale. `treeMin`/`treeMax` bound what each tree can add.
 */
export interface TreeSumPlan {
  base: number;
  trees: string[];
  treeMin: number[];
  treeMax: number[];
  scale: number;
}

export function treeSumPlan(p: TreesPredictor, x: string[], k: number): TreeSumPlan {
  const plan: TreeSumPlan = { base: p.base[k] as number, trees: [], treeMin: [], treeMax: [], scale: p.scale };
  p.trees.forEach((tree, t) => {
    const out = p.treeOutput[t] as number;
    if (out !== k && out >= 0) return;
    const channel = out === k ? 0 : k;
    const [lo, hi] = leafRange(tree, channel);
    plan.trees.push(treeSql(tree, x, channel));
    plan.treeMin.push(lo);
    plan.treeMax.push(hi);
  });
  return plan;
}

function treeSumSql(plan: TreeSumPlan): string {
  const chunks: string[] = [];
  for (let c = 0; c < plan.trees.length; c += TREE_SUM_CHUNK) chunks.push(`(${plan.trees.slice(c, c + TREE_SUM_CHUNK).join(' + ')})`);
  const s = sumExpr([float8(plan.base), ...chunks]);
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
