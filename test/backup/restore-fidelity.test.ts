import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse, Session } from '../../engine';
import { openTempWorkspace } from '../../engine/node';
import { LocalS3 } from '../../engine/features/s3';
import { makeRole } from '../spectrum/helpers';
import { inProcessAws } from './in-process-aws';

/**
 * A whole-cluster restore brings back what a student made beyond tables and views: RLS policies
 * attached to tables, external schemas and tables (Spectrum), sequences and materialized views.
 * Each object is made, the cluster deleted with a final snapshot and restored from it.
 */
let warehouse: EmbeddedWarehouse;

const aws = inProcessAws(() => warehouse);

async function rowsAs(user: string, sql: string): Promise<unknown[][]> {
  const session = await warehouse.session(user);
  try {
    return (await session.query(sql)).rows;
  } finally {
    await session.close();
  }
}

async function deleteAndRestore(finalSnapshot: string, restoreFrom = finalSnapshot): Promise<void> {
  const del = await aws(`redshift delete-cluster --cluster-identifier redshift-cluster-1 --final-cluster-snapshot-identifier ${finalSnapshot}`);
  expect(del.exitCode, del.stderr).toBe(0);
  const restored = await aws(`redshift restore-from-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier ${restoreFrom}`);
  expect(restored.exitCode, restored.stderr).toBe(0);
}

beforeAll(async () => {
  warehouse = await openTempWorkspace({ seeded: false });
});
afterAll(async () => {
  await warehouse.close();
});

