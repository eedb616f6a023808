/**
 * Automatic preprocessing (Autopilot-style): per input column decide a role, then fit feature specs on
 * training rows only (medians, modes, category tables and target encodings never see validation rows).
 */
import type { EncodedTarget } from './target.js';
import type { FeatureSpec } from './features.js';
import type { CellValue, DataTable } from './types.js';
import { toBoolNumber, toCategory, toNumber } from './values.js';

/** Categorical columns with at most this many distinct values are one-hot encoded, others lookup-encoded. */
export const ONE_HOT_MAX_CARDINALITY = 10;
/** Bayesian smoothing weight (pseudo-rows of the prior) of target encoding. */
export const TARGET_ENCODING_SMOOTHING = 10;

export type ColumnRole = 'number' | 'boolean' | 'onehot' | 'lookup' | 'drop';

export interface ColumnPlan {
  col: number;
  name: string;
  role: ColumnRole;
  reason: string;
}

/** Engineered feature candidate over raw numeric columns. */
export interface DerivedFeature {
  kind: 'sum' | 'ratio';
  cols: number[];
  name: string;
  origin: 'name' | 'correlation';
}

/** Decide what to do with each non-target column, from the whole training table (no target used). */
export function planColumns(table: DataTable, targetCol: number): ColumnPlan[] {
  const n = table.rows.length;
  const plans: ColumnPlan[] = [];
  table.columns.forEach((c, col) => {
    if (col === targetCol) return;
    const distinct = new Set<string>();
    let present = 0;
    for (const row of table.rows) {
      const key = toCategory(row[col] ?? null);
      if (key === null) continue;
      present++;
      if (distinct.size <= n) distinct.add(key);
    }
    const plan = (role: ColumnRole, reason: string): void => void plans.push({ col, name: c.name, role, reason });
    if (present === 0) return plan('drop', 'all values missing');
    if (distinct.size === 1) return plan('drop', 'constant column');
    if (c.type === 'number') return plan('number', 'numeric, median imputation');
    if (c.type === 'boolean') return plan('boolean', 'boolean as 0/1, mode imputation');
    if (distinct.size > 50 && distinct.size >= 0.9 * present) return plan('drop', 'identifier-like text (unique values)');
    if (distinct.size <= ONE_HOT_MAX_CARDINALITY) return plan('onehot', `categorical, ${distinct.size} values, one-hot`);
    return plan('lookup', `categorical, ${distinct.size} values, target/frequency encoding`);
  });
  return plans;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median of a numeric column over training rows (the imputation value). */
export function columnMedian(rows: CellValue[][], col: number, rowIdx: ArrayLike<number>): number {
  const vals: number[] = [];
  for (let i = 0; i < rowIdx.length; i++) {
    const v = toNumber((rows[rowIdx[i] as number] as CellValue[])[col]);
    if (v !== null && !Number.isNaN(v)) vals.push(v);
  }
  return median(vals);
}

function categoryCounts(rows: CellValue[][], col: number, rowIdx: ArrayLike<number>, y: Float64Array, yScore: (v: number) => number) {
  const counts = new Map<string, { n: number; sum: number }>();
  for (let i = 0; i < rowIdx.length; i++) {
    const r = rowIdx[i] as number;
    const key = toCategory((rows[r] as CellValue[])[col]);
    if (key === null) continue;
    const e = counts.get(key) ?? { n: 0, sum: 0 };
    e.n++;
    e.sum += yScore(y[r] as number);
    counts.set(key, e);
  }
  return counts;
}

/** Fit the feature specs on the training rows `rowIdx`. Derived features come last, in the given order. */
export function fitFeatures(
  table: DataTable,
  plans: ColumnPlan[],
  derived: DerivedFeature[],
  rowIdx: ArrayLike<number>,
  target: EncodedTarget,
): FeatureSpec[] {
  const { rows } = table;
  const specs: FeatureSpec[] = [];
  const yScore =
    target.problemType === 'REGRESSION'
      ? (v: number) => v
      : target.problemType === 'BINARY_CLASSIFICATION'
        ? (v: number) => (v === target.positiveIndex ? 1 : 0)
        : null;
  let prior = 0;
  if (yScore) {
    for (let i = 0; i < rowIdx.length; i++) prior += yScore(target.y[rowIdx[i] as number] as number);
    prior /= Math.max(1, rowIdx.length);
  }
  for (const p of plans) {
    if (p.role === 'number') specs.push({ kind: 'number', name: p.name, col: p.col, fill: columnMedian(rows, p.col, rowIdx) });
    else if (p.role === 'boolean') {
      let ones = 0;
      let total = 0;
      for (let i = 0; i < rowIdx.length; i++) {
        const v = toBoolNumber((rows[rowIdx[i] as number] as CellValue[])[p.col]);
        if (v !== null) (total++, (ones += v));
      }
      specs.push({ kind: 'boolean', name: p.name, col: p.col, fill: ones * 2 >= total ? 1 : 0 });
    } else if (p.role === 'onehot') {
      const counts = categoryCounts(rows, p.col, rowIdx, target.y, () => 0);
      const cats = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).map((e) => e[0]);
      const used = cats.length === 2 ? cats.slice(1) : cats;
      for (const value of used) specs.push({ kind: 'onehot', name: `${p.name}=${value}`, col: p.col, value });
    } else if (p.role === 'lookup') {
      const counts = categoryCounts(rows, p.col, rowIdx, target.y, yScore ?? (() => 0));
      const categories = [...counts.keys()].sort();
      const m = TARGET_ENCODING_SMOOTHING;
      if (yScore) {
        const values = categories.map((k) => {
          const e = counts.get(k) as { n: number; sum: number };
          return (e.sum + m * prior) / (e.n + m);
        });
        specs.push({ kind: 'lookup', name: p.name, col: p.col, encoding: 'target', categories, values, fallback: prior });
      } else {
        const values = categories.map((k) => (counts.get(k) as { n: number }).n / rowIdx.length);
        specs.push({ kind: 'lookup', name: p.name, col: p.col, encoding: 'frequency', categories, values, fallback: 0 });
      }
    }
  }
  for (const d of derived) {
    const fills = d.cols.map((c) => columnMedian(rows, c, rowIdx));
    if (d.kind === 'sum') specs.push({ kind: 'sum', name: d.name, cols: [...d.cols], fills });
    else {
      specs.push({
        kind: 'ratio',
        name: d.name,
        cols: [d.cols[0] as number, d.cols[1] as number],
        fills: [fills[0] as number, fills[1] as number],
        fallback: 0,
      });
    }
  }
  return specs;
}
