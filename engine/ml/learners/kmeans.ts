/** k-means (k-means++ seeding, Lloyd iterations) on standardised features, for MODEL_TYPE KMEANS (AUTO OFF). */
import type { Rng } from '../random.js';
import type { Predictor } from './predictor.js';

export interface KMeansParams {
  k: number;
  iterations: number;
}

function dist2(cols: Float64Array[], i: number, c: number[]): number {
  let d = 0;
  for (let j = 0; j < cols.length; j++) {
    const e = ((cols[j] as Float64Array)[i] as number) - (c[j] as number);
    d += e * e;
  }
  return d;
}

export function fitKMeans(cols: Float64Array[], params: Partial<KMeansParams>, rng: Rng): Predictor {
  const k = Math.max(1, Math.floor(params.k ?? 8));
  const iterations = params.iterations ?? 50;
  const n = cols[0]?.length ?? 0;
  const row = (i: number): number[] => cols.map((c) => c[i] as number);
  const centroids: number[][] = [row(rng.int(n))];
  const best = new Float64Array(n).fill(Infinity);
  while (centroids.length < Math.min(k, n)) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      best[i] = Math.min(best[i] as number, dist2(cols, i, centroids[centroids.length - 1] as number[]));
      total += best[i] as number;
    }
    let r = rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= best[i] as number;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centroids.push(row(pick));
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      let bi = 0;
      let bd = Infinity;
      centroids.forEach((c, ci) => {
        const d = dist2(cols, i, c);
        if (d < bd) (bd = d), (bi = ci);
      });
      if (assign[i] !== bi || it === 0) moved = moved || assign[i] !== bi;
      assign[i] = bi;
    }
    const sums = centroids.map(() => new Array<number>(cols.length).fill(0));
    const counts = new Array<number>(centroids.length).fill(0);
    for (let i = 0; i < n; i++) {
      counts[assign[i] as number]!++;
      cols.forEach((c, j) => (sums[assign[i] as number]![j]! += c[i] as number));
    }
    sums.forEach((s, ci) => {
      if (counts[ci]) centroids[ci] = s.map((v) => v / (counts[ci] as number));
    });
    if (!moved && it > 0) break;
  }
  return { kind: 'kmeans', centroids };
}

/** Sum of squared distances to the nearest centroid (lower is better). */
export function kmeansInertia(cols: Float64Array[], centroids: number[][]): number {
  const n = cols[0]?.length ?? 0;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.min(...centroids.map((c) => dist2(cols, i, c)));
  return s;
}