describe('whole-cluster restore fidelity', () => {
  it('RLS policies stay attached to their tables, re-keyed to the restored tables', async () => {
    const admin = await warehouse.session();
    await admin.query(`CREATE USER seoul_analyst PASSWORD 'Analyst123'; CREATE USER other_analyst PASSWORD 'Analyst123';
      CREATE TABLE public.customers (id int, region varchar(20)); INSERT INTO public.customers VALUES (1, 'seoul'), (2, 'busan'), (3, 'seoul');
      GRANT SELECT ON public.customers TO seoul_analyst, other_analyst;
      CREATE RLS POLICY seoul_only WITH (region varchar(20)) USING (region = 'seoul');
      ATTACH RLS POLICY seoul_only ON public.customers TO seoul_analyst;
      ALTER TABLE public.customers ROW LEVEL SECURITY ON`);
    await admin.close();
    expect(await rowsAs('seoul_analyst', 'SELECT id FROM public.customers ORDER BY id')).toEqual([[1], [3]]);
    const oidBefore = (await rowsAs('awsuser', "SELECT 'public.customers'::regclass::oid::int"))[0]![0];

    await deleteAndRestore('rls-final');

    expect((await rowsAs('awsuser', "SELECT 'public.customers'::regclass::oid::int"))[0]![0]).not.toBe(oidBefore);
    expect(await rowsAs('seoul_analyst', 'SELECT id FROM public.customers ORDER BY id')).toEqual([[1], [3]]);
    expect(await rowsAs('other_analyst', 'SELECT count(*) FROM public.customers')).toEqual([[0]]);
    expect(await rowsAs('awsuser', 'SELECT count(*) FROM public.customers')).toEqual([[3]]);
    expect(await rowsAs('awsuser', "SELECT polname, relname, grantee FROM svv_rls_attached_policy WHERE relname = 'customers'")).toEqual([
      ['seoul_only', 'customers', 'seoul_analyst'],
    ]);
    expect(await rowsAs('awsuser', "SELECT is_rls_on FROM svv_rls_relation WHERE relname = 'customers'")).toEqual([[true]]);
  });

  it('RLS policies reading lookup tables, and a lookup table revoked from a policy, survive the new OIDs', async () => {
    const admin = await warehouse.session();
    await admin.query(`CREATE TABLE public.allowed (user_name varchar(64), region varchar(32)); INSERT INTO public.allowed VALUES ('seoul_analyst', 'busan');
      CREATE TABLE public.orders (id int, region varchar(32)); INSERT INTO public.orders VALUES (1, 'seoul'), (2, 'busan');
      CREATE TABLE public.returns (id int, region varchar(32)); INSERT INTO public.returns VALUES (1, 'busan');
      GRANT SELECT ON public.orders, public.returns TO seoul_analyst;
      CREATE RLS POLICY by_allowed WITH (region varchar(32)) USING (region IN (SELECT a.region FROM allowed a WHERE a.user_name = current_user));
      CREATE RLS POLICY by_allowed_own WITH (region varchar(32)) USING (region IN (SELECT a.region FROM allowed a WHERE a.user_name = current_user));
      REVOKE SELECT ON public.allowed FROM RLS POLICY by_allowed_own;
      ATTACH RLS POLICY by_allowed ON public.orders TO seoul_analyst; ALTER TABLE public.orders ROW LEVEL SECURITY ON;
      ATTACH RLS POLICY by_allowed_own ON public.returns TO seoul_analyst; ALTER TABLE public.returns ROW LEVEL SECURITY ON`);
    await admin.close();
    const check = async () => {
      expect(await rowsAs('seoul_analyst', 'SELECT id FROM public.orders ORDER BY id')).toEqual([[2]]);
      const session = await warehouse.session('seoul_analyst');
      expect((await session.execute('SELECT id FROM public.returns'))[0]).toMatchObject({ ok: false, error: { code: '42501' } });
      await session.close();
    };
    await check();
    await deleteAndRestore('lookup-final');
    await check();
  });

  it('external schemas and tables query the S3 files as before', async () => {
    const arn = await makeRole(warehouse, 'SpectrumRole', ['AmazonS3ReadOnlyAccess', 'AWSGlueConsoleFullAccess']);
    await new LocalS3(warehouse.store).put('lab-data', 'sales/part-0.csv', '1,100\n2,250\n3,75\n');
    const admin = await warehouse.session();
    await admin.query(`CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'salesdb' IAM_ROLE '${arn}' CREATE EXTERNAL DATABASE IF NOT EXISTS`);
    await admin.query(`CREATE EXTERNAL TABLE spectrum.sales (id int, amount int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://lab-data/sales/'`);
    expect((await admin.query('SELECT count(*), sum(amount) FROM spectrum.sales')).rows).toEqual([[3, 425]]);
    expect((await aws('redshift create-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier spectrum-snap')).exitCode).toBe(0);
    // The object changes after the snapshot: the copy of its old version the lab had loaded goes away.
    await new LocalS3(warehouse.store).put('lab-data', 'sales/part-0.csv', '1,100\n2,250\n3,75\n5,5\n');
    expect((await admin.query('SELECT count(*) FROM spectrum.sales')).rows).toEqual([[4]]);
    await admin.close();

    await deleteAndRestore('spectrum-final', 'spectrum-snap');

    // S3 is not part of the cluster: the restored external table reads the objects as they are now.
    expect(await rowsAs('awsuser', 'SELECT id, amount FROM spectrum.sales ORDER BY id')).toEqual([[1, 100], [2, 250], [3, 75], [5, 5]]);
    expect(await rowsAs('awsuser', "SELECT schemaname, databasename FROM svv_external_schemas WHERE schemaname = 'spectrum'")).toEqual([['spectrum', 'salesdb']]);
    expect(await rowsAs('awsuser', "SELECT tablename FROM svv_external_tables WHERE schemaname = 'spectrum'")).toEqual([['sales']]);
    // A file added after the restore is read too: the table is live, not a copy.
    await new LocalS3(warehouse.store).put('lab-data', 'sales/part-1.csv', '4,1000\n');
    expect(await rowsAs('awsuser', 'SELECT count(*), sum(amount) FROM spectrum.sales')).toEqual([[5, 1430]]);
  });

  it('sequences continue numbering, and columns keep their nextval defaults', async () => {
    const admin = await warehouse.session();
    await admin.query(`CREATE SEQUENCE public.ticket_no START WITH 100 INCREMENT BY 5;
      CREATE TABLE public.tickets (no bigint DEFAULT nextval('public.ticket_no'), title varchar(40));
      INSERT INTO public.tickets (title) VALUES ('a'), ('b'), ('c');
      CREATE SEQUENCE public.unused_seq`);
    expect((await admin.query('SELECT max(no) FROM public.tickets')).rows).toEqual([[110]]);
    await admin.close();

    await deleteAndRestore('sequence-final');

    const after = await warehouse.session();
    await after.query("INSERT INTO public.tickets (title) VALUES ('d')");
    expect((await after.query("SELECT no FROM public.tickets WHERE title = 'd'")).rows).toEqual([[115]]);
    expect((await after.query("SELECT nextval('public.ticket_no')")).rows).toEqual([[120]]);
    // Never called: the first nextval is still the start value.
    expect((await after.query("SELECT nextval('public.unused_seq')")).rows).toEqual([[1]]);
    await after.close();
  });

  it('primary keys, unique and foreign keys are back on the restored tables', async () => {
    const admin = await warehouse.session();
    await admin.query(`CREATE TABLE public.regions (code varchar(8) PRIMARY KEY, name varchar(20) UNIQUE);
      CREATE TABLE public.stores (id int PRIMARY KEY, region varchar(8) REFERENCES public.regions (code));
      INSERT INTO public.regions VALUES ('SEL', 'Seoul'); INSERT INTO public.stores VALUES (1, 'SEL')`);
    await admin.close();
    await deleteAndRestore('constraint-final');
    const constraints = await rowsAs('awsuser', `SELECT conrelid::regclass::text, contype::text FROM pg_constraint
      WHERE conrelid IN ('public.regions'::regclass, 'public.stores'::regclass) AND contype IN ('p', 'u', 'f') ORDER BY 1, 2`);
    expect(constraints).toEqual([['regions', 'p'], ['regions', 'u'], ['stores', 'f'], ['stores', 'p']]);
    expect(await rowsAs('awsuser', 'SELECT count(*) FROM public.stores JOIN public.regions ON code = region')).toEqual([[1]]);
  });

  it('the DROP privilege, column-level grants and default privileges are granted again after the restore', async () => {
    const admin = await warehouse.session();
    await admin.query(`CREATE TABLE public.scratch (a int); CREATE TABLE public.scratch2 (a int); GRANT DROP ON public.scratch TO other_analyst;
      CREATE TABLE public.contacts (id int, name varchar(20), phone varchar(20)); INSERT INTO public.contacts VALUES (1, 'kim', '010');
      GRANT SELECT (id, name) ON public.contacts TO other_analyst;
      CREATE SCHEMA reports; GRANT USAGE ON SCHEMA reports TO other_analyst;
      ALTER DEFAULT PRIVILEGES IN SCHEMA reports GRANT SELECT ON TABLES TO other_analyst`);
    await admin.close();
    await deleteAndRestore('drop-grant-final');
    expect(await rowsAs('awsuser', "SELECT privilege_type FROM svv_relation_privileges WHERE relation_name = 'scratch' AND identity_name = 'other_analyst'")).toEqual([['DROP']]);
    const analyst = await warehouse.session('other_analyst');
    expect((await analyst.execute('DROP TABLE public.scratch2'))[0]).toMatchObject({ ok: false, error: { code: '42501' } });
    expect((await analyst.execute('DROP TABLE public.scratch'))[0]).toMatchObject({ ok: true });
    expect((await analyst.query('SELECT id, name FROM public.contacts')).rows).toEqual([[1, 'kim']]);
    expect((await analyst.execute('SELECT phone FROM public.contacts'))[0]).toMatchObject({ ok: false, error: { code: '42501' } });
    // A table made after the restore gets the schema's default grants.
    await rowsAs('awsuser', 'CREATE TABLE reports.daily (d int); INSERT INTO reports.daily VALUES (7); SELECT 1');
    expect((await analyst.query('SELECT d FROM reports.daily')).rows).toEqual([[7]]);
    await analyst.close();
  });

  it('materialized views come back, recomputed from their definition, and comments too', async () => {
    const admin = await warehouse.session();
    await admin.query(`CREATE MATERIALIZED VIEW public.ticket_count AS SELECT count(*) AS n FROM public.tickets;
      COMMENT ON TABLE public.tickets IS 'support tickets'; COMMENT ON COLUMN public.tickets.no IS 'ticket number';
      COMMENT ON MATERIALIZED VIEW public.ticket_count IS 'how many'`);
    await admin.close();
    await deleteAndRestore('mv-final');
    expect(await rowsAs('awsuser', 'SELECT n FROM public.ticket_count')).toEqual([[4]]);
    expect(await rowsAs('awsuser', `SELECT obj_description('public.tickets'::regclass), col_description('public.tickets'::regclass, 1),
      obj_description('public.ticket_count'::regclass)`)).toEqual([['support tickets', 'ticket number', 'how many']]);
    // Everything from the earlier rounds survived this restore too.
    expect(await rowsAs('seoul_analyst', 'SELECT count(*) FROM public.customers')).toEqual([[2]]);
    expect(await rowsAs('awsuser', 'SELECT count(*) FROM spectrum.sales')).toEqual([[5]]);
  });

  it('a snapshot written before external schemas were captured still restores them from its SVV_EXTERNAL_SCHEMAS rows', async () => {
    const path = 'snapshots/manifests/old-style.json';
    expect((await aws('redshift create-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier old-style')).exitCode).toBe(0);
    const manifest = (await warehouse.store.readJson<Record<string, any>>(path))!;
    expect(manifest.externalSchemas.schemas.spectrum).toMatchObject({ database: 'salesdb' });
    // Older manifests had no externalSchemas and kept the external table's stand-in view, whose
    // cache table may be long gone.
    delete manifest.externalSchemas;
    manifest.views.push({ schema: 'spectrum', name: 'sales', owner: 'awsuser', definition: 'SELECT 1 AS id FROM wl_spectrum.c_gone', materialized: false, grants: [] });
    await warehouse.store.writeJson(path, manifest);
    await deleteAndRestore('old-style-final', 'old-style');
    expect(await rowsAs('awsuser', 'SELECT count(*), sum(amount) FROM spectrum.sales')).toEqual([[5, 1430]]);
    expect(await rowsAs('awsuser', 'SELECT n FROM public.ticket_count')).toEqual([[4]]);
  });

  it('restoring a snapshot taken before the external schema and sequence existed leaves neither behind', async () => {
    await deleteAndRestore('before-older', 'rls-final');
    expect(await rowsAs('awsuser', "SELECT count(*) FROM svv_external_schemas WHERE schemaname = 'spectrum'")).toEqual([[0]]);
    const admin = await warehouse.session();
    expect((await admin.execute('SELECT count(*) FROM spectrum.sales'))[0]).toMatchObject({ ok: false });
    expect((await admin.execute("SELECT nextval('public.ticket_no')"))[0]).toMatchObject({ ok: false, error: { code: '42P01' } });
    // The Glue database outlives the cluster (it is not part of it): a new external schema finds its table.
    await admin.query(`CREATE EXTERNAL SCHEMA spectrum2 FROM DATA CATALOG DATABASE 'salesdb' IAM_ROLE 'arn:aws:iam::123456789012:role/SpectrumRole'`);
    expect((await admin.query('SELECT count(*) FROM spectrum2.sales')).rows).toEqual([[5]]);
    expect((await admin.query('SELECT schemaname FROM svv_external_schemas ORDER BY 1')).rows).toEqual([['spectrum2']]);
    expect(await rowsAs('seoul_analyst', 'SELECT count(*) FROM public.customers')).toEqual([[2]]);
    await admin.close();
  });

  it('restore-from-recovery-point brings back RLS attachments and sequences in place', async () => {
    const admin = await warehouse.session();
    await admin.query(`CREATE SEQUENCE public.point_seq; SELECT nextval('public.point_seq'); SELECT nextval('public.point_seq')`);
    await admin.close();
    await aws('redshift-serverless create-namespace --namespace-name lab-ns');
    await aws('redshift-serverless create-workgroup --workgroup-name lab-wg --namespace-name lab-ns');
    await aws('clock advance 30m');
    const point = (await aws('redshift-serverless list-recovery-points --namespace-name lab-ns')).json.recoveryPoints[0].recoveryPointId;
    const after = await warehouse.session();
    await after.query(`DETACH RLS POLICY seoul_only ON public.customers FROM seoul_analyst; DROP SEQUENCE public.point_seq`);
    await after.close();
    expect(await rowsAs('seoul_analyst', 'SELECT count(*) FROM public.customers')).toEqual([[0]]);
    const restored = await aws(`redshift-serverless restore-from-recovery-point --namespace-name lab-ns --workgroup-name lab-wg --recovery-point-id ${point}`);
    expect(restored.exitCode, restored.stderr).toBe(0);
    expect(await rowsAs('seoul_analyst', 'SELECT id FROM public.customers ORDER BY id')).toEqual([[1], [3]]);
    expect(await rowsAs('awsuser', "SELECT nextval('public.point_seq')")).toEqual([[3]]);
  });
});
