/**
 * SQL mirror of learners/predictor.ts: the raw scores of a predictor as float8 expressions over feature
 * expressions. Trees become nested CASE (x <= threshold → left, else right; NaN goes right as in JS),
 * ensembles a left-to-right sum of the trees, linear models and MLP the same multiply-add order as JS.
 */
import type { Predictor } from '../learners/predictor.js';
import { TREE_SUM_CHUNK } from '../learners/predictor.js';
import type { TreeModel } from '../learners/tree-model.js';
import { float8, sumExpr } from './sql-text.js';

function treeSql(tree: TreeModel, x: string[], channel: number, node = 0): string {
  const f = tree.feature[node] as number;
  if (f < 0) return float8(tree.value[node * tree.width + channel] as number);
  const left = treeSql(tree, x, channel, tree.left[node] as number);
  const right = treeSql(tree, x, channel, tree.right[node] as number);
  return `CASE WHEN ${x[f]} <= ${float8(tree.threshold[node] as number)} THEN ${left} ELSE ${right} END`;
}

function dotSql(bias: number, w: number[], x: string[]): string {
  return sumExpr([float8(bias), ...w.map((wi, i) => `${float8(wi)} * ${x[i]}`)]);
}

/** One float8 expression per output score. */
export function predictorSql(p: Predictor, x: string[]): string[] {
  switch (p.kind) {
    case 'trees':
      return p.base.map((b, k) => {
        const trees: string[] = [];
        p.trees.forEach((tree, t) => {
          const out = p.treeOutput[t] as number;
          if (out === k) trees.push(treeSql(tree, x, 0));
          else if (out < 0) trees.push(treeSql(tree, x, k));
        });
        const terms = [float8(b)];
        for (let c = 0; c < trees.length; c += TREE_SUM_CHUNK) terms.push(`(${trees.slice(c, c + TREE_SUM_CHUNK).join(' + ')})`);
        const s = sumExpr(terms);
        return p.scale === 1 ? s : `(${s}) * ${float8(p.scale)}`;
      });
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
