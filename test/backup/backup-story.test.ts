import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, workspaceCli } from './cli';

/** The lecture's backup/restore story, through the CLI as graders use it. One workspace, in order. */
let dir: string;
let remove: () => Promise<void>;
let w: ReturnType<typeof workspaceCli>;
const CLUSTER = ['--cluster-identifier', 'redshift-cluster-1'];

beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  w = workspaceCli(dir);
});
afterAll(() => remove());

describe('provisioned cluster backup and restore', () => {
  it('describes the default cluster with AWS field names', { timeout: 300_000 }, async () => {
    const out = await w.awsJson('redshift', 'describe-clusters');
    const c = out.Clusters[0];
    expect(c).toMatchObject({ ClusterIdentifier: 'redshift-cluster-1', ClusterStatus: 'available', DBName: 'dev', MasterUsername: 'awsuser', AutomatedSnapshotRetentionPeriod: 1 });
    expect(c.Endpoint.Port).toBe(5439);
  });

  it('takes automated snapshots every 8 hours and expires them after the retention period', { timeout: 300_000 }, async () => {
    await w.sql('CREATE TABLE public.orders (id int, amount int); INSERT INTO public.orders SELECT g, g * 10 FROM generate_series(1, 1000) g');
    const adv = await w.clock('advance', '8h');
    expect(adv.AutomatedSnapshotsTaken).toHaveLength(1);
    const automated = await w.awsJson('redshift', 'describe-cluster-snapshots', '--snapshot-type', 'automated');
    expect(automated.Snapshots).toHaveLength(1);
    expect(automated.Snapshots[0].SnapshotIdentifier).toMatch(/^rs:redshift-cluster-1-/);
    const first = automated.Snapshots[0].SnapshotIdentifier;
    const later = await w.clock('advance', '1d');
    expect(later.SnapshotsExpired).toContain(first);
    const after = await w.awsJson('redshift', 'describe-cluster-snapshots', '--snapshot-type', 'automated');
    expect(after.Snapshots.map((s: any) => s.SnapshotIdentifier)).not.toContain(first);
    expect(after.Snapshots.length).toBeGreaterThan(0);
  });

  it('restores a table deleted by mistake from a manual snapshot under a new name', { timeout: 300_000 }, async () => {
    const snap = await w.awsJson('redshift', 'create-cluster-snapshot', '--snapshot-identifier', 'before-mistake', ...CLUSTER);
    expect(snap.Snapshot).toMatchObject({ SnapshotIdentifier: 'before-mistake', SnapshotType: 'manual', Status: 'available', ManualSnapshotRetentionPeriod: -1 });
    await w.sql('DELETE FROM public.orders WHERE id > 100');
    expect((await w.sql('SELECT count(*) FROM public.orders'))[0]!.rows[0][0]).toBe(100);
    const restore = await w.awsJson('redshift', 'restore-table-from-cluster-snapshot', ...CLUSTER, '--snapshot-identifier', 'before-mistake',
      '--source-database-name', 'dev', '--source-schema-name', 'public', '--source-table-name', 'orders', '--new-table-name', 'orders_restored');
    expect(restore.TableRestoreStatus.Status).toBe('PENDING');
    const id = restore.TableRestoreStatus.TableRestoreRequestId;
    const status = await w.awsJson('redshift', 'describe-table-restore-status', '--table-restore-request-id', id);
    expect(status.TableRestoreStatusDetails[0]).toMatchObject({ Status: 'SUCCEEDED', NewTableName: 'orders_restored', SourceTableName: 'orders' });
    const rows = await w.sql('SELECT count(*), sum(amount) FROM public.orders_restored');
    expect(rows[0]!.rows[0]).toEqual([1000, 5005000]);
  });

  it('answers bad requests with AWS error codes', { timeout: 300_000 }, async () => {
    const restoreArgs = ['--source-database-name', 'dev', '--source-schema-name', 'public', '--source-table-name', 'orders'];
    const exists = await w.aws('redshift', 'restore-table-from-cluster-snapshot', ...CLUSTER, '--snapshot-identifier', 'before-mistake', ...restoreArgs, '--new-table-name', 'orders');
    expect(exists.code).not.toBe(0);
    expect(exists.stderr).toMatch(/An error occurred \(InvalidTableRestoreArgument\) when calling the RestoreTableFromClusterSnapshot operation: .*already exists/);
    const unknown = await w.aws('redshift', 'restore-table-from-cluster-snapshot', ...CLUSTER, '--snapshot-identifier', 'nope', ...restoreArgs, '--new-table-name', 'x');
    expect(unknown.stderr).toContain('(ClusterSnapshotNotFound)');
    const dup = await w.aws('redshift', 'create-cluster-snapshot', '--snapshot-identifier', 'before-mistake', ...CLUSTER);
    expect(dup.stderr).toContain('(ClusterSnapshotAlreadyExists)');
    const badId = await w.aws('redshift', 'create-cluster-snapshot', '--snapshot-identifier', '1bad--id', ...CLUSTER);
    expect(badId.stderr).toContain('(InvalidParameterValue)');
    const badRetention = await w.aws('redshift', 'modify-cluster', ...CLUSTER, '--automated-snapshot-retention-period', '36');
    expect(badRetention.stderr).toContain('(InvalidParameterValue)');
    const noCluster = await w.aws('redshift', 'describe-clusters', '--cluster-identifier', 'other');
    expect(noCluster.stderr).toContain('(ClusterNotFound)');
    const resume = await w.aws('redshift', 'resume-cluster', ...CLUSTER);
    expect(resume.stderr).toContain('(InvalidClusterState)');
  });

  it('keeps only what changed: a second snapshot of an unchanged database adds nothing', { timeout: 300_000 }, async () => {
    const again = await w.awsJson('redshift', 'create-cluster-snapshot', '--snapshot-identifier', 'unchanged', ...CLUSTER);
    expect(again.Snapshot.ActualIncrementalBackupSizeInMegaBytes).toBe(0);
    expect(again.Snapshot.TotalBackupSizeInMegaBytes).toBeGreaterThan(0);
  });

  it('pauses (SQL refused), resumes, deletes with a final snapshot and restores from it', { timeout: 300_000 }, async () => {
    await w.awsJson('redshift', 'pause-cluster', ...CLUSTER);
    const refused = await w.sql('SELECT 1');
    expect(refused[0]!.error.code).toBe('57P03');
    expect(refused[0]!.error.message).toContain('paused');
    expect((await w.aws('redshift', 'pause-cluster', ...CLUSTER)).stderr).toContain('(InvalidClusterState)');
    await w.awsJson('redshift', 'resume-cluster', ...CLUSTER);
    expect((await w.sql('SELECT 1'))[0]!.rows[0][0]).toBe(1);

    const missing = await w.aws('redshift', 'delete-cluster', ...CLUSTER);
    expect(missing.stderr).toContain('(InvalidParameterCombination)');
    await w.awsJson('redshift', 'delete-cluster', ...CLUSTER, '--final-cluster-snapshot-identifier', 'final-snap');
    expect((await w.aws('redshift', 'describe-clusters')).stderr).toContain('(ClusterNotFound)');
    expect((await w.sql('SELECT 1'))[0]!.error.code).toBe('57P03');
    const left = await w.awsJson('redshift', 'describe-cluster-snapshots');
    expect(left.Snapshots.every((s: any) => s.SnapshotType === 'manual')).toBe(true);
    expect(left.Snapshots.map((s: any) => s.SnapshotIdentifier)).toContain('final-snap');

    const restored = await w.awsJson('redshift', 'restore-from-cluster-snapshot', '--cluster-identifier', 'redshift-cluster-2', '--snapshot-identifier', 'final-snap');
    expect(restored.Cluster.ClusterIdentifier).toBe('redshift-cluster-2');
    const rows = await w.sql('SELECT count(*) FROM public.orders_restored; SELECT count(*) FROM raw_data.user_session_channel');
    expect(rows[0]!.rows[0][0]).toBe(1000);
    expect(rows[1]!.rows[0][0]).toBe(101520);
  });
});

