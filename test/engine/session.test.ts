import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempWorkspace } from '../../engine/node';
import type { EmbeddedWarehouse, Session, StatementOutcome } from '../../engine';

let warehouse: EmbeddedWarehouse;
let admin: Session;

const errorOf = (outcomes: StatementOutcome[]) => {
  const failed = outcomes.find((o) => !o.ok);
  if (!failed || failed.ok) throw new Error('expected a failure');
  return failed.error;
};

beforeAll(async () => {
  warehouse = await openTempWorkspace({ seeded: true });
  admin = await warehouse.session();
  await admin.query(`CREATE USER alice PASSWORD 'Abcdefg1'; CREATE USER bob PASSWORD 'Abcdefg1';
    CREATE TABLE public.ledger (id int, amount int); INSERT INTO public.ledger VALUES (1, 10), (2, 20);`);
});

afterAll(async () => {
  await warehouse.close();
});

describe('identity', () => {
  it('runs as the admin superuser by default', async () => {
    const r = await admin.query('SELECT current_user, session_user');
    expect(r.rows).toEqual([['awsuser', 'awsuser']]);
  });

  it('runs as the session user', async () => {
    const alice = await warehouse.session('alice');
    expect((await alice.query('SELECT current_user, session_user')).rows).toEqual([['alice', 'alice']]);
    await alice.close();
  });

  it('refuses identity switches from a non-superuser, with Redshift/PostgreSQL wording', async () => {
    const alice = await warehouse.session('alice');
    for (const sql of ['SET SESSION AUTHORIZATION awsuser', "SET SESSION AUTHORIZATION 'awsuser'", 'SET ROLE awsuser', 'SET LOCAL SESSION AUTHORIZATION postgres']) {
      const error = errorOf(await alice.execute(sql));
      expect(error.code, sql).toBe('42501');
    }
    expect(errorOf(await alice.execute("SELECT set_config('role', 'postgres', false)")).code).toBe('42501');
    expect(errorOf(await alice.execute("DO $$ BEGIN EXECUTE 'SET SESSION AUTHORIZATION postgres'; END $$")).code).toBe('42601');
    expect((await alice.query('SELECT current_user')).rows).toEqual([['alice']]);
    await alice.close();
  });

  it('lets a superuser switch with SET SESSION AUTHORIZATION and back with DEFAULT', async () => {
    const s = await warehouse.session();
    await s.query("SET SESSION AUTHORIZATION 'bob'");
    expect(s.currentUser).toBe('bob');
    expect((await s.query('SELECT current_user, session_user')).rows).toEqual([['bob', 'bob']]);
    expect(errorOf(await s.execute('SELECT * FROM public.ledger')).message).toBe('permission denied for relation ledger');
    await s.query('SET SESSION AUTHORIZATION DEFAULT');
    expect((await s.query('SELECT count(*) FROM public.ledger')).rows).toEqual([[2]]);
    expect(errorOf(await s.execute('SET SESSION AUTHORIZATION nobody_here')).code).toBe('42704');
    await s.close();
  });

  it('keeps each session its own settings over the shared connection', async () => {
    const a = await warehouse.session();
    const b = await warehouse.session();
    await a.query('SET search_path TO raw_data');
    expect((await a.query('SELECT count(*) FROM channel')).rows).toEqual([[6]]);
    expect(errorOf(await b.execute('SELECT count(*) FROM channel')).message).toBe('relation "channel" does not exist');
    expect((await a.query('SHOW search_path')).rows[0]![0]).toBe('raw_data');
    await a.close();
    await b.close();
  });
});

