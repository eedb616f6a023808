/**
 * Histogram-based tree growing (second-order, XGBoost-style gain), shared by every tree learner.
 *
 * Each row carries `channels` gradients and one hessian (a weight). Split gain is
 *   Σ_c G_Lc²/(H_L+λ) + Σ_c G_Rc²/(H_R+λ) − Σ_c G_c²/(H+λ)
 * and a leaf outputs −G_c/(H+λ) · scale. Boosting passes real gradients/hessians with channels = 1;
 * random forest / single tree pass g = −target·w, h = w (so leaves are weighted means and the gain is the
 * variance / Gini reduction).
 *
 * Speed: row-major bin offsets, one histogram pass over the smaller child per split (the larger child's
 * histogram = parent − smaller child), recycled buffers cleared row by row. Replaces `ml-cart`, which took 4.5 s for one depth-5 tree on the
 * 2,666-row churn data (scikit-learn: 0.02 s); this builder grows such a tree in about a millisecond.
 */
import type { Rng } from '../random.js';
import { sampleIndices } from '../random.js';
import type { TreeModel } from './tree-model.js';

export interface TreeGrowParams {
  maxDepth: number;
  /** Minimum hessian (weight) sum in each child. */
  minChildWeight: number;
  /** Minimum number of rows in each child. */
  minSamplesLeaf: number;
  /** L2 regularisation of leaf values. */
  lambda: number;
  /** Minimum gain to split. */
  gamma: number;
  /** Fraction of features considered at each node (random forest); 1 = all. */
  featureFractionPerNode: number;
  /** Multiplier applied to leaf values (learning rate). */
  scale: number;
}

/** Binned training matrix prepared once per fit. */
export interface HistLayout {
  numFeatures: number;
  /** Per feature: the first histogram slot and the bin count. */
  offset: Int32Array;
  size: Int32Array;
  totalSlots: number;
  /** Row-major histogram slot of every (row, feature). */
  slot: Int32Array;
  edges: Float64Array[];
}

export function makeLayout(bins: ArrayLike<number>[], edges: Float64Array[]): HistLayout {
  const F = bins.length;
  const n = bins[0]?.length ?? 0;
  const offset = new Int32Array(F);
  const size = new Int32Array(F);
  let total = 0;
  for (let f = 0; f < F; f++) {
    offset[f] = total;
    size[f] = (edges[f] as Float64Array).length + 1;
    total += size[f] as number;
  }
  const slot = new Int32Array(n * F);
  for (let f = 0; f < F; f++) {
    const b = bins[f] as ArrayLike<number>;
    const o = offset[f] as number;
    for (let i = 0; i < n; i++) slot[i * F + f] = o + (b[i] as number);
  }
  return { numFeatures: F, offset, size, totalSlots: total, slot, edges };
}

const pools = new WeakMap<HistLayout, Map<number, Float64Array[]>>();

/** Zeroed histogram buffers shared by all trees grown on one layout. */
function poolFor(layout: HistLayout, histSize: number): Float64Array[] {
  let bySize = pools.get(layout);
  if (!bySize) pools.set(layout, (bySize = new Map()));
  let pool = bySize.get(histSize);
  if (!pool) bySize.set(histSize, (pool = []));
  return pool;
}

export interface TreeGrowInput {
  layout: HistLayout;
  /** Features allowed for this tree (per-tree column subsampling); all when omitted. */
  features?: number[];
  /** Row-major gradients, `channels` per row. */
  grad: Float64Array;
  hess: Float64Array;
  channels: number;
  /** Rows used by this tree (bagging / row subsampling). */
  rows: Int32Array;
  /** When given, receives the leaf node of every row in `rows`. */
  leafOfRow?: Int32Array;
}

