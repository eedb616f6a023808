import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../engine';
import type { EmbeddedWarehouse } from '../../engine';
import { openTempWorkspace } from '../../engine/node';

let warehouse: EmbeddedWarehouse;
let admin: Session;

beforeAll(async () => {
  warehouse = await openTempWorkspace({ seeded: false });
  admin = await warehouse.session();
  await admin.query("CREATE USER student PASSWORD 'Student123'");
});
afterAll(async () => {
  await admin.close();
  await warehouse.close();
});

const info = async () => {
  const r = await admin.query(`SELECT unsorted, tbl_rows, estimated_visible_rows, stats_off, size FROM svv_table_info WHERE "table" = 'ev'`);
  return r.rows[0]!.map(Number);
};

describe('VACUUM and SVV_TABLE_INFO', () => {
  it('tracks deleted rows and the unsorted region until VACUUM restores them', async () => {
    await admin.query('CREATE TABLE public.ev (id int, ts int) SORTKEY(ts)');
    await admin.query('INSERT INTO public.ev SELECT g, g FROM generate_series(1, 20000) g');
    expect(await info()).toEqual([0, 20000, 20000, 100, 1]);
    await admin.query('INSERT INTO public.ev SELECT g, 30000 - g FROM generate_series(1, 5000) g');
    await admin.query('DELETE FROM public.ev WHERE id <= 4000');
    const [unsorted, tblRows, visible] = await info();
    expect(tblRows).toBe(25000);
    expect(visible).toBe(17000);
    expect(unsorted).toBeCloseTo((1000 * 100) / 17000, 1);
    await admin.query('VACUUM public.ev');
    const after = await info();
    expect(after.slice(0, 4)).toEqual([0, 17000, 17000, 0]);
    const order = await admin.query('SELECT bool_and(ts >= prev) FROM (SELECT ts, lag(ts, 1, ts) OVER (ORDER BY ctid) AS prev FROM public.ev) x');
    expect(order.rows[0]![0]).toBe(true);
  });

  it('applies Redshift rules to the syntax', async () => {
    const errors = async (sql: string) => (await admin.execute(sql))[0]!;
    expect(await errors('VACUUM TO 75 PERCENT')).toMatchObject({ ok: false, error: { code: '42601' } });
    expect(await errors('VACUUM REINDEX')).toMatchObject({ ok: false, error: { code: '42601' } });
    expect(await errors('VACUUM REINDEX public.ev TO 75 PERCENT')).toMatchObject({ ok: false, error: { code: '42601' } });
    expect(await errors('VACUUM BOOST')).toMatchObject({ ok: false, error: { code: '42601' } });
    expect(await errors('VACUUM public.nope')).toMatchObject({ ok: false, error: { code: '42P01' } });
    const inTx = await admin.execute('BEGIN; VACUUM public.ev');
    await admin.query('ROLLBACK');
    expect(inTx[1]).toMatchObject({ ok: false, error: { code: '25001', message: 'VACUUM cannot run inside a transaction block' } });
    expect((await errors('VACUUM SORT ONLY public.ev TO 100 PERCENT BOOST')).ok).toBe(true);
  });

  it('RECLUSTER refuses interleaved tables, which SVV_TABLE_INFO shows as INTERLEAVED', async () => {
    await admin.query('CREATE TABLE public.il (a int, b int) INTERLEAVED SORTKEY (a, b)');
    await admin.query('INSERT INTO public.il VALUES (1, 2)');
    expect((await admin.execute('VACUUM RECLUSTER public.il'))[0]).toMatchObject({ ok: false, error: { code: '0A000' } });
    const r = await admin.query(`SELECT sortkey1, sortkey_num FROM svv_table_info WHERE "table" = 'il'`);
    expect(r.rows[0]).toEqual(['INTERLEAVED', 2]);
  });

  it("a non-owner's VACUUM completes but has no effect", async () => {
    await admin.query('DELETE FROM public.ev WHERE id <= 4500');
    const before = await info();
    const student = await warehouse.session('student');
    const r = await student.execute('VACUUM public.ev');
    await student.close();
    expect(r[0]!.ok).toBe(true);
    expect(await info()).toEqual(before);
    expect(before[1]).toBeGreaterThan(before[2]!);
  });

  it('ANALYZE accepts the column-set clause and refreshes stats_off', async () => {
    await admin.query('INSERT INTO public.ev SELECT g, g FROM generate_series(1, 3000) g');
    expect((await info())[3]).toBeGreaterThan(0);
    await admin.query('ANALYZE public.ev PREDICATE COLUMNS');
    expect((await info())[3]).toBe(0);
  });

  it('ANALYZE skips a table with fewer than 10 percent of its rows changed', async () => {
    await admin.query('INSERT INTO public.ev SELECT g, g FROM generate_series(1, 100) g');
    const stale = (await info())[3]!;
    expect(stale).toBeGreaterThan(0);
    const r = await admin.query('ANALYZE public.ev (ts)');
    expect(r.notices.join()).toContain('analyze_threshold_percent');
    expect((await info())[3]).toBe(stale);
    expect((await admin.execute('ANALYZE public.missing'))[0]).toMatchObject({ ok: false, error: { code: '42P01' } });
  });
});
