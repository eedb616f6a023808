import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { runCli, sqlJson } from './run-cli';

let dir: string;
let ws: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wlab-cli-'));
  ws = join(dir, 'ws');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('warehouse-lab', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/sql\s+run SQL against a workspace/);
  });

  it('exits 2 with a usage message for bad usage', async () => {
    for (const args of [[], ['frobnicate'], ['sql', '--format', 'xml', '-c', 'select 1'], ['sql', '--no-such-flag'], ['sql', '-c', 'x', '-f', 'y']]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr + run.stdout, args.join(' ')).toMatch(/usage/i);
    }
  });
});

describe('sql --format json (the stable contract)', () => {
  it('creates and seeds the workspace, and returns one element per statement', async () => {
    const { code, results } = await sqlJson(ws, `select channel, count(*) as n from raw_data.user_session_channel group by 1 order by 1 limit 2;
      select 2.50::numeric(5,2) as price, 12345678901234567890::numeric as big, '2024-03-03'::timestamp as ts, null as nothing, true as flag`);
    expect(code).toBe(0);
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ command: 'SELECT', columns: ['channel', 'n'], rowCount: 2 });
    expect(results[0].rows[0][0]).toBe('Facebook');
    expect(typeof results[0].rows[0][1]).toBe('number');
    expect(results[1].rows).toEqual([[2.5, '12345678901234567890', '2024-03-03 00:00:00', null, true]]);
    expect(results[1].sql).toMatch(/^select 2\.50/);
  });

  it('reports an error with code, message and position, exits 1 and stops there', async () => {
    const { code, results } = await sqlJson(ws, 'select 1; select nosuch from raw_data.channel; select 3');
    expect(code).toBe(1);
    expect(results).toHaveLength(2);
    expect(results[1]).toEqual({
      sql: 'select nosuch from raw_data.channel',
      error: { code: '42703', message: 'column "nosuch" does not exist', position: 'select 1; select '.length + 1 },
    });
  });

  it('goes on with --continue-on-error', async () => {
    const { code, results } = await sqlJson(ws, 'select 1/0; select 2 as two', ['--continue-on-error']);
    expect(code).toBe(1);
    expect(results[0].error.code).toBe('22012');
    expect(results[1].rows).toEqual([[2]]);
  });

  it('keeps data between runs and runs as --user', async () => {
    await sqlJson(ws, "create user carol password 'Secret123'; create table public.kept (id int); insert into public.kept values (1), (2)");
    const again = await sqlJson(ws, 'select count(*) from public.kept');
    expect(again.results[0].rows).toEqual([[2]]);
    const carol = await sqlJson(ws, 'select current_user; select * from public.kept', ['--user', 'carol']);
    expect(carol.code).toBe(1);
    expect(carol.results[0].rows).toEqual([['carol']]);
    expect(carol.results[1].error).toMatchObject({ code: '42501', message: 'permission denied for relation kept' });
    const nobody = await sqlJson(ws, 'select 1', ['--user', 'nobody']);
    expect(nobody.code).toBe(1);
    expect(nobody.results[0].error.message).toBe('user "nobody" does not exist');
  });

  it('reads SQL from a file and from standard input', async () => {
    const file = join(dir, 'q.sql');
    await writeFile(file, '-- a comment\nselect 40 + 2 as answer;\n');
    const fromFile = await runCli(['sql', '--workspace', ws, '--format', 'json', '-f', file]);
    expect(JSON.parse(fromFile.stdout)[0].rows).toEqual([[42]]);
    const fromStdin = await runCli(['sql', '--workspace', ws, '--format', 'json'], 'select 7 as seven');
    expect(JSON.parse(fromStdin.stdout)[0].rows).toEqual([[7]]);
  });

  it('prints CSV and aligned tables', async () => {
    const csv = await runCli(['sql', '--workspace', ws, '--format', 'csv', '-c', `select 'a,b' as x, null as y, 1 as z`]);
    expect(Papa.parse(csv.stdout.trim()).data).toEqual([['x', 'y', 'z'], ['a,b', '', '1']]);
    const table = await runCli(['sql', '--workspace', ws, '-c', 'select 1 as one']);
    expect(table.stdout).toBe(' one \n-----\n   1\n(1 row)\n\n');
  });

  it("prints tables exactly as psql's aligned format does (Korean two columns wide, numbers right, multi-line values)", async () => {
    // psql-15.out is what `psql -X -f cases.sql` printed against PostgreSQL 15 for the same file.
    const folder = fileURLToPath(new URL('./psql-aligned/', import.meta.url));
    const run = await runCli(['sql', '--workspace', ws, '-f', join(folder, 'cases.sql')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(await readFile(join(folder, 'psql-15.out'), 'utf8'));
  });

  it("prints each statement's messages before its result, in statement order, as psql does", async () => {
    const sql = 'CREATE TEMP TABLE tags (a int); INSERT INTO tags VALUES (1), (2); DROP MODEL IF EXISTS no_such_model; SELECT 1 AS one';
    const run = await runCli(['sql', '--workspace', ws, '-c', sql], undefined, { mergeStderr: true });
    expect(run.code).toBe(0);
    // INSERT's tag carries the (always 0) oid before the count, as psql prints it.
    expect(run.stdout).toBe('CREATE TABLE\nINSERT 0 2\nNOTICE:  model "no_such_model" does not exist, skipping\nDROP MODEL\n one \n-----\n   1\n(1 row)\n\n');
  });

  it('creates an empty workspace with --empty', async () => {
    const empty = join(dir, 'empty');
    const { results } = await sqlJson(empty, "select count(*) from pg_namespace where nspname = 'raw_data'", ['--empty']);
    expect(results[0].rows).toEqual([[0]]);
  });
});
