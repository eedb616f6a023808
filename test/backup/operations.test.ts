import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse, Session } from '../../engine';
import { openTempWorkspace } from '../../engine/node';
import { splitCommandLine } from '../../engine/console/run-console-command';
import { addCost, costSummary } from '../../engine/features/cluster';
import { parseDuration } from '../../engine/features/cluster/clock';
import { storedBytes } from '../../engine/features/snapshots/snapshot-service';
import { inProcessAws } from './in-process-aws';

/** Cluster operations, the bill, cross-region copies and cluster-restore fidelity, in process (no CLI start-up). */
let warehouse: EmbeddedWarehouse;
let admin: Session;

const aws = inProcessAws(() => warehouse);

beforeAll(async () => {
  warehouse = await openTempWorkspace();
  admin = await warehouse.session();
});
afterAll(async () => {
  await admin.close();
  await warehouse.close();
});

describe('cluster operations', () => {
  it('parses clock durations', () => {
    expect(parseDuration('8h')).toBe(8 * 3_600_000);
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('sets and validates the maintenance window and retention periods', async () => {
    const ok = await aws('redshift modify-cluster --cluster-identifier redshift-cluster-1 --preferred-maintenance-window wed:07:30-wed:08:30 --manual-snapshot-retention-period 30');
    expect(ok.json.Cluster).toMatchObject({ PreferredMaintenanceWindow: 'wed:07:30-wed:08:30', ManualSnapshotRetentionPeriod: 30 });
    expect((await aws('redshift modify-cluster --cluster-identifier redshift-cluster-1 --preferred-maintenance-window wed:07:30-wed:07:40')).stderr).toContain('(InvalidParameterValue)');
    expect((await aws('redshift modify-cluster --cluster-identifier redshift-cluster-1 --manual-snapshot-retention-period 0')).stderr).toContain('(InvalidParameterValue)');
    expect((await aws('redshift create-cluster-snapshot --cluster-identifier redshift-cluster-1')).exitCode).toBe(252);
    const snap = await aws('redshift create-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier month-end');
    expect(snap.json.Snapshot).toMatchObject({ ManualSnapshotRetentionPeriod: 30, ManualSnapshotRemainingDays: 30 });
    await aws('clock advance 31d');
    expect((await aws('redshift describe-cluster-snapshots --snapshot-identifier month-end')).stderr).toContain('(ClusterSnapshotNotFound)');
  });

  it('disabling automated snapshots deletes them', async () => {
    await aws('clock advance 8h');
    expect((await aws('redshift describe-cluster-snapshots --snapshot-type automated')).json.Snapshots.length).toBeGreaterThan(0);
    await aws('redshift modify-cluster --cluster-identifier redshift-cluster-1 --automated-snapshot-retention-period 0');
    expect((await aws('redshift describe-cluster-snapshots --snapshot-type automated')).json.Snapshots).toEqual([]);
    expect((await aws('redshift pause-cluster --cluster-identifier redshift-cluster-1')).stderr).toContain('(InvalidClusterState)');
    await aws('redshift modify-cluster --cluster-identifier redshift-cluster-1 --automated-snapshot-retention-period 1');
  });

  it('bills node-hours only while the cluster is available, and usage charges', async () => {
    const compute = async () => (await costSummary(warehouse)).ledger.lines.find((l) => l.kind === 'compute')?.quantity ?? 0;
    const before = await compute();
    await aws('clock advance 10h');
    expect((await compute()) - before).toBeCloseTo(10, 1);
    await aws('redshift pause-cluster --cluster-identifier redshift-cluster-1');
    const paused = await compute();
    await aws('clock advance 10h');
    expect(await compute()).toBeCloseTo(paused, 3);
    await aws('redshift resume-cluster --cluster-identifier redshift-cluster-1');
    await addCost(warehouse, 'spectrum', 0.05, 'scan of 10 GB');
    const bill = await aws('ce get-cost-and-usage');
    const groups = bill.json.ResultsByTime[0].Groups.map((g: any) => g.Keys[0]);
    expect(groups).toEqual(expect.arrayContaining(['compute', 'spectrum']));
    expect(Number(bill.json.ResultsByTime[0].Total.UnblendedCost.Amount)).toBeGreaterThan(0.05);
  });

  it('copies snapshots to another region while copy is enabled', async () => {
    expect((await aws('redshift enable-snapshot-copy --cluster-identifier redshift-cluster-1 --destination-region ap-northeast-2')).stderr).toContain('CopyToRegionDisabled');
    const enabled = await aws('redshift enable-snapshot-copy --cluster-identifier redshift-cluster-1 --destination-region us-west-2 --retention-period 3');
    expect(enabled.json.Cluster.ClusterSnapshotCopyStatus).toMatchObject({ DestinationRegion: 'us-west-2', RetentionPeriod: 3 });
    expect((await aws('redshift enable-snapshot-copy --cluster-identifier redshift-cluster-1 --destination-region us-west-2')).stderr).toContain('(SnapshotCopyAlreadyEnabled)');
    await aws('redshift create-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier dr-copy');
    const copies = await aws('redshift describe-cluster-snapshots --region us-west-2');
    expect(copies.json.Snapshots.find((s: any) => s.SnapshotIdentifier === 'dr-copy')).toMatchObject({ SourceRegion: 'ap-northeast-2' });
    expect(await storedBytes(warehouse.store, 'snapshots/regions/us-west-2')).toBeGreaterThan(0);
    await aws('redshift disable-snapshot-copy --cluster-identifier redshift-cluster-1');
    expect((await aws('redshift disable-snapshot-copy --cluster-identifier redshift-cluster-1')).stderr).toContain('(SnapshotCopyAlreadyDisabled)');
  });

  it('restores a table into another schema with its owner, but not interleaved tables', async () => {
    await admin.query("CREATE USER owner1 PASSWORD 'Owner1234'");
    await admin.query('CREATE TABLE adhoc.owned (id int) SORTKEY (id)');
    await admin.query('ALTER TABLE adhoc.owned OWNER TO owner1');
    await admin.query('INSERT INTO adhoc.owned SELECT generate_series(1, 50)');
    await admin.query('CREATE TABLE adhoc.il (a int, b int) INTERLEAVED SORTKEY (a, b)');
    await aws('redshift create-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier owners');
    const args = '--cluster-identifier redshift-cluster-1 --snapshot-identifier owners --source-database-name dev --source-schema-name adhoc';
    const r = await aws(`redshift restore-table-from-cluster-snapshot ${args} --source-table-name owned --target-schema-name public --new-table-name owned_copy`);
    expect(r.json.TableRestoreStatus.TargetSchemaName).toBe('public');
    const facts = await admin.query(`SELECT count(*), (SELECT tableowner FROM pg_tables WHERE tablename = 'owned_copy') FROM public.owned_copy`);
    expect(facts.rows[0]).toEqual([50, 'owner1']);
    const attrs = await admin.query(`SELECT sortkeys FROM wl_sys.table_attrs WHERE table_name = 'owned_copy'`);
    expect(attrs.rows[0]![0]).toEqual(['id']);
    expect((await aws(`redshift restore-table-from-cluster-snapshot ${args} --source-table-name il --new-table-name il2`)).stderr).toContain('(InvalidTableRestoreArgument)');
    expect((await aws(`redshift restore-table-from-cluster-snapshot ${args} --source-table-name owned --target-schema-name nope --new-table-name x`)).stderr).toContain('(InvalidTableRestoreArgument)');
  });

  it('a cluster restore brings back tables, grants, views and registered store files (ML models)', async () => {
    await admin.query("CREATE USER analyst PASSWORD 'Analyst123'");
    await admin.query('CREATE TABLE adhoc.kept (id int GENERATED BY DEFAULT AS IDENTITY, name varchar(20) NOT NULL)');
    await admin.query("INSERT INTO adhoc.kept (name) VALUES ('a'), ('b')");
    await admin.query('GRANT USAGE ON SCHEMA adhoc TO analyst');
    await admin.query('GRANT SELECT ON adhoc.kept TO analyst');
    await admin.query('CREATE VIEW adhoc.kept_names AS SELECT name FROM adhoc.kept');
    await admin.query('CREATE FUNCTION adhoc.double_it(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$');
    await warehouse.store.writeFile('meta/models/churn.json', '{"model":"churn"}');
    await admin.close();
    const del = await aws('redshift delete-cluster --cluster-identifier redshift-cluster-1 --final-cluster-snapshot-identifier last-one');
    expect(del.json.Cluster.ClusterStatus).toBe('final-snapshot');
    expect(await warehouse.store.readFile('meta/models/churn.json')).toBeUndefined();
    // The bootstrap SQL (re-run on upgrades) grants on schema public: a deleted cluster keeps it, empty.
    const publicSchema = await warehouse.runAsSystem((backend) =>
      backend.query("SELECT count(*)::int, (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public') FROM pg_namespace WHERE nspname = 'public'"),
    );
    expect(publicSchema.rows[0]).toEqual([1, 0]);
    expect((await aws('redshift restore-from-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier nope')).stderr).toContain('(ClusterSnapshotNotFound)');
    await aws('redshift restore-from-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier last-one');
    expect((await aws('redshift restore-from-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier last-one')).stderr).toContain('(ClusterAlreadyExists)');
    expect(new TextDecoder().decode(await warehouse.store.readFile('meta/models/churn.json'))).toContain('churn');
    admin = await warehouse.session();
    const analyst = await warehouse.session('analyst');
    expect((await analyst.query('SELECT count(*) FROM adhoc.kept')).rows[0]![0]).toBe(2);
    await analyst.close();
    expect((await admin.query('SELECT count(*) FROM adhoc.kept_names')).rows[0]![0]).toBe(2);
    expect((await admin.query('SELECT adhoc.double_it(21)')).rows[0]![0]).toBe(42);
    await admin.query("INSERT INTO adhoc.kept (name) VALUES ('c')");
    expect((await admin.query("SELECT id FROM adhoc.kept WHERE name = 'c'")).rows[0]![0]).toBe(3);
  });

  it('restore-from-recovery-point puts the namespace back as it was', async () => {
    await aws('redshift-serverless create-namespace --namespace-name ns1');
    await aws('redshift-serverless create-workgroup --workgroup-name wg1 --namespace-name ns1');
    expect((await aws('redshift-serverless create-workgroup --workgroup-name wg2 --namespace-name nope')).stderr).toContain('(ResourceNotFoundException)');
    await aws('clock advance 30m');
    const points = (await aws('redshift-serverless list-recovery-points --namespace-name ns1')).json.recoveryPoints;
    expect(points).toHaveLength(1);
    await admin.query('CREATE TABLE public.after_point (id int)');
    const restored = await aws(`redshift-serverless restore-from-recovery-point --namespace-name ns1 --workgroup-name wg1 --recovery-point-id ${points[0].recoveryPointId}`);
    expect(restored.json.namespace.namespaceName).toBe('ns1');
    expect((await admin.execute('SELECT * FROM public.after_point'))[0]).toMatchObject({ ok: false, error: { code: '42P01' } });
    expect((await admin.query('SELECT count(*) FROM adhoc.kept')).rows[0]![0]).toBe(3);
    expect((await aws('redshift-serverless get-recovery-point --recovery-point-id x')).exitCode).toBe(252);
  });
});
