import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../engine/api/types';
import { openTempWorkspace } from '../../engine/node';

/** Errors in rewritten statements point at the right character of the submitted text. */
describe('error positions through the dialect rewrite', () => {
  let warehouse: Awaited<ReturnType<typeof openTempWorkspace>>;
  let session: Session;
  beforeAll(async () => {
    warehouse = await openTempWorkspace();
    session = await warehouse.session();
  });
  afterAll(async () => {
    await session?.close();
    await warehouse?.close();
  });

  const errorOf = async (sql: string) => {
    const outcomes = await session.execute(sql);
    const failed = outcomes.find((o) => !o.ok);
    if (!failed || failed.ok) throw new Error(`expected an error for ${sql}`);
    return failed.error;
  };

  it('points after a rewritten DATEADD at the bad column', async () => {
    const sql = "SELECT DATEADD(day, 1, '2024-01-01'), DECODE(1, 1, 'a', 'b'), no_such_col FROM raw_data.channel";
    const error = await errorOf(sql);
    expect(error.code).toBe('42703');
    expect(error.position).toBe(sql.indexOf('no_such_col') + 1);
  });

  it('counts the offset of the statement in a batch', async () => {
    const sql = "SELECT 1;\n  SELECT TOP 1 DATEDIFF(day, '2024-01-01', '2024-01-02') FROM raw_data.channel WHERE nope = 1";
    const error = await errorOf(sql);
    expect(error.position).toBe(sql.indexOf('nope') + 1);
  });

  it('points into a bad date literal inside DATEADD', async () => {
    const sql = "SELECT DATEADD(month, 1, 'garbage')";
    const error = await errorOf(sql);
    expect(error.code).toBe('22007');
    expect(error.position).toBe(sql.indexOf("'garbage'") + 1);
  });

  it('points at an unknown date part', async () => {
    const sql = "SELECT DATEADD(fortnight, 1, '2024-01-01')";
    const error = await errorOf(sql);
    expect(error).toMatchObject({ code: '22023', position: sql.indexOf('fortnight') + 1 });
  });

  it('points at the column a DISTKEY names when it does not exist', async () => {
    const sql = 'CREATE TABLE public.p1 (a int, b text) DISTKEY (nope)';
    const error = await errorOf(sql);
    expect(error).toMatchObject({ code: '42703', message: 'column "nope" named in DISTKEY does not exist', position: sql.indexOf('nope') + 1 });
    const tables = await session.query("SELECT COUNT(*) FROM svv_tables WHERE table_name = 'p1'");
    expect(Number(tables.rows[0]![0])).toBe(0);
  });

  it('maps PostgreSQL errors inside a CREATE TABLE with Redshift clauses', async () => {
    const sql = 'CREATE TABLE public.p2 (a int ENCODE az64 DISTKEY, b nosuchtype) SORTKEY (a)';
    const error = await errorOf(sql);
    expect(error.code).toBe('42704');
    expect(error.position).toBe(sql.indexOf('nosuchtype') + 1);
  });
});
