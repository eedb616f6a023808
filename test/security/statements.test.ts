import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempWorkspace } from '../../engine/node';
import type { EmbeddedWarehouse } from '../../engine/warehouse/embedded-warehouse';
import { errorOf, rows } from './helpers';

let w: EmbeddedWarehouse;
const admin = (sql: string) => rows(w, 'awsuser', sql);

describe('security statements and their documented errors', () => {
  beforeAll(async () => {
    w = await openTempWorkspace();
    await admin(`CREATE USER u1 PASSWORD 'Passw0rdX'; CREATE USER u2 PASSWORD 'Passw0rdX'; CREATE GROUP g1 WITH USER u1;
      CREATE ROLE r1; CREATE ROLE r2; CREATE ROLE r3;
      CREATE TABLE public.cust (id int, name text, phone text, region text);
      INSERT INTO public.cust VALUES (1, 'a', '010', 'seoul'), (2, 'b', '011', 'busan'), (3, 'c', '012', 'seoul')`);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  it.each([
    ["CREATE USER p1 PASSWORD 'short1A'", '22023', 'Password must be at least 8 characters long.'],
    ["CREATE USER p1 PASSWORD 'alllower1'", '22023', 'Password must contain an uppercase character.'],
    ["CREATE USER p1 PASSWORD 'ALLUPPER1'", '22023', 'Password must contain a lowercase character.'],
    ["CREATE USER p1 PASSWORD 'NoDigitsHere'", '22023', 'Password must contain a number.'],
    ["CREATE USER p1 PASSWORD 'Has@Symbol1'", '22023', 'Password must only contain printable ASCII characters'],
    ["CREATE USER u1 PASSWORD 'Passw0rdX'", '42710', 'user "u1" already exists'],
    ["CREATE ROLE u1", '42710', 'role name "u1" conflicts with an existing user name'],
    ['GRANT ROLE nosuch TO u1', '42704', 'role "nosuch" does not exist'],
    ['GRANT SELECT ON public.cust TO GROUP nosuch', '42704', 'group "nosuch" does not exist'],
    ['GRANT SELECT ON public.cust TO GROUP r1', '42704', 'group "r1" does not exist'],
    ['GRANT SELECT ON public.cust TO GROUP g1 WITH GRANT OPTION', '0LP01', 'GRANT OPTION cannot be granted to a group'],
    ['DROP USER nosuch', '42704', 'user "nosuch" does not exist'],
  ])('%s → %s', async (sql, code, message) => {
    const error = await errorOf(w, 'awsuser', sql);
    expect(error?.code).toBe(code);
    expect(error?.message).toContain(message);
  });

  it('accepts md5 passwords and DROP USER IF EXISTS', async () => {
    await admin("CREATE USER md5user PASSWORD 'md5153c434b4b77c89e6b94f12c5393af5b'; DROP USER IF EXISTS md5user, ghost");
    expect(await admin("SELECT count(*) FROM pg_user WHERE usename = 'md5user'")).toEqual([[0]]);
  });

  it('refuses to drop users and groups that hold privileges or own objects', async () => {
    await admin('CREATE USER owner1 PASSWORD \'Passw0rdX\'; GRANT SELECT ON public.cust TO u2; GRANT SELECT ON public.cust TO GROUP g1');
    await rows(w, 'owner1', 'CREATE TABLE public.owned (a int)');
    expect(await errorOf(w, 'awsuser', 'DROP USER owner1')).toMatchObject({ code: '55006', message: 'user "owner1" can\'t be dropped because the user owns some object' });
    expect(await errorOf(w, 'awsuser', 'DROP USER u2')).toMatchObject({ code: '55006', message: 'user "u2" can\'t be dropped because the user has a privilege on some object' });
    expect(await errorOf(w, 'awsuser', 'DROP GROUP g1')).toMatchObject({ code: '55006', message: 'group "g1" can\'t be dropped because the group has a privilege on some object' });
    await admin('REVOKE SELECT ON public.cust FROM u2; REVOKE SELECT ON public.cust FROM GROUP g1');
    expect(await errorOf(w, 'awsuser', 'DROP USER u2')).toBeUndefined();
    await admin("CREATE USER u2 PASSWORD 'Passw0rdX'");
  });

  it('role hierarchy: transitive, cycles rejected, drop rules', async () => {
    await admin('GRANT SELECT ON public.cust TO ROLE r1; GRANT ROLE r1 TO ROLE r2; GRANT ROLE r2 TO ROLE r3; GRANT ROLE r3 TO u2');
    expect(await rows(w, 'u2', 'SELECT count(*) FROM public.cust')).toEqual([[3]]);
    expect(await errorOf(w, 'awsuser', 'GRANT ROLE r3 TO ROLE r1')).toMatchObject({ message: 'cannot grant this role, a circular dependency was detected between these roles' });
    expect(await errorOf(w, 'awsuser', 'DROP ROLE r3')).toMatchObject({ code: '55006', message: 'cannot drop this role since it has been granted on a user' });
    expect(await errorOf(w, 'awsuser', 'DROP ROLE r1')).toMatchObject({ code: '55006', message: 'cannot drop this role since it depends on another role' });
    expect(await admin("SELECT role_name, granted_role_name FROM svv_role_grants WHERE role_name IN ('r2','r3') ORDER BY 1")).toEqual([['r2', 'r1'], ['r3', 'r2']]);
    await admin('REVOKE ROLE r3 FROM u2');
    expect(await errorOf(w, 'u2', 'SELECT count(*) FROM public.cust')).toMatchObject({ message: 'permission denied for relation cust' });
    await admin('DROP ROLE r1 FORCE');
    expect(await admin("SELECT count(*) FROM svv_roles WHERE role_name = 'r1'")).toEqual([[0]]);
  });

  it('column-level grants: SELECT * returns permitted columns, clash rules', async () => {
    await admin('GRANT SELECT (id, region) ON public.cust TO u1');
    const result = await w.session('u1').then(async (s) => {
      const r = await s.query('SELECT * FROM public.cust ORDER BY id');
      await s.close();
      return r;
    });
    expect(result.columns.map((c) => c.name)).toEqual(['id', 'region']);
    expect(result.rows).toEqual([[1, 'seoul'], [2, 'busan'], [3, 'seoul']]);
    expect(await errorOf(w, 'u1', 'SELECT phone FROM public.cust')).toMatchObject({ code: '42501', message: 'permission denied for relation cust' });
    expect(await errorOf(w, 'u1', 'SELECT * FROM (SELECT phone FROM public.cust) s')).toMatchObject({ code: '42501' });
    expect(await errorOf(w, 'awsuser', 'GRANT SELECT ON public.cust TO u1')).toMatchObject({ code: '0LP01' });
    await admin('GRANT UPDATE ON public.cust TO u2');
    expect(await errorOf(w, 'awsuser', 'REVOKE UPDATE (phone) ON public.cust FROM u2')).toMatchObject({ code: '0LP01' });
    expect(await admin("SELECT column_name FROM svv_column_privileges WHERE identity_name = 'u1' ORDER BY 1")).toEqual([['id'], ['region']]);
    await admin('REVOKE SELECT ON public.cust FROM u1');
    expect(await admin("SELECT count(*) FROM svv_column_privileges WHERE identity_name = 'u1'")).toEqual([[0]]);
  });

  it('RLS: zero rows without a policy, AND/OR conjunction, owner subject, IGNORE RLS, insert unfiltered', async () => {
    await admin(`GRANT SELECT, INSERT, UPDATE, DELETE ON public.cust TO u1, u2;
      CREATE RLS POLICY seoul WITH (region text) AS c USING (c.region = 'seoul');
      CREATE RLS POLICY low_id WITH (id int) USING (id < 3);
      ATTACH RLS POLICY seoul ON public.cust TO u1; ATTACH RLS POLICY low_id ON public.cust TO u1;
      ALTER TABLE public.cust ROW LEVEL SECURITY ON`);
    expect(await rows(w, 'u1', 'SELECT id FROM public.cust ORDER BY id')).toEqual([[1]]);
    expect(await rows(w, 'u2', 'SELECT count(*) FROM public.cust')).toEqual([[0]]);
    expect(await rows(w, 'awsuser', 'SELECT count(*) FROM public.cust')).toEqual([[3]]);
    await admin('ALTER TABLE public.cust ROW LEVEL SECURITY ON CONJUNCTION TYPE OR');
    expect(await rows(w, 'u1', 'SELECT id FROM public.cust ORDER BY id')).toEqual([[1], [2], [3]]);
    await admin('ALTER TABLE public.cust ROW LEVEL SECURITY ON CONJUNCTION TYPE AND');
    await rows(w, 'u2', "INSERT INTO public.cust VALUES (9, 'z', '0', 'jeju')");
    expect(await rows(w, 'u1', "DELETE FROM public.cust WHERE region = 'busan'; SELECT count(*) FROM public.cust WHERE region = 'busan'")).toEqual([[0]]);
    expect(await admin("SELECT count(*) FROM public.cust WHERE region = 'busan'")).toEqual([[1]]);
    expect(await admin("SELECT polname, polalias, polqual FROM svv_rls_policy WHERE polname = 'seoul'")).toEqual([['seoul', 'c', "c.region = 'seoul'"]]);
    await admin('CREATE ROLE bypass; GRANT ROLE bypass TO u2; GRANT IGNORE RLS TO ROLE bypass');
    expect(await rows(w, 'u2', 'SELECT count(*) FROM public.cust')).toEqual([[4]]);
    expect(await errorOf(w, 'awsuser', 'DROP RLS POLICY seoul')).toMatchObject({ code: '2BP01' });
    await admin('DROP RLS POLICY seoul CASCADE; ALTER TABLE public.cust ROW LEVEL SECURITY OFF');
    expect(await rows(w, 'u1', 'SELECT count(*) FROM public.cust')).toEqual([[4]]);
  });

  it('RLS predicate: a cheap leakproof user qual may run first, a user function never sees hidden rows, NULL filters', async () => {
    await admin(`CREATE TABLE public.rls_order (id int, region text); INSERT INTO public.rls_order VALUES (1, 'seoul'), (2, 'busan'), (3, NULL);
      GRANT SELECT ON public.rls_order TO u1; GRANT CREATE ON SCHEMA public TO u1;
      CREATE RLS POLICY not_busan WITH (region text) USING (region <> 'busan');
      ATTACH RLS POLICY not_busan ON public.rls_order TO u1; ALTER TABLE public.rls_order ROW LEVEL SECURITY ON`);
    const plan = (await rows(w, 'u1', 'EXPLAIN SELECT id FROM public.rls_order WHERE id = 2')).map((r) => String(r[0])).join('\n');
    expect(plan).toMatch(/Filter: \(\(id = 2\) AND /);
    expect(await rows(w, 'u1', 'SELECT id FROM public.rls_order WHERE id = 2')).toEqual([]);
    expect(await rows(w, 'u1', 'SELECT id FROM public.rls_order ORDER BY id')).toEqual([[1]]);
    expect(await rows(w, 'u1', `CREATE TABLE public.seen (r text);
      CREATE FUNCTION public.peek(r text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN INSERT INTO public.seen VALUES (coalesce(r, 'null')); RETURN true; END $$;
      SELECT id FROM public.rls_order WHERE public.peek(region)`)).toEqual([[1]]);
    expect(await rows(w, 'u1', 'SELECT r FROM public.seen ORDER BY r')).toEqual([['seoul']]);
  });

  it('RLS lookup tables: SELECT granted to the policy, not to users; REVOKE/GRANT … RLS POLICY; unsuitable lookups refused', async () => {
    await admin(`CREATE TABLE public.allowed (user_name varchar(64), region varchar(32)); INSERT INTO public.allowed VALUES ('u1', 'seoul');
      CREATE TABLE public.sales (id int, region varchar(32)); INSERT INTO public.sales VALUES (1, 'seoul'), (2, 'busan');
      GRANT SELECT ON public.sales TO u1;
      CREATE RLS POLICY by_allowed WITH (region varchar(32)) AS s USING (s.region IN (SELECT a.region FROM allowed a WHERE a.user_name = current_user));
      ATTACH RLS POLICY by_allowed ON public.sales TO u1; ALTER TABLE public.sales ROW LEVEL SECURITY ON`);
    expect(await rows(w, 'u1', 'SELECT id FROM public.sales ORDER BY id')).toEqual([[1]]);
    expect(await errorOf(w, 'u1', 'SELECT * FROM public.allowed')).toMatchObject({ code: '42501' });
    const view = `wl_sys.rls_lookup_${(await admin("SELECT 'public.allowed'::regclass::oid::int"))[0]![0]}`;
    expect(await errorOf(w, 'u1', `SELECT * FROM ${view}`)).toMatchObject({ code: '42501', message: 'permission denied for schema wl_sys' });
    await admin('REVOKE SELECT ON public.allowed FROM RLS POLICY by_allowed');
    expect(await errorOf(w, 'u1', 'SELECT id FROM public.sales')).toMatchObject({ code: '42501', message: 'permission denied for relation allowed' });
    await admin('GRANT SELECT ON TABLE allowed TO RLS POLICY by_allowed');
    expect(await rows(w, 'u1', 'SELECT id FROM public.sales ORDER BY id')).toEqual([[1]]);
    expect(await errorOf(w, 'u1', 'GRANT SELECT ON public.allowed TO RLS POLICY by_allowed')).toMatchObject({ code: '42501' });
    expect(await errorOf(w, 'awsuser', 'GRANT SELECT ON public.allowed TO RLS POLICY nosuch')).toMatchObject({ code: '42704' });
    await admin('CREATE VIEW public.allowed_v AS SELECT * FROM public.allowed');
    expect(await errorOf(w, 'awsuser', 'CREATE RLS POLICY p_view WITH (region varchar(32)) USING (region IN (SELECT region FROM public.allowed_v))')).toMatchObject({ code: '0A000' });
    expect(await errorOf(w, 'awsuser', 'CREATE RLS POLICY p_rls WITH (region varchar(32)) USING (region IN (SELECT region FROM public.sales))')).toMatchObject({ code: '0A000' });
    expect(await errorOf(w, 'awsuser', 'CREATE RLS POLICY p_none WITH (region varchar(32)) USING (region IN (SELECT region FROM nowhere))')).toMatchObject({ code: '42P01' });
    await admin(`CREATE RLS POLICY by_allowed_q WITH (region varchar(32)) USING (region IN (SELECT a.region FROM public.allowed AS a WHERE a.user_name = current_user));
      DETACH RLS POLICY by_allowed ON public.sales FROM u1; ATTACH RLS POLICY by_allowed_q ON public.sales TO u1`);
    expect(await rows(w, 'u1', 'SELECT id FROM public.sales ORDER BY id')).toEqual([[1]]);
  });

  it('DROP privilege lets a non-owner drop a table', async () => {
    await admin('CREATE TABLE public.droppable (a int); GRANT DROP ON public.droppable TO u2');
    expect(await admin("SELECT privilege_type FROM svv_relation_privileges WHERE relation_name = 'droppable'")).toEqual([['DROP']]);
    expect(await errorOf(w, 'u1', 'DROP TABLE public.droppable')).toMatchObject({ code: '42501', message: 'must be owner of relation public.droppable' });
    await rows(w, 'u2', 'DROP TABLE public.droppable');
    expect(await admin("SELECT count(*) FROM pg_class WHERE relname = 'droppable'")).toEqual([[0]]);
  });

  it("dropping a table forgets its policy attachments, RLS setting, DROP grants and DISTKEY, unless the DROP is rolled back", async () => {
    const keptFor = (relid: string) =>
      `SELECT (SELECT count(*) FROM wl_sys.rls_attachments WHERE relid = ${relid}) + (SELECT count(*) FROM wl_sys.rls_relations WHERE relid = ${relid})
        + (SELECT count(*) FROM wl_sys.drop_grants WHERE relid = ${relid}) + (SELECT count(*) FROM wl_sys.table_attrs WHERE relid = ${relid})`;
    await admin(`CREATE ROLE gone_r; CREATE TABLE public.gone (region text) DISTKEY (region); CREATE RLS POLICY gone_p WITH (region text) USING (region = 'seoul');
      ATTACH RLS POLICY gone_p ON public.gone TO ROLE gone_r; ALTER TABLE public.gone ROW LEVEL SECURITY ON; GRANT DROP ON public.gone TO u2`);
    const oid = String((await admin("SELECT 'public.gone'::regclass::oid::int"))[0]![0]);
    expect(await admin(keptFor(oid))).toEqual([[4]]);
    await admin('BEGIN; DROP TABLE public.gone; ROLLBACK');
    expect(await errorOf(w, 'awsuser', 'DROP RLS POLICY gone_p')).toMatchObject({ code: '2BP01' });
    expect(await admin(keptFor(oid))).toEqual([[4]]);
    await admin('DROP TABLE public.gone');
    expect(await admin(keptFor(oid))).toEqual([[0]]);
    await admin('DROP RLS POLICY gone_p');
    // The same through DROP SCHEMA … CASCADE.
    await admin(`CREATE SCHEMA gone_s; CREATE TABLE gone_s.t (region text); CREATE RLS POLICY gone_q WITH (region text) USING (region = 'x');
      ATTACH RLS POLICY gone_q ON gone_s.t TO ROLE gone_r; DROP SCHEMA gone_s CASCADE`);
    await admin('DROP RLS POLICY gone_q');
  });

  it('ALTER DEFAULT PRIVILEGES applies to new tables; SET SESSION AUTHORIZATION switches identity', async () => {
    await admin('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO u2; CREATE TABLE public.later (a int)');
    expect(await rows(w, 'u2', 'SELECT count(*) FROM public.later')).toEqual([[0]]);
    expect(await admin("SET SESSION AUTHORIZATION 'u1'; SELECT current_user, session_user")).toEqual([['u1', 'u1']]);
    expect(await admin('SET SESSION AUTHORIZATION DEFAULT; SELECT current_user')).toEqual([['awsuser']]);
  });
});
