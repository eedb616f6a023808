/**
 * Automatic feature engineering candidates, generic (no knowledge of any data set):
 *  - by name: numeric columns whose names differ in exactly one token ("Total day charge", "Total eve charge",
 *    … → pattern "total * charge") are summed; a pair also gets a ratio;
 *  - by correlation: strongly correlated numeric pairs (|r| ≥ 0.9) not already grouped get a ratio.
 * The search (see `search-features.ts`) tries each candidate and keeps it only when validation improves.
 */
import type { ColumnPlan, DerivedFeature } from './preprocess.js';
import type { CellValue, DataTable } from './types.js';
import { toNumber } from './values.js';

export const MAX_DERIVED_CANDIDATES = 8;
export const CORRELATION_THRESHOLD = 0.9;

export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

interface Scored {
  feature: DerivedFeature;
  priority: number;
}

/** Columns grouped by a one-token wildcard pattern, e.g. "total * charge". */
export function nameGroups(plans: ColumnPlan[]): { pattern: string; cols: number[]; varyingIsLast: boolean }[] {
  const groups = new Map<string, { cols: number[]; varyingIsLast: boolean }>();
  for (const p of plans) {
    if (p.role !== 'number') continue;
    const tokens = nameTokens(p.name);
    if (tokens.length < 2) continue;
    tokens.forEach((_, pos) => {
      const pattern = tokens.map((t, i) => (i === pos ? '*' : t)).join(' ');
      const g = groups.get(pattern) ?? { cols: [], varyingIsLast: pos === tokens.length - 1 };
      g.cols.push(p.col);
      groups.set(pattern, g);
    });
  }
  return [...groups.entries()]
    .filter(([, g]) => g.cols.length >= 2)
    .map(([pattern, g]) => ({ pattern, ...g }));
}

/** Pearson correlation of two numeric columns over (up to 5000) rows where both are present. */
export function pearson(rows: CellValue[][], a: number, b: number): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  const step = Math.max(1, Math.floor(rows.length / 5000));
  for (let i = 0; i < rows.length; i += step) {
    const x = toNumber((rows[i] as CellValue[])[a]);
    const y = toNumber((rows[i] as CellValue[])[b]);
    if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  if (n < 3) return 0;
  const cov = sab / n - (sa / n) * (sb / n);
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  return va <= 0 || vb <= 0 ? 0 : cov / Math.sqrt(va * vb);
}

/** Ordered list of engineered-feature candidates (most promising first, at most MAX_DERIVED_CANDIDATES). */
export function derivedCandidates(table: DataTable, plans: ColumnPlan[]): DerivedFeature[] {
  const scored: Scored[] = [];
  const grouped = new Set<string>();
  for (const g of nameGroups(plans)) {
    const names = g.cols.map((c) => table.columns[c]?.name ?? String(c));
    scored.push({
      feature: { kind: 'sum', cols: g.cols, name: `sum(${g.pattern})`, origin: 'name' },
      // shared last token = same unit ("… charge"): a sum is meaningful; bigger groups first
      priority: (g.varyingIsLast ? 0 : 100) + g.cols.length,
    });
    if (g.cols.length === 2) {
      scored.push({
        feature: { kind: 'ratio', cols: g.cols, name: `ratio(${names[0]} / ${names[1]})`, origin: 'name' },
        priority: g.varyingIsLast ? 1 : 50,
      });
    }
    for (const a of g.cols) for (const b of g.cols) grouped.add(`${a},${b}`);
  }
  const numeric = plans.filter((p) => p.role === 'number');
  for (let i = 0; i < numeric.length; i++) {
    for (let j = i + 1; j < numeric.length; j++) {
      const a = numeric[i] as ColumnPlan;
      const b = numeric[j] as ColumnPlan;
      if (grouped.has(`${a.col},${b.col}`)) continue;
      const r = pearson(table.rows, a.col, b.col);
      if (Math.abs(r) < CORRELATION_THRESHOLD) continue;
      scored.push({
        feature: { kind: 'ratio', cols: [a.col, b.col], name: `ratio(${a.name} / ${b.name})`, origin: 'correlation' },
        priority: 10 + Math.abs(r),
      });
    }
  }
  return scored
    .sort((x, y) => y.priority - x.priority)
    .slice(0, MAX_DERIVED_CANDIDATES)
    .map((s) => s.feature);
}
