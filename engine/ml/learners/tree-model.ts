/**
 * Serialisable binary decision tree (used by boosting, random forest and the single tree).
 * Node i is a leaf when feature[i] < 0. Internal nodes send x to `left` when x[feature] <= threshold
 * (float64 comparison; NaN goes right) — the SQL compiler emits exactly that comparison.
 */
export interface TreeModel {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Node values, `width` per node (leaf outputs; for internal nodes the value the node would have as a leaf). */
  value: number[];
  /** Sum of hessians / sample weights reaching the node (TreeSHAP "cover"). */
  cover: number[];
  width: number;
}

/** Index of the leaf reached by feature row x. */
export function leafIndex(tree: TreeModel, x: ArrayLike<number>): number {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    node = (x[tree.feature[node] as number] as number) <= (tree.threshold[node] as number)
      ? (tree.left[node] as number)
      : (tree.right[node] as number);
  }
  return node;
}

export function treeDepth(tree: TreeModel, node = 0): number {
  if ((tree.feature[node] as number) < 0) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node] as number), treeDepth(tree, tree.right[node] as number));
}

export function leafCount(tree: TreeModel): number {
  return tree.feature.filter((f) => f < 0).length;
}

/** Leaf reached by row i of a column-major matrix (same comparisons as `leafIndex`). */
export function leafIndexCols(tree: TreeModel, cols: Float64Array[], i: number): number {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    node = ((cols[tree.feature[node] as number] as Float64Array)[i] as number) <= (tree.threshold[node] as number)
      ? (tree.left[node] as number)
      : (tree.right[node] as number);
  }
  return node;
}
