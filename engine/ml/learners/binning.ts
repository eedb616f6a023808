/**
 * Quantile binning of feature columns (histogram-based trees, as in LightGBM / XGBoost `hist`).
 * Bin b holds the values x with edges[b-1] < x <= edges[b]; the last bin is open to +∞ (and NaN).
 * An edge between neighbouring training values a < b is the largest double below b (XGBoost's split
 * "x < b"), so the split "bin ≤ k" equals "x <= edges[k]" on training data, and prediction on raw values
 * uses the same float64 comparison (also in SQL).
 */
export const DEFAULT_MAX_BINS = 255;

/** Bin indices of one feature: bytes up to 256 bins, 16-bit above (exact splits on up to 65,536 distinct values). */
export type BinColumn = Uint8Array | Uint16Array;
export const MAX_BINS_LIMIT = 65_536;

export interface Binned {
  /** Per feature, the bin of every row. */
  bins: BinColumn[];
  /** Per feature, the upper edges of all bins but the last (length = bin count - 1). */
  edges: Float64Array[];
}

const bits = new Float64Array(1);
const bitsInt = new BigInt64Array(bits.buffer);

/** The largest double below b (b finite). */
export function nextDown(b: number): number {
  if (b === 0) return -Number.MIN_VALUE;
  bits[0] = b;
  bitsInt[0] = bitsInt[0]! + (b > 0 ? -1n : 1n);
  return bits[0]!;
}

/**
 * Split value between neighbouring training values a < b: XGBoost's convention (the split is "x < b"),
 * written as "x <= the largest double below b" so that every tree here and in SQL keeps one comparison.
 */
function cutBetween(a: number, b: number): number {
  const c = nextDown(b);
  return c >= a ? c : a;
}

export function fitEdges(col: Float64Array, requestedBins = DEFAULT_MAX_BINS): Float64Array {
  const maxBins = Math.max(2, Math.min(MAX_BINS_LIMIT, Math.floor(requestedBins) || DEFAULT_MAX_BINS));
  const finite: number[] = [];
  for (const v of col) if (Number.isFinite(v)) finite.push(v);
  finite.sort((a, b) => a - b);
  const uniq: number[] = [];
  const counts: number[] = [];
  for (const v of finite) {
    if (uniq.length && uniq[uniq.length - 1] === v) counts[counts.length - 1]!++;
    else (uniq.push(v), counts.push(1));
  }
  const edges: number[] = [];
  if (uniq.length <= maxBins) {
    for (let i = 0; i + 1 < uniq.length; i++) edges.push(cutBetween(uniq[i] as number, uniq[i + 1] as number));
  } else {
    const perBin = finite.length / maxBins;
    let acc = 0;
    let nextCut = perBin;
    for (let i = 0; i + 1 < uniq.length && edges.length < maxBins - 1; i++) {
      acc += counts[i] as number;
      if (acc >= nextCut) {
        edges.push(cutBetween(uniq[i] as number, uniq[i + 1] as number));
        while (nextCut <= acc) nextCut += perBin;
      }
    }
  }
  return Float64Array.from(edges);
}

/** Bin index of x: the first b with x <= edges[b], else edges.length. */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= (edges[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function applyEdges(cols: Float64Array[], edges: Float64Array[]): BinColumn[] {
  return cols.map((col, j) => {
    const e = edges[j] as Float64Array;
    const out = e.length < 256 ? new Uint8Array(col.length) : new Uint16Array(col.length);
    for (let i = 0; i < col.length; i++) out[i] = binOf(e, col[i] as number);
    return out;
  });
}

/** `exact[j]`: feature j gets one bin per distinct training value (exact splits), whatever maxBins says. */
export function binColumns(cols: Float64Array[], maxBins = DEFAULT_MAX_BINS, exact?: boolean[]): Binned {
  const edges = cols.map((c, j) => fitEdges(c, exact?.[j] ? MAX_BINS_LIMIT : maxBins));
  return { edges, bins: applyEdges(cols, edges) };
}
