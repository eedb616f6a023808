/**
 * Small dense network trained with Adam: 0 hidden layers (softmax / linear learner) or one ReLU hidden
 * layer (MLP). Outputs: 1 logit (binary), K logits (multiclass) or 1 value (regression; the target is
 * standardised for training and the scaling folded back into the output layer).
 */
import type { Rng } from '../random.js';
import { shuffleInPlace } from '../random.js';
import type { Predictor } from './predictor.js';
import type { FitData } from './tasks.js';
import { rowCount, sigmoid } from './tasks.js';

export interface NetworkParams {
  hidden: number;
  l2: number;
  epochs: number;
  learningRate: number;
  /** Minibatch size; 0 = full batch. */
  batchSize: number;
}

export const MLP_DEFAULTS: NetworkParams = { hidden: 32, l2: 1e-4, epochs: 60, learningRate: 0.01, batchSize: 64 };

interface Adam {
  m: Float64Array;
  v: Float64Array;
  t: number;
}

const adamState = (size: number): Adam => ({ m: new Float64Array(size), v: new Float64Array(size), t: 0 });

function adamStep(params: Float64Array, grads: Float64Array, st: Adam, lr: number): void {
  st.t++;
  const b1 = 0.9;
  const b2 = 0.999;
  const c1 = 1 - b1 ** st.t;
  const c2 = 1 - b2 ** st.t;
  for (let i = 0; i < params.length; i++) {
    const g = grads[i] as number;
    st.m[i] = b1 * (st.m[i] as number) + (1 - b1) * g;
    st.v[i] = b2 * (st.v[i] as number) + (1 - b2) * g * g;
    params[i]! -= (lr * ((st.m[i] as number) / c1)) / (Math.sqrt((st.v[i] as number) / c2) + 1e-8);
  }
}

export function fitNetwork(data: FitData, params: Partial<NetworkParams>, rng: Rng): Predictor {
  const p = { ...MLP_DEFAULTS, ...params };
  const n = rowCount(data);
  const F = data.cols.length;
  const K = data.task === 'multiclass' ? data.numClasses : 1;
  const H = p.hidden;
  const inDim = H > 0 ? H : F;
  let yMean = 0;
  let yStd = 1;
  if (data.task === 'regression') {
    for (const v of data.y) yMean += v;
    yMean /= n;
    let s = 0;
    for (const v of data.y) s += (v - yMean) ** 2;
    yStd = Math.sqrt(s / n) || 1;
  }
  // parameter layout: [W1 (H×F), b1 (H), W2 (K×inDim), b2 (K)]
  const w1Size = H * F;
  const size = w1Size + H + K * inDim + K;
  const w = new Float64Array(size);
  const scale1 = Math.sqrt(2 / Math.max(1, F));
  for (let i = 0; i < w1Size; i++) w[i] = rng.normal() * scale1;
  const scale2 = Math.sqrt(1 / Math.max(1, inDim));
  for (let i = 0; i < K * inDim; i++) w[w1Size + H + i] = rng.normal() * scale2 * (H > 0 ? 1 : 0);
  const grads = new Float64Array(size);
  const adam = adamState(size);
  const order = Array.from({ length: n }, (_, i) => i);
  const batch = p.batchSize > 0 ? p.batchSize : n;
  const x = new Float64Array(F);
  const h = new Float64Array(Math.max(H, 1));
  const out = new Float64Array(K);
  const dOut = new Float64Array(K);
  const o2 = w1Size + H;
  const oB2 = o2 + K * inDim;
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(n, start + batch);
      grads.fill(0);
      for (let bi = start; bi < end; bi++) {
        const i = order[bi] as number;
        for (let f = 0; f < F; f++) x[f] = (data.cols[f] as Float64Array)[i] as number;
        const inp = H > 0 ? h : x;
        for (let j = 0; j < H; j++) {
          let s = w[w1Size + j] as number;
          for (let f = 0; f < F; f++) s += (w[j * F + f] as number) * (x[f] as number);
          h[j] = Math.max(0, s);
        }
        for (let k = 0; k < K; k++) {
          let s = w[oB2 + k] as number;
          for (let j = 0; j < inDim; j++) s += (w[o2 + k * inDim + j] as number) * (inp[j] as number);
          out[k] = s;
        }
        const y = data.y[i] as number;
        if (data.task === 'binary') dOut[0] = sigmoid(out[0] as number) - y;
        else if (data.task === 'regression') dOut[0] = (out[0] as number) - (y - yMean) / yStd;
        else {
          let mx = -Infinity;
          for (let k = 0; k < K; k++) mx = Math.max(mx, out[k] as number);
          let z = 0;
          for (let k = 0; k < K; k++) z += out[k] = Math.exp((out[k] as number) - mx);
          for (let k = 0; k < K; k++) dOut[k] = (out[k] as number) / z - (y === k ? 1 : 0);
        }
        for (let k = 0; k < K; k++) {
          const d = dOut[k] as number;
          grads[oB2 + k]! += d;
          for (let j = 0; j < inDim; j++) grads[o2 + k * inDim + j]! += d * (inp[j] as number);
        }
        for (let j = 0; j < H; j++) {
          if ((h[j] as number) <= 0) continue;
          let d = 0;
          for (let k = 0; k < K; k++) d += (dOut[k] as number) * (w[o2 + k * inDim + j] as number);
          grads[w1Size + j]! += d;
          for (let f = 0; f < F; f++) grads[j * F + f]! += d * (x[f] as number);
        }
      }
      const m = end - start;
      for (let i = 0; i < size; i++) grads[i] = (grads[i] as number) / m + p.l2 * (w[i] as number);
      adamStep(w, grads, adam, p.learningRate);
    }
  }
  const outWeights: number[][] = [];
  const outBias: number[] = [];
  for (let k = 0; k < K; k++) {
    outWeights.push(Array.from(w.subarray(o2 + k * inDim, o2 + (k + 1) * inDim), (v) => v * yStd));
    outBias.push((w[oB2 + k] as number) * yStd + yMean);
  }
  if (H === 0) return { kind: 'linear', weights: outWeights, intercepts: outBias };
  const hiddenWeights: number[][] = [];
  for (let j = 0; j < H; j++) hiddenWeights.push(Array.from(w.subarray(j * F, (j + 1) * F)));
  return { kind: 'mlp', hiddenWeights, hiddenBias: Array.from(w.subarray(w1Size, w1Size + H)), outWeights, outBias };
}
