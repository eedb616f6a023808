/**
 * Feature specifications: how one model input (a float64) is computed from the raw input row.
 * They are plain JSON (part of the serialised model) and each kind has a mirror in `sql/feature-sql.ts`,
 * computing the exact same float64 in PostgreSQL.
 */
import type { CellValue } from './types.js';
import { toBoolNumber, toCategory, toNumber } from './values.js';

export type FeatureSpec =
  /** numeric column, missing → fill (median). */
  | { kind: 'number'; name: string; col: number; fill: number }
  /** boolean column as 1/0, missing → fill (mode). */
  | { kind: 'boolean'; name: string; col: number; fill: number }
  /** 1 when the categorical column equals `value`, else 0 (missing → 0). */
  | { kind: 'onehot'; name: string; col: number; value: string }
  /** high-cardinality categorical → number via a lookup table (target or frequency encoding); unknown/missing → fallback. */
  | {
      kind: 'lookup';
      name: string;
      col: number;
      encoding: 'target' | 'frequency';
      categories: string[];
      values: number[];
      fallback: number;
    }
  /** engineered: sum of imputed numeric columns, added left to right. */
  | { kind: 'sum'; name: string; cols: number[]; fills: number[] }
  /** engineered: imputed numerator / imputed denominator; denominator 0 → fallback. */
  | { kind: 'ratio'; name: string; cols: [number, number]; fills: [number, number]; fallback: number };

function num(row: CellValue[], col: number, fill: number): number {
  const v = toNumber(row[col]);
  return v === null ? fill : v;
}

/** Value of one feature for one raw row. */
export function featureValue(spec: FeatureSpec, row: CellValue[]): number {
  switch (spec.kind) {
    case 'number':
      return num(row, spec.col, spec.fill);
    case 'boolean': {
      const v = toBoolNumber(row[spec.col]);
      return v === null ? spec.fill : v;
    }
    case 'onehot':
      return toCategory(row[spec.col]) === spec.value ? 1 : 0;
    case 'lookup': {
      const key = toCategory(row[spec.col]);
      const i = key === null ? -1 : spec.categories.indexOf(key);
      return i < 0 ? spec.fallback : (spec.values[i] as number);
    }
    case 'sum': {
      let s = num(row, spec.cols[0] as number, spec.fills[0] as number);
      for (let k = 1; k < spec.cols.length; k++) s += num(row, spec.cols[k] as number, spec.fills[k] as number);
      return s;
    }
    case 'ratio': {
      const a = num(row, spec.cols[0], spec.fills[0]);
      const b = num(row, spec.cols[1], spec.fills[1]);
      return b === 0 ? spec.fallback : a / b;
    }
  }
}

/** Features of one row, in spec order. */
export function featureRow(specs: FeatureSpec[], row: CellValue[]): Float64Array {
  const out = new Float64Array(specs.length);
  for (let j = 0; j < specs.length; j++) out[j] = featureValue(specs[j] as FeatureSpec, row);
  return out;
}

/** Column-major feature matrix for the given rows (all rows when `rowIdx` is omitted). */
export function featureColumns(specs: FeatureSpec[], rows: CellValue[][], rowIdx?: ArrayLike<number>): Float64Array[] {
  const n = rowIdx ? rowIdx.length : rows.length;
  return specs.map((spec) => {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = featureValue(spec, rows[rowIdx ? (rowIdx[i] as number) : i] as CellValue[]);
    return col;
  });
}

/**
 * Engineered features (sums, ratios) are split exactly by the tree learners: their decision boundary is
 * usually the point of engineering them, and quantile bins would blur it.
 */
export function exactSplitFlags(specs: FeatureSpec[]): boolean[] {
  return specs.map((s) => s.kind === 'sum' || s.kind === 'ratio');
}

/** Input column indices a feature reads (used to attribute explanations back to columns). */
export function featureSourceColumns(spec: FeatureSpec): number[] {
  return spec.kind === 'sum' || spec.kind === 'ratio' ? [...spec.cols] : [spec.col];
}

/** Standardisation for linear models, MLP and k-means: (x - mean) / std. */
export interface Scaler {
  mean: number[];
  std: number[];
}

export function fitScaler(cols: Float64Array[]): Scaler {
  const mean: number[] = [];
  const std: number[] = [];
  for (const c of cols) {
    let m = 0;
    for (const v of c) m += v;
    m = c.length ? m / c.length : 0;
    let s = 0;
    for (const v of c) s += (v - m) * (v - m);
    s = c.length ? Math.sqrt(s / c.length) : 0;
    mean.push(m);
    std.push(s > 1e-12 && Number.isFinite(s) ? s : 1);
  }
  return { mean, std };
}

export function applyScaler(scaler: Scaler, cols: Float64Array[]): Float64Array[] {
  return cols.map((c, j) => {
    const m = scaler.mean[j] as number;
    const s = scaler.std[j] as number;
    return c.map((v) => (v - m) / s);
  });
}

export function scaleRow(scaler: Scaler, x: Float64Array): Float64Array {
  return x.map((v, j) => (v - (scaler.mean[j] as number)) / (scaler.std[j] as number));
}
