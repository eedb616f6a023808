/**
 * Serialisable fitted predictors and their raw scores. The arithmetic order here is the contract with
 * the SQL compiler (`sql/predictor-sql.ts`), which emits the same float64 operations in the same order.
 */
import type { TreeModel } from './tree-model.js';
import { leafIndex } from './tree-model.js';

export type Predictor =
  /** s_k = (base_k + Σ leaf values of the trees feeding k, in order) · scale. treeOutput −1 = tree feeds every k (width K). */
  | { kind: 'trees'; outputs: number; trees: TreeModel[]; treeOutput: number[]; base: number[]; scale: number }
  /** s_k = b_k + Σ_i w_ki · x_i (x standardised). */
  | { kind: 'linear'; weights: number[][]; intercepts: number[] }
  /** h_j = max(0, b_j + Σ_i W_ji x_i); s_k = b_k + Σ_j V_kj h_j (x standardised). */
  | { kind: 'mlp'; hiddenWeights: number[][]; hiddenBias: number[]; outWeights: number[][]; outBias: number[] }
  /** s_k = −Σ_i (x_i − c_ki)² (x standardised): the nearest centroid has the highest score. */
  | { kind: 'kmeans'; centroids: number[][] };

/** Whether a predictor wants standardised inputs. */
export function needsScaling(p: Predictor): boolean {
  return p.kind !== 'trees';
}

export function outputCount(p: Predictor): number {
  switch (p.kind) {
    case 'trees':
      return p.outputs;
    case 'linear':
      return p.intercepts.length;
    case 'mlp':
      return p.outBias.length;
    case 'kmeans':
      return p.centroids.length;
  }
}

/**
 * Trees are summed in chunks of TREE_SUM_CHUNK (left to right inside a chunk, then chunk sums left to
 * right onto the base): the SQL mirror then stays a shallow expression (a 300-term left-deep sum
 * overflows PostgreSQL's expression recursion) while adding the very same float64 values in the same order.
 */
export const TREE_SUM_CHUNK = 16;

function treeScores(p: Extract<Predictor, { kind: 'trees' }>, x: ArrayLike<number>, upTo = p.trees.length): Float64Array {
  const K = p.outputs;
  const s = Float64Array.from(p.base);
  const chunk = new Float64Array(K);
  const inChunk = new Int32Array(K);
  const add = (k: number, v: number): void => {
    if (inChunk[k] === 0) chunk[k] = v;
    else chunk[k]! += v;
    if (++inChunk[k]! === TREE_SUM_CHUNK) {
      s[k]! += chunk[k] as number;
      inChunk[k] = 0;
    }
  };
  for (let t = 0; t < upTo; t++) {
    const tree = p.trees[t] as TreeModel;
    const leaf = leafIndex(tree, x);
    const k = p.treeOutput[t] as number;
    if (k >= 0) add(k, tree.value[leaf * tree.width] as number);
    else for (let c = 0; c < K; c++) add(c, tree.value[leaf * tree.width + c] as number);
  }
  for (let c = 0; c < K; c++) {
    if (inChunk[c]) s[c]! += chunk[c] as number;
    s[c] = (s[c] as number) * p.scale;
  }
  return s;
}

function dot(b: number, w: number[], x: ArrayLike<number>): number {
  let s = b;
  for (let i = 0; i < w.length; i++) s += (w[i] as number) * (x[i] as number);
  return s;
}

/** Raw scores of one (already preprocessed, and scaled if needed) feature row. */
export function predictorScores(p: Predictor, x: ArrayLike<number>): Float64Array {
  switch (p.kind) {
    case 'trees':
      return treeScores(p, x);
    case 'linear':
      return Float64Array.from(p.intercepts, (b, k) => dot(b, p.weights[k] as number[], x));
    case 'mlp': {
      const h = p.hiddenBias.map((b, j) => Math.max(0, dot(b, p.hiddenWeights[j] as number[], x)));
      return Float64Array.from(p.outBias, (b, k) => dot(b, p.outWeights[k] as number[], h));
    }
    case 'kmeans':
      return Float64Array.from(p.centroids, (c) => {
        let d = 0;
        for (let i = 0; i < c.length; i++) {
          const e = (x[i] as number) - (c[i] as number);
          d += e * e;
        }
        return -d;
      });
  }
}

/**
 * Scores after the first `counts[i]` trees, for every i (ascending counts), in one pass over the trees
 * (boosting curves during validation). Non-tree predictors return their full scores for every count.
 */
export function stagedScores(p: Predictor, x: ArrayLike<number>, counts: number[]): Float64Array[] {
  if (p.kind !== 'trees') {
    const s = predictorScores(p, x);
    return counts.map(() => s);
  }
  const out: Float64Array[] = [];
  const s = Float64Array.from(p.base);
  let t = 0;
  for (const upTo of counts) {
    for (; t < Math.min(upTo, p.trees.length); t++) {
      const tree = p.trees[t] as TreeModel;
      const leaf = leafIndex(tree, x);
      const k = p.treeOutput[t] as number;
      if (k >= 0) s[k]! += tree.value[leaf * tree.width] as number;
      else for (let c = 0; c < p.outputs; c++) s[c]! += tree.value[leaf * tree.width + c] as number;
    }
    out.push(s.map((v) => v * p.scale));
  }
  return out;
}

/** Row `i` of a column-major matrix. */
export function rowOf(cols: Float64Array[], i: number, out = new Float64Array(cols.length)): Float64Array {
  for (let j = 0; j < cols.length; j++) out[j] = (cols[j] as Float64Array)[i] as number;
  return out;
}