export function growTree(input: TreeGrowInput, p: TreeGrowParams, rng: Rng): TreeModel {
  const { layout, grad, hess, channels: C } = input;
  const { slot, offset, size, edges, numFeatures: F } = layout;
  const allFeatures = input.features ?? Array.from({ length: F }, (_, j) => j);
  const rows = Int32Array.from(input.rows);
  const tree: TreeModel = { feature: [], threshold: [], left: [], right: [], value: [], cover: [], width: C };
  const stride = C + 2; // grads…, hess, count
  const histSize = layout.totalSlots * stride;
  const leftSums = new Float64Array(C);
  const lambda = p.lambda;
  const minWeight = p.minChildWeight;
  const minLeaf = p.minSamplesLeaf;

  // Histogram buffers are recycled; a buffer in the pool is all zeros. A slot whose count is 0 holds exact
  // zeros (enforced when subtracting), so clearing the slots of a node's own rows clears the whole buffer.
  const pool = poolFor(layout, histSize);
  const acquire = (): Float64Array => pool.pop() ?? new Float64Array(histSize);
  const release = (hist: Float64Array, start: number, end: number): void => {
    if (input.leafOfRow) for (let k = start; k < end; k++) input.leafOfRow[rows[k] as number] = tree.feature.length - 1;
    if ((end - start) * F * 4 >= layout.totalSlots) hist.fill(0);
    else {
      for (let k = start; k < end; k++) {
        for (let base = (rows[k] as number) * F, stop = base + F; base < stop; base++) {
          const o = (slot[base] as number) * stride;
          for (let c = 0; c < stride; c++) hist[o + c] = 0;
        }
      }
    }
    pool.push(hist);
  };
  /** Add (sign 1) or remove (sign −1) the rows[start:end) contributions. */
  const accumulate = (hist: Float64Array, start: number, end: number, sign: number): void => {
    if (C === 1 && sign === 1) {
      for (let k = start; k < end; k++) {
        const r = rows[k] as number;
        const g = grad[r] as number;
        const h = hess[r] as number;
        for (let base = r * F, stop = base + F; base < stop; base++) {
          const o = (slot[base] as number) * 3;
          hist[o] += g;
          hist[o + 1] += h;
          hist[o + 2] += 1;
        }
      }
      return;
    }
    if (C === 1) {
      for (let k = start; k < end; k++) {
        const r = rows[k] as number;
        const g = (grad[r] as number) * sign;
        const h = (hess[r] as number) * sign;
        for (let base = r * F, stop = base + F; base < stop; base++) {
          const o = (slot[base] as number) * 3;
          if ((hist[o + 2] += sign) === 0) {
            hist[o] = 0;
            hist[o + 1] = 0;
          } else {
            hist[o] += g;
            hist[o + 1] += h;
          }
        }
      }
      return;
    }
    for (let k = start; k < end; k++) {
      const r = rows[k] as number;
      const h = (hess[r] as number) * sign;
      for (let base = r * F, stop = base + F; base < stop; base++) {
        const o = (slot[base] as number) * stride;
        for (let c = 0; c < C; c++) hist[o + c] += (grad[r * C + c] as number) * sign;
        hist[o + C] += h;
        if ((hist[o + C + 1] += sign) === 0) for (let c = 0; c <= C; c++) hist[o + c] = 0;
      }
    }
  };

  /** Grow the node holding rows[start:end) whose histogram is `hist` (consumed). Returns its index. */
  const build = (start: number, end: number, depth: number, hist: Float64Array): number => {
    const node = tree.feature.length;
    // node totals from the first allowed feature's bins
    const f0 = allFeatures[0] as number;
    const sums = new Float64Array(C);
    let H = 0;
    for (let b = 0; b < (size[f0] as number); b++) {
      const o = ((offset[f0] as number) + b) * stride;
      for (let c = 0; c < C; c++) sums[c]! += hist[o + c] as number;
      H += hist[o + C] as number;
    }
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.cover.push(H);
    for (let c = 0; c < C; c++) tree.value.push((-(sums[c] as number) / (H + p.lambda || 1)) * p.scale);
    const count = end - start;
    if (depth >= p.maxDepth || count < 2 * p.minSamplesLeaf || H < 2 * p.minChildWeight) {
      release(hist, start, end);
      return node;
    }

    let parentScore = 0;
    for (let c = 0; c < C; c++) parentScore += (sums[c] as number) ** 2;
    parentScore /= H + p.lambda;
    let bestGain = p.gamma;
    let bestFeature = -1;
    let bestBin = -1;
    const feats =
      p.featureFractionPerNode < 1
        ? sampleIndices(allFeatures.length, Math.max(1, Math.round(allFeatures.length * p.featureFractionPerNode)), rng).map(
            (i) => allFeatures[i] as number,
          )
        : allFeatures;
    for (const f of feats) {
      const nb = size[f] as number;
      const fo = offset[f] as number;
      let HL = 0;
      let NL = 0;
      if (C === 1) {
        // specialised scalar scan (boosting, binary forests, regression)
        const G = sums[0] as number;
        let GL = 0;
        let localBest = bestGain + 1e-12;
        let localBin = -1;
        const last = (fo + nb - 1) * 3;
        for (let o = fo * 3; o < last; o += 3) {
          const cnt = hist[o + 2] as number;
          if (cnt === 0) continue;
          GL += hist[o] as number;
          HL += hist[o + 1] as number;
          NL += cnt;
          if (NL < minLeaf || HL < minWeight) continue;
          const HR = H - HL;
          if (count - NL < minLeaf || HR < minWeight) break;
          const GR = G - GL;
          const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda);
          if (gain - parentScore > localBest) {
            localBest = gain - parentScore;
            localBin = o / 3 - fo;
          }
        }
        if (localBin >= 0) {
          bestGain = localBest;
          bestFeature = f;
          bestBin = localBin;
        }
        continue;
      }
      leftSums.fill(0);
      for (let b = 0; b < nb - 1; b++) {
        const o = (fo + b) * stride;
        const cnt = hist[o + C + 1] as number;
        if (cnt === 0) continue;
        for (let c = 0; c < C; c++) leftSums[c]! += hist[o + c] as number;
        HL += hist[o + C] as number;
        NL += cnt;
        if (NL < p.minSamplesLeaf || HL < p.minChildWeight) continue;
        const HR = H - HL;
        if (count - NL < p.minSamplesLeaf || HR < p.minChildWeight) break;
        let sl = 0;
        let sr = 0;
        for (let c = 0; c < C; c++) {
          const gl = leftSums[c] as number;
          const gr = (sums[c] as number) - gl;
          sl += gl * gl;
          sr += gr * gr;
        }
        const gain = sl / (HL + p.lambda) + sr / (HR + p.lambda) - parentScore;
        if (gain > bestGain + 1e-12) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0) {
      release(hist, start, end);
      return node;
    }
    // partition rows[start:end) by bin <= bestBin
    const limit = (offset[bestFeature] as number) + bestBin;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if ((slot[(rows[i] as number) * F + bestFeature] as number) <= limit) i++;
      else {
        const t = rows[i] as number;
        rows[i] = rows[j] as number;
        rows[j] = t;
        j--;
      }
    }
    tree.feature[node] = bestFeature;
    tree.threshold[node] = (edges[bestFeature] as Float64Array)[bestBin] as number;
    // smaller child gets a fresh histogram, the larger one reuses the parent's buffer (parent − smaller)
    const leftSmaller = i - start <= end - i;
    const small = acquire();
    const [s0, s1] = leftSmaller ? [start, i] : [i, end];
    accumulate(small, s0, s1, 1);
    accumulate(hist, s0, s1, -1);
    const leftHist = leftSmaller ? small : hist;
    const rightHist = leftSmaller ? hist : small;
    tree.left[node] = build(start, i, depth + 1, leftHist);
    tree.right[node] = build(i, end, depth + 1, rightHist);
    return node;
  };
  const rootHist = acquire();
  accumulate(rootHist, 0, rows.length, 1);
  build(0, rows.length, 0, rootHist);
  return tree;
}
