/**
 * Linear models on standardised features:
 *  - binary logistic regression WITH intercept, L2 penalty (intercept not penalised), Newton/IRLS;
 *    (`ml-logistic-regression` has no intercept term, which is why it is not used);
 *  - ridge linear regression, closed form, intercept not penalised;
 *  - multiclass softmax regression via `fitNetwork` with no hidden layer (see network.ts).
 */
import { Matrix, solve } from 'ml-matrix';
import type { Rng } from '../random.js';
import { fitNetwork } from './network.js';
import type { Predictor } from './predictor.js';
import type { FitData } from './tasks.js';
import { rowCount, sigmoid } from './tasks.js';

export interface LinearParams {
  /** L2 penalty (on the sum of squared weights, data term summed over rows / n). */
  l2: number;
  iterations: number;
}

export const LINEAR_DEFAULTS: LinearParams = { l2: 1e-3, iterations: 25 };

function designRow(cols: Float64Array[], i: number): number[] {
  const r = [1];
  for (const c of cols) r.push(c[i] as number);
  return r;
}

function fitBinaryLogistic(data: FitData, p: LinearParams): Predictor {
  const n = rowCount(data);
  const d = data.cols.length + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < p.iterations; it++) {
    const H = Matrix.zeros(d, d);
    const g = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) {
      const x = designRow(data.cols, i);
      let m = 0;
      for (let j = 0; j < d; j++) m += (w[j] as number) * (x[j] as number);
      const pr = sigmoid(m);
      const r = pr - (data.y[i] as number);
      const s = Math.max(pr * (1 - pr), 1e-9);
      for (let a = 0; a < d; a++) {
        g[a]! += (r * (x[a] as number)) / n;
        for (let b = a; b < d; b++) H.set(a, b, H.get(a, b) + (s * (x[a] as number) * (x[b] as number)) / n);
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) H.set(a, b, H.get(b, a));
      if (a > 0) {
        H.set(a, a, H.get(a, a) + p.l2);
        g[a]! += p.l2 * (w[a] as number);
      } else H.set(0, 0, H.get(0, 0) + 1e-9);
    }
    const step = solve(H, Matrix.columnVector(g)).to1DArray();
    let change = 0;
    for (let j = 0; j < d; j++) {
      w[j]! -= step[j] as number;
      change = Math.max(change, Math.abs(step[j] as number));
    }
    if (change < 1e-8) break;
  }
  return { kind: 'linear', intercepts: [w[0] as number], weights: [w.slice(1)] };
}

function fitRidge(data: FitData, p: LinearParams): Predictor {
  const n = rowCount(data);
  const d = data.cols.length + 1;
  const A = Matrix.zeros(d, d);
  const b = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) {
    const x = designRow(data.cols, i);
    const y = data.y[i] as number;
    for (let a = 0; a < d; a++) {
      b[a]! += ((x[a] as number) * y) / n;
      for (let c = a; c < d; c++) A.set(a, c, A.get(a, c) + ((x[a] as number) * (x[c] as number)) / n);
    }
  }
  for (let a = 0; a < d; a++) {
    for (let c = 0; c < a; c++) A.set(a, c, A.get(c, a));
    A.set(a, a, A.get(a, a) + (a > 0 ? p.l2 : 1e-12));
  }
  const w = solve(A, Matrix.columnVector(b)).to1DArray();
  return { kind: 'linear', intercepts: [w[0] as number], weights: [w.slice(1)] };
}

export function fitLinear(data: FitData, params: Partial<LinearParams>, rng: Rng): Predictor {
  const p = { ...LINEAR_DEFAULTS, ...params };
  if (data.task === 'binary') return fitBinaryLogistic(data, p);
  if (data.task === 'regression') return fitRidge(data, p);
  return fitNetwork(data, { hidden: 0, l2: p.l2, epochs: 200, learningRate: 0.05, batchSize: 0 }, rng);
}
