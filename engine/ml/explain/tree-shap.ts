/**
 * Exact TreeSHAP (Lundberg et al. 2018, Algorithm 2 — path-dependent, using node covers) for one tree,
 * one output channel. Adds each feature's SHAP value for row x to phi[feature].
 */
import type { TreeModel } from '../learners/tree-model.js';

interface PathElement {
  f: number;
  z: number;
  o: number;
  w: number;
}

function extend(path: PathElement[], depth: number, z: number, o: number, f: number): void {
  path[depth] = { f, z, o, w: depth === 0 ? 1 : 0 };
  for (let i = depth - 1; i >= 0; i--) {
    const pi = path[i] as PathElement;
    (path[i + 1] as PathElement).w += (o * pi.w * (i + 1)) / (depth + 1);
    pi.w = (z * pi.w * (depth - i)) / (depth + 1);
  }
}

function unwind(path: PathElement[], depth: number, index: number): void {
  const { o, z } = path[index] as PathElement;
  let next = (path[depth] as PathElement).w;
  for (let i = depth - 1; i >= 0; i--) {
    const pi = path[i] as PathElement;
    if (o !== 0) {
      const tmp = pi.w;
      pi.w = (next * (depth + 1)) / ((i + 1) * o);
      next = tmp - (pi.w * z * (depth - i)) / (depth + 1);
    } else pi.w = (pi.w * (depth + 1)) / (z * (depth - i));
  }
  for (let i = index; i < depth; i++) {
    const a = path[i] as PathElement;
    const b = path[i + 1] as PathElement;
    a.f = b.f;
    a.z = b.z;
    a.o = b.o;
  }
}

function unwoundSum(path: PathElement[], depth: number, index: number): number {
  const { o, z } = path[index] as PathElement;
  let next = (path[depth] as PathElement).w;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    const pi = path[i] as PathElement;
    if (o !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * o);
      total += tmp;
      next = pi.w - (tmp * z * (depth - i)) / (depth + 1);
    } else if (z !== 0) total += pi.w / z / ((depth - i) / (depth + 1));
  }
  return total;
}

export function treeShap(tree: TreeModel, x: ArrayLike<number>, channel: number, phi: Float64Array, scale = 1): void {
  const recurse = (node: number, parent: PathElement[], depth: number, z: number, o: number, f: number): void => {
    const path = parent.slice(0, depth).map((e) => ({ ...e }));
    extend(path, depth, z, o, f);
    const feat = tree.feature[node] as number;
    if (feat < 0) {
      const value = (tree.value[node * tree.width + channel] as number) * scale;
      for (let i = 1; i <= depth; i++) {
        const e = path[i] as PathElement;
        phi[e.f]! += unwoundSum(path, depth, i) * (e.o - e.z) * value;
      }
      return;
    }
    const goLeft = (x[feat] as number) <= (tree.threshold[node] as number);
    const hot = (goLeft ? tree.left[node] : tree.right[node]) as number;
    const cold = (goLeft ? tree.right[node] : tree.left[node]) as number;
    const cover = (tree.cover[node] as number) || 1;
    let iz = 1;
    let io = 1;
    let d = depth;
    for (let k = 1; k <= depth; k++) {
      const e = path[k] as PathElement;
      if (e.f === feat) {
        iz = e.z;
        io = e.o;
        unwind(path, d, k);
        d--;
        break;
      }
    }
    recurse(hot, path, d + 1, (iz * (tree.cover[hot] as number)) / cover, io, feat);
    recurse(cold, path, d + 1, (iz * (tree.cover[cold] as number)) / cover, 0, feat);
  };
  recurse(0, [], 0, 1, 1, -1);
}

/** Cover-weighted mean output of a tree (its expected value). */
export function treeExpectedValue(tree: TreeModel, channel: number, node = 0): number {
  if ((tree.feature[node] as number) < 0) return tree.value[node * tree.width + channel] as number;
  const l = tree.left[node] as number;
  const r = tree.right[node] as number;
  const c = (tree.cover[node] as number) || 1;
  return (
    ((tree.cover[l] as number) * treeExpectedValue(tree, channel, l) + (tree.cover[r] as number) * treeExpectedValue(tree, channel, r)) / c
  );
}
