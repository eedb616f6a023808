import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import type { CellValue, DataTable } from '../../engine/ml/index.js';
import { createRng } from '../../engine/ml/random.js';

/** Synthetic churn-like table: y depends on the SUM of three "... cost" columns plus a categorical plan. */
export function syntheticTable(n: number, seed = 1, withNulls = false): DataTable {
  const rng = createRng(seed);
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.next() * 10;
    const b = rng.next() * 10;
    const c = rng.next() * 10;
    const noise = rng.next() * 10;
    const plan = rng.next() < 0.3 ? 'gold' : rng.next() < 0.5 ? 'silver' : 'basic';
    const city = `c${rng.int(30)}`;
    const flag = rng.next() < 0.5;
    const total = a + b + c;
    const y = total > 19 || (plan === 'gold' && total > 15);
    rows.push([
      withNulls && rng.next() < 0.05 ? null : a,
      withNulls && rng.next() < 0.05 ? null : b,
      c,
      noise,
      withNulls && rng.next() < 0.05 ? null : plan,
      city,
      flag,
      y,
    ]);
  }
  return {
    columns: [
      { name: 'Morning cost', type: 'number' },
      { name: 'Evening cost', type: 'number' },
      { name: 'Night cost', type: 'number' },
      { name: 'Noise', type: 'number' },
      { name: 'Plan', type: 'string' },
      { name: 'City', type: 'string' },
      { name: 'Flag', type: 'boolean' },
      { name: 'Label', type: 'boolean' },
    ],
    rows,
  };
}

/** Three-class table (string labels) and a regression table. */
export function multiclassTable(n: number, seed = 2): DataTable {
  const rng = createRng(seed);
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next() * 3;
    const z = rng.next();
    rows.push([x, z, x < 1 ? 'low' : x < 2 ? 'mid' : 'high']);
  }
  return { columns: [{ name: 'x', type: 'number' }, { name: 'z', type: 'number' }, { name: 'cls', type: 'string' }], rows };
}

export function regressionTable(n: number, seed = 3): DataTable {
  const rng = createRng(seed);
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next() * 4;
    const z = rng.next() * 4;
    rows.push([x, z, 3 * x - 2 * z + 1 + rng.normal() * 0.1]);
  }
  return { columns: [{ name: 'x', type: 'number' }, { name: 'z', type: 'number' }, { name: 'y', type: 'number' }], rows };
}

/** Input rows (target removed) of a table. */
export function inputsOf(table: DataTable, target: string): CellValue[][] {
  const ti = table.columns.findIndex((c) => c.name === target);
  return table.rows.map((r) => r.filter((_, j) => j !== ti));
}

/** One PGlite for a test file's tests: made before them, closed after (read `db` inside the tests). */
export function pgliteForTests(): { readonly db: PGlite } {
  const holder: { db?: PGlite } = {};
  beforeAll(async () => {
    holder.db = await PGlite.create();
  }, 120_000);
  afterAll(async () => {
    await holder.db?.close();
  });
  return {
    get db(): PGlite {
      if (!holder.db) throw new Error('PGlite is not started yet');
      return holder.db;
    },
  };
}
