import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, SqlErrorShape, StatementOutcome } from '../../engine/api/types';
import { openTempWorkspace } from '../../engine/node';

/**
 * Hostile or broken input: each gets a clear error (SQLSTATE, message, position where it has one),
 * the session keeps working, and data written before is still there.
 */
describe('bad input', () => {
  let warehouse: Awaited<ReturnType<typeof openTempWorkspace>>;
  let session: Session;

  beforeAll(async () => {
    warehouse = await openTempWorkspace();
    session = await warehouse.session();
    await session.query('CREATE TABLE public.kept (id int, note varchar(20)); INSERT INTO public.kept VALUES (1, \'one\'), (2, \'two\')');
  });
  afterAll(async () => {
    await session?.close();
    await warehouse?.close();
  });

  const firstError = (outcomes: StatementOutcome[]): SqlErrorShape => {
    const failed = outcomes.find((o) => !o.ok);
    if (!failed || failed.ok) throw new Error('expected an error');
    return failed.error;
  };
  /** The data written in beforeAll is intact and the session answers. */
  const stillHealthy = async () => {
    const result = await session.query('SELECT COUNT(*), SUM(id) FROM public.kept');
    expect(result.rows[0]!.map(Number)).toEqual([2, 3]);
  };

  it.each([
    ['empty text', ''],
    ['only whitespace', '   \n\t  '],
    ['only comments', '-- nothing here\n/* nor /* nested */ here */'],
    ['only semicolons', ';;;'],
  ])('%s: a clear "empty query" error', async (_label, sql) => {
    const error = firstError(await session.execute(sql));
    expect(error.code).toBe('42601');
    expect(error.message).toMatch(/empty query/);
    await stillHealthy();
  });

  it.each([
    ['string', "SELECT 'abc", /unterminated quoted string/],
    ['quoted identifier', 'SELECT "abc', /unterminated quoted identifier/],
    ['block comment', 'SELECT 1 /* never closed', /unterminated \/\* comment/],
    ['dollar body', 'SELECT $body$ never closed', /unterminated dollar-quoted string/],
  ])('unterminated %s: syntax error with a position', async (_label, sql, message) => {
    const error = firstError(await session.execute(sql));
    expect(error.code).toBe('42601');
    expect(error.message).toMatch(message);
    expect(error.position).toBeGreaterThan(0);
    expect(error.position).toBeLessThanOrEqual(sql.length + 1);
    await stillHealthy();
  });

  it('an unknown statement is a syntax error at its first word', async () => {
    const error = firstError(await session.execute('  FROBNICATE the_warehouse'));
    expect(error).toMatchObject({ code: '42601', message: 'syntax error at or near "FROBNICATE"', position: 3 });
    await stillHealthy();
  });

  it('NUL bytes are refused with their position', async () => {
    const error = firstError(await session.execute('SELECT 1\u0000 + 1'));
    expect(error).toMatchObject({ code: '22021', position: 9 });
    await stillHealthy();
  });

  it('random binary garbage gives errors with a SQLSTATE, never a crash', async () => {
    let seed = 12345;
    const byte = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % 256;
    };
    for (let round = 0; round < 20; round++) {
      const bytes = Array.from({ length: 200 }, () => byte() || 1);
      const garbage = Buffer.from(bytes).toString('latin1');
      const outcomes = await session.execute(garbage, { continueOnError: true });
      expect(outcomes.length).toBeGreaterThan(0);
      for (const outcome of outcomes) {
        if (!outcome.ok) {
          expect(outcome.error.code).toMatch(/^[0-9A-Z]{5}$/);
          expect(outcome.error.message.length).toBeGreaterThan(0);
        }
      }
    }
    await stillHealthy();
  });

  it('a 1 MB string literal works', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const result = await session.query(`SELECT LEN('${big}')`);
    expect(Number(result.rows[0]![0])).toBe(1024 * 1024);
  });

  it('a 1 MB IN list works', async () => {
    const values = Array.from({ length: 150_000 }, (_, i) => i + 1);
    const sql = `SELECT COUNT(*) FROM public.kept WHERE id IN (${values.join(', ')})`;
    expect(sql.length).toBeGreaterThan(1_000_000);
    const result = await session.query(sql);
    expect(Number(result.rows[0]![0])).toBe(2);
  });

  it('a failing statement changes nothing, and the batch stops there', async () => {
    const outcomes = await session.execute("INSERT INTO public.kept VALUES (3, 'three'), (4, 'x' || 1 / 0); INSERT INTO public.kept VALUES (5, 'five')");
    expect(outcomes).toHaveLength(1);
    expect(firstError(outcomes).code).toBe('22012');
    await stillHealthy();
  });

  it('a CREATE TABLE … AS that fails its DISTKEY check leaves no table', async () => {
    const outcomes = await session.execute('CREATE TABLE public.half DISTKEY (nope) AS SELECT * FROM public.kept');
    expect(firstError(outcomes).code).toBe('42703');
    const tables = await session.query("SELECT COUNT(*) FROM svv_tables WHERE table_name = 'half'");
    expect(Number(tables.rows[0]![0])).toBe(0);
  });

  it('BEGIN … ROLLBACK undoes, BEGIN … COMMIT keeps', async () => {
    await session.query("BEGIN; INSERT INTO public.kept VALUES (10, 'temp'); CREATE TABLE public.in_tx (a int) DISTKEY (a)");
    expect(session.inTransaction).toBe(true);
    await session.query('ROLLBACK');
    expect(session.inTransaction).toBe(false);
    await stillHealthy();
    expect(Number((await session.query("SELECT COUNT(*) FROM svv_tables WHERE table_name = 'in_tx'")).rows[0]![0])).toBe(0);

    await session.query("BEGIN; INSERT INTO public.kept VALUES (10, 'ten'); COMMIT");
    expect(Number((await session.query('SELECT COUNT(*) FROM public.kept')).rows[0]![0])).toBe(3);
    await session.query('DELETE FROM public.kept WHERE id = 10');
    await stillHealthy();
  });

  it('an error inside a transaction block is reported and ROLLBACK recovers', async () => {
    const outcomes = await session.execute("BEGIN; INSERT INTO public.kept VALUES (20, 'twenty'); SELECT * FROM no_such_table");
    expect(firstError(outcomes).code).toBe('42P01');
    const ignored = firstError(await session.execute('SELECT 1'));
    expect(ignored.code).toBe('25P02');
    await session.query('ROLLBACK');
    await stillHealthy();
  });
});

describe('CLI --continue-on-error', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wlab-bad-input-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each error in order and runs the statements after them', async () => {
    const sql = 'SELECT 1 AS a; SELEC 2; SELECT * FROM nope; SELECT 3 AS c';
    const args = ['bin/warehouse-lab.mjs', 'sql', '--workspace', join(dir, 'ws'), '--format', 'json', '--continue-on-error', '-c', sql];
    const run = promisify(execFile)(process.execPath, args, { cwd: process.cwd(), maxBuffer: 1 << 24 });
    const { stdout } = await run.catch((e: { stdout: string; code: number }) => {
      expect(e.code).toBe(1);
      return e;
    });
    const results = JSON.parse(stdout) as Array<{ rows?: unknown[][]; error?: SqlErrorShape }>;
    expect(results).toHaveLength(4);
    expect(results[0]!.rows).toEqual([[1]]);
    expect(results[1]!.error).toMatchObject({ code: '42601', position: 16 });
    expect(results[2]!.error).toMatchObject({ code: '42P01', message: 'relation "nope" does not exist' });
    expect(results[3]!.rows).toEqual([[3]]);
  });
});
