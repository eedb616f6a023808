/**
 * Data exploration report (like Autopilot's data exploration notebook), plain JSON for the app to draw:
 * per-column profile, target balance, and the correlation matrix of numeric columns.
 */
import { pearson } from './feature-engineering.js';
import type { CellValue, ColumnType, DataTable } from './types.js';
import { isMissing, toCategory, toNumber } from './values.js';

export const HISTOGRAM_BINS = 10;
export const TOP_CATEGORIES = 10;

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  missing: number;
  distinct: number;
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  /** Numeric: equal-width bins over [min, max]. */
  histogram?: { from: number; to: number; count: number }[];
  /** Categorical / boolean: the most frequent values. */
  topValues?: { value: string; count: number }[];
}

export interface DataExplorationReport {
  rowCount: number;
  columns: ColumnProfile[];
  target: { name: string; balance: { value: string; count: number; fraction: number }[] } | null;
  correlation: { columns: string[]; matrix: number[][] };
}

function profileColumn(table: DataTable, col: number): ColumnProfile {
  const def = table.columns[col] as { name: string; type: ColumnType };
  const counts = new Map<string, number>();
  const nums: number[] = [];
  let missing = 0;
  for (const row of table.rows) {
    const v: CellValue | undefined = row[col];
    if (isMissing(v)) {
      missing++;
      continue;
    }
    const key = toCategory(v) as string;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (def.type === 'number') {
      const n = toNumber(v);
      if (n !== null && Number.isFinite(n)) nums.push(n);
    }
  }
  const p: ColumnProfile = { name: def.name, type: def.type, missing, distinct: counts.size };
  if (def.type === 'number' && nums.length) {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of nums) (min = Math.min(min, v)), (max = Math.max(max, v)), (sum += v);
    const mean = sum / nums.length;
    let ss = 0;
    for (const v of nums) ss += (v - mean) ** 2;
    const width = (max - min) / HISTOGRAM_BINS || 1;
    const histogram = Array.from({ length: HISTOGRAM_BINS }, (_, b) => ({ from: min + b * width, to: min + (b + 1) * width, count: 0 }));
    for (const v of nums) histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor((v - min) / width))]!.count++;
    Object.assign(p, { min, max, mean, std: Math.sqrt(ss / nums.length), histogram });
  } else {
    p.topValues = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_CATEGORIES)
      .map(([value, count]) => ({ value, count }));
  }
  return p;
}

export function exploreData(table: DataTable, targetName: string | null): DataExplorationReport {
  const columns = table.columns.map((_, j) => profileColumn(table, j));
  const ti = targetName === null ? -1 : table.columns.findIndex((c) => c.name === targetName);
  let target: DataExplorationReport['target'] = null;
  if (ti >= 0) {
    const counts = new Map<string, number>();
    for (const row of table.rows) {
      const key = toCategory(row[ti] ?? null) ?? 'NULL';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = table.rows.length || 1;
    const balance = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 50)
      .map(([value, count]) => ({ value, count, fraction: count / total }));
    target = { name: targetName as string, balance };
  }
  const numeric = table.columns.map((c, j) => ({ c, j })).filter((e) => e.c.type !== 'string');
  const matrix = numeric.map((a) => numeric.map((b) => (a.j === b.j ? 1 : pearson(table.rows, a.j, b.j))));
  return { rowCount: table.rows.length, columns, target, correlation: { columns: numeric.map((e) => e.c.name), matrix } };
}