describe('serverless recovery points', () => {
  it('restores a table from a recovery point, and a namespace cannot be deleted before its workgroup', { timeout: 300_000 }, async () => {
    await w.awsJson('redshift-serverless', 'create-namespace', '--namespace-name', 'lab-ns');
    await w.awsJson('redshift-serverless', 'create-workgroup', '--workgroup-name', 'lab-wg', '--namespace-name', 'lab-ns');
    await w.clock('advance', '1h');
    const points = await w.awsJson('redshift-serverless', 'list-recovery-points', '--namespace-name', 'lab-ns');
    expect(points.recoveryPoints.length).toBe(2);
    await w.sql('DELETE FROM public.orders');
    const restore = await w.awsJson('redshift-serverless', 'restore-table-from-recovery-point', '--namespace-name', 'lab-ns', '--workgroup-name', 'lab-wg',
      '--recovery-point-id', points.recoveryPoints[0].recoveryPointId, '--source-database-name', 'dev', '--source-schema-name', 'public',
      '--source-table-name', 'orders', '--new-table-name', 'orders_from_rp');
    expect(restore.tableRestoreStatus.tableRestoreRequestId).toBeTruthy();
    expect((await w.sql('SELECT count(*) FROM public.orders_from_rp'))[0]!.rows[0][0]).toBe(100);

    const snap = await w.awsJson('redshift-serverless', 'convert-recovery-point-to-snapshot', '--recovery-point-id', points.recoveryPoints[0].recoveryPointId, '--snapshot-name', 'kept-rp', '--retention-period', '7');
    expect(snap.snapshot).toMatchObject({ snapshotName: 'kept-rp', snapshotRetentionPeriod: 7 });
    await w.clock('advance', '25h');
    const later = await w.awsJson('redshift-serverless', 'list-recovery-points', '--namespace-name', 'lab-ns');
    expect(later.recoveryPoints.map((p: any) => p.recoveryPointId)).not.toContain(points.recoveryPoints[0].recoveryPointId);
    expect(later.recoveryPoints.length).toBe(48);
    expect((await w.awsJson('redshift-serverless', 'list-snapshots')).snapshots.map((s: any) => s.snapshotName)).toContain('kept-rp');

    const conflict = await w.aws('redshift-serverless', 'delete-namespace', '--namespace-name', 'lab-ns');
    expect(conflict.stderr).toContain('(ConflictException)');
    await w.awsJson('redshift-serverless', 'delete-workgroup', '--workgroup-name', 'lab-wg');
    await w.awsJson('redshift-serverless', 'delete-namespace', '--namespace-name', 'lab-ns');
  });
});