describe('errors and atomicity', () => {
  it('reports SQLSTATE, message and 1-based position in the submitted text', async () => {
    const outcomes = await admin.execute('select 1;\n  select nosuch_col from public.ledger');
    const error = errorOf(outcomes);
    expect(error).toMatchObject({ code: '42703', message: 'column "nosuch_col" does not exist' });
    expect(error.position).toBe('select 1;\n  select nosuch_col'.indexOf('nosuch_col') + 1);
  });

  it('maps positions back through dialect rewrites', async () => {
    const sql = 'select nvl(null, 1), nosuch from public.ledger';
    expect(errorOf(await admin.execute(sql)).position).toBe(sql.indexOf('nosuch') + 1);
  });

  it('stops at the first error unless continueOnError', async () => {
    const stop = await admin.execute('select 1; select 1/0; select 3');
    expect(stop.map((o) => o.ok)).toEqual([true, false]);
    const go = await admin.execute('select 1; select 1/0; select 3', { continueOnError: true });
    expect(go.map((o) => o.ok)).toEqual([true, false, true]);
  });

  it('a failing statement changes nothing', async () => {
    await admin.execute("INSERT INTO public.ledger VALUES (3, 30), (4, 'x')");
    expect((await admin.query('SELECT count(*) FROM public.ledger')).rows).toEqual([[2]]);
  });

  it('BEGIN/ROLLBACK and COMMIT work', async () => {
    await admin.query('BEGIN; INSERT INTO public.ledger VALUES (9, 90); ROLLBACK');
    expect((await admin.query('SELECT count(*) FROM public.ledger WHERE id = 9')).rows).toEqual([[0]]);
    await admin.query('BEGIN; INSERT INTO public.ledger VALUES (9, 90); COMMIT');
    expect((await admin.query('SELECT count(*) FROM public.ledger WHERE id = 9')).rows).toEqual([[1]]);
    await admin.query('DELETE FROM public.ledger WHERE id = 9');
  });

  it('an open transaction holds the connection for its session; others wait for it', async () => {
    const a = await warehouse.session();
    const b = await warehouse.session();
    await a.query('BEGIN; INSERT INTO public.ledger VALUES (7, 70)');
    expect(a.inTransaction).toBe(true);
    const waiting = b.query('SELECT count(*) FROM public.ledger WHERE id = 7');
    await new Promise((r) => setTimeout(r, 100));
    await a.query('COMMIT');
    expect((await waiting).rows).toEqual([[1]]);
    await a.query('DELETE FROM public.ledger WHERE id = 7');
    await a.close();
    await b.close();
  });

  it('a session closed mid-transaction rolls it back', async () => {
    const a = await warehouse.session();
    await a.query('BEGIN; INSERT INTO public.ledger VALUES (8, 80)');
    await a.close();
    expect((await admin.query('SELECT count(*) FROM public.ledger WHERE id = 8')).rows).toEqual([[0]]);
  });

  it('rejects NUL bytes and empty input with clear errors, then keeps working', async () => {
    expect(errorOf(await admin.execute('select 1\u0000'))).toMatchObject({ code: '22021', position: 9 });
    expect(errorOf(await admin.execute('  -- nothing here\n'))).toMatchObject({ code: '42601' });
    expect(errorOf(await admin.execute("select 'abc"))).toMatchObject({ code: '42601', message: 'unterminated quoted string at or near "\'abc"', position: 8 });
    expect((await admin.query('select 42')).rows).toEqual([[42]]);
  });
});

describe('results', () => {
  it('types columns with Redshift names and keeps Redshift text forms', async () => {
    const r = await admin.query(`select 1::int a, 2::bigint b, 2.50::numeric(5,2) c, 'x'::varchar(3) d, true e,
      '2024-03-03'::date f, '2024-03-03 01:02:03'::timestamp g, null::int h, 1.5::float8 i`);
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'bigint', 'numeric', 'character varying', 'boolean', 'date', 'timestamp without time zone', 'integer', 'double precision']);
    expect(r.rows[0]).toEqual([1, 2, '2.50', 'x', true, '2024-03-03', '2024-03-03 01:02:03', null, 1.5]);
  });

  it('pages large results and serves the rest on demand', async () => {
    const outcomes = await admin.execute('select g from generate_series(1, 2500) g', { pageSize: 1000 });
    const first = outcomes[0]!;
    if (!first.ok) throw new Error('query failed');
    expect(first.result.rows).toHaveLength(1000);
    expect(first.result).toMatchObject({ truncated: true, rowCount: 2500 });
    const page = await admin.fetchPage(first.result.resultId!, 2000, 1000);
    expect(page).toHaveLength(500);
    expect(page[0]).toEqual([2001]);
  });

  it('records query history in STL_QUERY, visible to superusers and to each user for their own', async () => {
    const alice = await warehouse.session('alice');
    await alice.execute('select 12345 as marker_alice');
    await admin.query('select 1');
    const all = await admin.query("select querytxt, aborted from stl_query where querytxt like '%marker_alice%' and querytxt not like '%stl_query%'");
    expect(all.rows.map((r) => String(r[0]).trim())).toEqual(['select 12345 as marker_alice']);
    const own = await alice.query('select count(*) from stl_query where userid <> (select usesysid from pg_user where usename = current_user)');
    expect(own.rows).toEqual([[0]]);
    await alice.close();
  });

  it('shows open sessions in STV_SESSIONS', async () => {
    const bob = await warehouse.session('bob');
    const r = await admin.query("select count(*) from stv_sessions where trim(user_name) = 'bob'");
    expect(r.rows).toEqual([[1]]);
    await bob.close();
    expect((await admin.query("select count(*) from stv_sessions where trim(user_name) = 'bob'")).rows).toEqual([[0]]);
  });

  it('lists users', async () => {
    const users = await warehouse.users();
    expect(users).toEqual(expect.arrayContaining([{ name: 'awsuser', superuser: true }, { name: 'alice', superuser: false }]));
    expect(users.some((u) => u.name === 'postgres')).toBe(false);
  });
});

describe('identity cannot be borrowed through the superuser', () => {
  it('treats SET role / session_authorization parameters as identity switches', async () => {
    const alice = await warehouse.session('alice');
    for (const sql of ["SET session_authorization = 'awsuser'", 'SET role TO awsuser', 'SET SESSION session_authorization TO postgres']) {
      expect(errorOf(await alice.execute(sql)).code, sql).toBe('42501');
    }
    expect((await alice.query('RESET role; SELECT current_user')).rows).toEqual([['alice']]);
    await alice.close();
  });

  it('runs internal superuser work with a pinned search_path, so student objects are never picked up', async () => {
    await admin.query('GRANT CREATE ON SCHEMA public TO alice');
    const alice = await warehouse.session('alice');
    await alice.query(`CREATE VIEW public.pg_roles AS SELECT 'alice'::name AS rolname, true AS rolsuper, true AS rolcanlogin`);
    await alice.query(`CREATE FUNCTION public.unnest(int[], text[], text[], text[], timestamp[], timestamp[], boolean[], text[])
      RETURNS TABLE (a int) LANGUAGE sql AS 'SELECT 1'`).catch(() => undefined);
    await alice.query('SET search_path = public, pg_catalog');
    await alice.query('SELECT 1');
    const other = await warehouse.session('alice');
    expect(await warehouse.userInfo('alice')).toEqual({ superuser: false });
    expect(errorOf(await other.execute('SET SESSION AUTHORIZATION awsuser')).code).toBe('42501');
    await other.close();
    // The user's own search_path is back after internal work.
    expect((await alice.query('SHOW search_path')).rows).toEqual([['public, pg_catalog']]);
    expect((await admin.query("SELECT count(*) FROM stl_query WHERE querytxt LIKE 'SET search_path = public, pg_catalog%'")).rows).toEqual([[1]]);
    await alice.query('DROP VIEW public.pg_roles');
    await alice.close();
  });
});

describe('row counts', () => {
  it('reports the rows CREATE TABLE AS and SELECT INTO made', async () => {
    const ctas = await admin.query('CREATE TABLE public.ctas_count AS SELECT * FROM raw_data.channel');
    expect(ctas.rowCount).toBe(6);
    const into = await admin.query("SELECT * INTO public.into_count FROM raw_data.channel WHERE channelname LIKE '%o%'");
    expect(into.rowCount).toBe((await admin.query("SELECT count(*) FROM raw_data.channel WHERE channelname LIKE '%o%'")).rows[0]![0]);
    expect((await admin.query('CREATE TABLE public.no_rows (a int)')).rowCount).toBe(0);
  });
});
