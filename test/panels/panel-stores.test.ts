// @vitest-environment jsdom
/// <reference lib="dom" />
// The console panels' stores against a mocked host: the command lines they issue, how they parse
// AWS's JSON, and that a failed action shows the command's stderr.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { ConsoleResult, EventMessage, RequestMessage, ResponseMessage } from '../../engine/host/contract';
import type { Progress, StatementOutcome } from '../../engine/api/types';
import { splitCommandLine } from '../../engine/console/run-console-command';
import { HostClient } from '../../renderer/src/host/host-client';
import type { Transport } from '../../renderer/src/host/transport';
import { setHost } from '../../renderer/src/host';
import { useConsole } from '../../renderer/src/stores/console';
import { arg, panelChanges } from '../../renderer/src/stores/panels/panel-host';
import { useS3Panel } from '../../renderer/src/stores/panels/s3';
import { REDSHIFT_TRUST_POLICY, useIamPanel } from '../../renderer/src/stores/panels/iam';
import { useGluePanel } from '../../renderer/src/stores/panels/glue';
import { parseCost, useClusterPanel } from '../../renderer/src/stores/panels/cluster';
import { restoreTableCommand, useSnapshotsPanel } from '../../renderer/src/stores/panels/snapshots';
import { useServerlessPanel } from '../../renderer/src/stores/panels/serverless';
import { featureImportance, useModelsPanel } from '../../renderer/src/stores/panels/models';
import { useMaintenancePanel } from '../../renderer/src/stores/panels/maintenance';

type Answer = (line: string, files?: { name: string }[]) => ConsoleResult | undefined;
interface Fake {
  lines: string[];
  sql: string[];
  files: { name: string; bytes: Uint8Array }[][];
  /** Pushes a progress event from the host (delivered before the pending response). */
  progress(p: Progress): void;
}

const ok = (value: unknown): ConsoleResult => ({ exitCode: 0, stdout: typeof value === 'string' ? value : JSON.stringify(value), stderr: '' });
const awsError = (code: string, op: string, message: string): ConsoleResult => ({ exitCode: 254, stdout: '', stderr: `\nAn error occurred (${code}) when calling the ${op} operation: ${message}\n` });
const rows = (columns: string[], data: unknown[][]): StatementOutcome => ({
  ok: true,
  result: { sql: '', command: 'SELECT', columns: columns.map((name) => ({ name, type: 'text', typeOid: 25 })), rows: data as never, rowCount: data.length, truncated: false, notices: [], elapsedMs: 1, queryId: 1 },
});

/** A host answering console lines with `answer` and SQL with `sqlAnswer`; records what was asked. */
function fakeHost(answer: Answer, sqlAnswer: (sql: string) => StatementOutcome[] = () => []): Fake {
  let listener: (m: ResponseMessage | EventMessage) => void = () => undefined;
  const fake: Fake = { lines: [], sql: [], files: [], progress: (payload) => listener({ kind: 'event', event: 'progress', payload }) };
  const transport: Transport = {
    name: 'web-worker',
    send(m: RequestMessage) {
      let value: unknown;
      if (m.channel === 'console.run') {
        const p = m.payload as { line: string; files?: { name: string; bytes: Uint8Array }[] };
        fake.lines.push(p.line);
        if (p.files) fake.files.push(p.files);
        value = answer(p.line, p.files) ?? ok({});
      } else if (m.channel === 'sql.execute') {
        const p = m.payload as { sql: string; user: string };
        fake.sql.push(p.sql);
        value = sqlAnswer(p.sql);
      } else if (m.channel === 's3.getObject') {
        const p = m.payload as { key: string };
        if (p.key === 'missing.csv') {
          queueMicrotask(() => listener({ kind: 'response', id: m.id, ok: false, error: { code: 'NoSuchKey', message: 'The specified key does not exist.' } }));
          return;
        }
        value = { bytes: new TextEncoder().encode('a,b\n') };
      }
      queueMicrotask(() => listener({ kind: 'response', id: m.id, ok: true, value }));
    },
    onMessage(l) {
      listener = l;
    },
    async restart() {},
  };
  setHost(new HostClient(transport));
  return fake;
}

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
});

describe('command-line quoting', () => {
  it('round-trips values through the console splitter, including JSON and quotes', () => {
    for (const value of ['plain', 'with space', "it's", JSON.stringify(REDSHIFT_TRUST_POLICY), 's3://b/k e y.csv', 'a"b']) {
      expect(splitCommandLine(`x ${arg(value)} y`)).toEqual(['x', value, 'y']);
    }
  });
});

describe('S3 panel store', () => {
  it('lists buckets, then one folder with delimiter and prefix; uploads with cp and the picked bytes', async () => {
    const fake = fakeHost((line) => {
      if (line === 'aws s3api list-buckets') return ok({ Buckets: [{ Name: 'lab-data', CreationDate: '2026-01-01T00:00:00Z' }] });
      if (line.startsWith('aws s3api list-objects-v2')) return ok({ Contents: [{ Key: 'in/a.csv', Size: 12, LastModified: '2026-01-01T00:00:00+00:00' }], CommonPrefixes: [{ Prefix: 'in/sub/' }] });
      return ok('upload: ./a.csv to s3://lab-data/in/a.csv\n');
    });
    const s3 = useS3Panel();
    await s3.refresh();
    expect(s3.buckets.map((b) => b.Name)).toEqual(['lab-data']);
    await s3.open('lab-data', 'in/');
    expect(fake.lines).toContain('aws s3api list-objects-v2 --bucket lab-data --delimiter / --prefix in/');
    expect(s3.objects[0]).toMatchObject({ Key: 'in/a.csv', Size: 12 });
    expect(s3.folders).toEqual(['in/sub/']);
    expect(s3.parentPrefix()).toBe('');

    const changes = panelChanges.value;
    expect(await s3.uploadFiles([{ name: 'my file.csv', bytes: new Uint8Array([1, 2, 3]) }])).toBe(true);
    expect(fake.lines).toContain("aws s3 cp 'my file.csv' 's3://lab-data/in/my file.csv'");
    expect(fake.files.at(-1)?.[0]?.name).toBe('my file.csv');
    expect(useConsole().entries.at(-1)?.line).toContain('aws s3 cp');
    expect(panelChanges.value).toBeGreaterThan(changes);
    expect(s3.uploading).toBe(false);
    expect(s3.uploads).toEqual([{ name: 'my file.csv', size: 3, stored: 3, state: 'done' }]);
  });

  it('uploads several files with one row each (name, bytes, state) and overall totals; a failed file does not stop the others', async () => {
    const seen: { name: string; states: string[]; storedAfterEvent: number }[] = [];
    const sizes: Record<string, number> = { 'a.csv': 10, 'b.csv': 20, 'c.csv': 30 };
    const s3 = useS3Panel();
    const fake: Fake = fakeHost((line, files) => {
      if (line === 'aws s3api list-buckets') return ok({ Buckets: [{ Name: 'lab-data', CreationDate: '2026-01-01T00:00:00Z' }] });
      if (line.startsWith('aws s3api')) return ok({});
      const name = files![0]!.name;
      const size = sizes[name] ?? 0;
      const states = s3.uploads.map((r) => r.state);
      fake.progress({ phase: 'upload', done: 0, unit: 'bytes', message: name });
      if (name === 'b.csv') {
        fake.progress({ phase: 'upload', done: 0, total: 0, unit: 'bytes', message: name });
        return { exitCode: 1, stdout: '', stderr: 'upload failed: ./b.csv to s3://lab-data/b.csv An error occurred (AccessDenied) when calling the PutObject operation: Access Denied\n' };
      }
      fake.progress({ phase: 'upload', done: size, total: size, unit: 'bytes', message: name });
      // a message about another file (or another phase) is not this row's
      fake.progress({ phase: 'upload', done: 99, total: 99, unit: 'bytes', message: 'other.csv' });
      seen.push({ name, states, storedAfterEvent: s3.uploads.find((r) => r.name === name)!.stored });
      return ok(`upload: ./${name} to s3://lab-data/${name}\n`);
    });
    await s3.open('lab-data');
    const files = [
      { name: 'a.csv', bytes: new Uint8Array(10) },
      { name: 'b.csv', bytes: new Uint8Array(20) },
      { name: 'c.csv', bytes: new Uint8Array(30) },
    ];
    const done = s3.uploadFiles(files);
    expect(s3.uploading).toBe(true);
    expect(s3.uploads.map((r) => r.state)).toEqual(['uploading', 'queued', 'queued']);
    expect(await done).toBe(false);
    expect(fake.lines.filter((l) => l.startsWith('aws s3 cp'))).toEqual(['aws s3 cp a.csv s3://lab-data/a.csv', 'aws s3 cp b.csv s3://lab-data/b.csv', 'aws s3 cp c.csv s3://lab-data/c.csv']);
    // while a file's command runs, its row is uploading and the earlier ones are finished
    expect(seen.map((s) => s.states)).toEqual([['uploading', 'queued', 'queued'], ['done', 'failed', 'uploading']]);
    // the engine's "stored" message fills the row before the command even returns
    expect(seen.map((s) => s.storedAfterEvent)).toEqual([10, 30]);
    expect(s3.uploads.map((r) => [r.name, r.state, r.stored, r.size])).toEqual([['a.csv', 'done', 10, 10], ['b.csv', 'failed', 0, 20], ['c.csv', 'done', 30, 30]]);
    expect(s3.uploads[1]!.error).toContain('AccessDenied');
    expect(s3.uploadTotals).toEqual({ files: 3, finished: 2, failed: 1, bytes: 60, storedBytes: 40 });
    expect(s3.uploading).toBe(false);
    s3.clearUploads();
    expect(s3.uploads).toEqual([]);
  });

  it("shows AWS's message when an action fails, and a download error in AWS's words", async () => {
    fakeHost((line) => {
      if (line.startsWith('aws s3 mb')) return { exitCode: 1, stdout: '', stderr: 'make_bucket failed: s3://Bad_Name An error occurred (InvalidBucketName) when calling the CreateBucket operation: The specified bucket is not valid.\n' };
      return ok({ Buckets: [{ Name: 'b', CreationDate: '' }] });
    });
    const s3 = useS3Panel();
    expect(await s3.createBucket('Bad_Name')).toBe(false);
    expect(s3.error).toContain('InvalidBucketName');
    await s3.open('b');
    expect(new TextDecoder().decode(await s3.download('a.csv'))).toBe('a,b\n');
    expect(await s3.download('missing.csv')).toBeUndefined();
    expect(s3.error).toBe('An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.');
  });
});

describe('IAM panel store', () => {
  it('creates a Redshift role with the trust policy, attaches a policy, reads the cluster roles', async () => {
    const arn = 'arn:aws:iam::123456789012:role/myRedshiftRole';
    const fake = fakeHost((line) => {
      if (line === 'aws iam list-roles') return ok({ Roles: [{ RoleName: 'myRedshiftRole', Arn: arn, CreateDate: '', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }] });
      if (line.startsWith('aws redshift describe-clusters')) return ok({ Clusters: [{ IamRoles: [{ IamRoleArn: arn }], DefaultIamRoleArn: arn }] });
      if (line.startsWith('aws iam list-attached-role-policies')) return ok({ AttachedPolicies: [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }] });
      return ok('');
    });
    const iam = useIamPanel();
    expect(await iam.createRole('myRedshiftRole')).toBe(true);
    const create = fake.lines.find((l) => l.startsWith('aws iam create-role'))!;
    const argv = splitCommandLine(create);
    expect(argv[argv.indexOf('--role-name') + 1]).toBe('myRedshiftRole');
    expect(JSON.parse(argv[argv.indexOf('--assume-role-policy-document') + 1]!)).toEqual(REDSHIFT_TRUST_POLICY);
    expect(iam.selected).toBe('myRedshiftRole');
    expect(iam.attached.map((p) => p.PolicyName)).toEqual(['AmazonS3ReadOnlyAccess']);
    expect(iam.clusterRoles).toEqual([arn]);
    expect(iam.defaultRole).toBe(arn);
    await iam.attachPolicy('myRedshiftRole', 'arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess');
    expect(fake.lines).toContain('aws iam attach-role-policy --role-name myRedshiftRole --policy-arn arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess');
    await iam.makeDefault(arn);
    expect(fake.lines).toContain(`aws redshift modify-cluster-iam-roles --cluster-identifier redshift-cluster-1 --default-iam-role-arn ${arn}`);
  });
});

describe('Glue panel store', () => {
  it('joins SVV_EXTERNAL_* rows into databases, tables, columns and partitions; quotes the SELECT', async () => {
    const fake = fakeHost(() => undefined, () => [
      rows(['schemaname', 'databasename', 'esoptions'], [['spectrum', 'spectrumdb', '{}']]),
      rows(['schemaname', 'tablename', 'location', 'input_format'], [['spectrum', 'sales', 's3://b/sales/', 'TextInputFormat']]),
      rows(['schemaname', 'tablename', 'columnname', 'external_type', 'part_key'], [['spectrum', 'sales', 'id', 'int', 0], ['spectrum', 'sales', 'dt', 'date', 1]]),
      rows(['schemaname', 'tablename', 'values', 'location'], [['spectrum', 'sales', '["2024-01-01"]', 's3://b/sales/dt=2024-01-01/']]),
    ]);
    const glue = useGluePanel();
    await glue.refresh();
    expect(fake.sql[0]).toContain('svv_external_partitions');
    expect(glue.databases).toEqual([{ schema: 'spectrum', database: 'spectrumdb', options: '{}' }]);
    const t = glue.tablesOf('spectrum')[0]!;
    expect(t.columns).toEqual([{ name: 'id', type: 'int', partitionKey: false }, { name: 'dt', type: 'date', partitionKey: true }]);
    expect(t.partitions[0]!.location).toBe('s3://b/sales/dt=2024-01-01/');
    expect(glue.selectSql({ schema: 'spectrum', name: 'Mixed Case' })).toBe('SELECT *\nFROM spectrum."Mixed Case"\nLIMIT 100;\n');
  });

  it('keeps a failed read as the load error', async () => {
    fakeHost(() => undefined, () => [{ ok: false, sql: '', error: { code: '42501', message: 'permission denied for relation svv_external_schemas' } }]);
    const glue = useGluePanel();
    await glue.refresh();
    expect(glue.loadError).toBe('ERROR: permission denied for relation svv_external_schemas');
  });
});

describe('Cluster panel store', () => {
  const cluster = { ClusterIdentifier: 'redshift-cluster-1', ClusterStatus: 'available', NodeType: 'dc2.large', NumberOfNodes: 1, Endpoint: { Address: 'x', Port: 5439 } };
  const cost = { ResultsByTime: [{ Total: { UnblendedCost: { Amount: '1.500000' } }, Groups: [{ Keys: ['compute'], Metrics: { UnblendedCost: { Amount: '1.500000' }, UsageQuantity: { Amount: '4.6', Unit: 'node-hours' } } }] }] };

  it('reads status, clock and cost; pauses; shows InvalidClusterState from a second pause', async () => {
    let status = 'available';
    const fake = fakeHost((line) => {
      if (line === 'aws redshift describe-clusters') return ok({ Clusters: [{ ...cluster, ClusterStatus: status }] });
      if (line === 'clock show') return ok({ Now: '2026-01-01T08:00:00.000Z', OffsetHours: 8 });
      if (line === 'aws ce get-cost-and-usage') return ok(cost);
      if (line.startsWith('aws redshift pause-cluster')) {
        if (status === 'paused') return awsError('InvalidClusterState', 'PauseCluster', 'You can only pause a cluster that is in the available state. Cluster redshift-cluster-1 is paused.');
        status = 'paused';
        return ok({ Cluster: cluster });
      }
      return undefined;
    });
    const c = useClusterPanel();
    await c.refresh();
    expect(c.cluster?.NodeType).toBe('dc2.large');
    expect(c.offsetHours).toBe(8);
    expect(c.cost).toEqual({ total: 1.5, groups: [{ kind: 'compute', usd: 1.5, quantity: 4.6, unit: 'node-hours' }] });
    expect(await c.pause()).toBe(true);
    expect(fake.lines).toContain('aws redshift pause-cluster --cluster-identifier redshift-cluster-1');
    expect(c.cluster?.ClusterStatus).toBe('paused');
    expect(await c.pause()).toBe(false);
    expect(c.error).toBe('An error occurred (InvalidClusterState) when calling the PauseCluster operation: You can only pause a cluster that is in the available state. Cluster redshift-cluster-1 is paused.');
    await c.remove('final-1');
    expect(fake.lines).toContain('aws redshift delete-cluster --cluster-identifier redshift-cluster-1 --final-cluster-snapshot-identifier final-1');
    await c.remove(undefined);
    expect(fake.lines).toContain('aws redshift delete-cluster --cluster-identifier redshift-cluster-1 --skip-final-cluster-snapshot');
    await c.advance('8h');
    expect(fake.lines).toContain('clock advance 8h');
  });

  it('treats ClusterNotFound as a deleted cluster', async () => {
    fakeHost((line) => (line === 'aws redshift describe-clusters' ? awsError('ClusterNotFound', 'DescribeClusters', 'Cluster redshift-cluster-1 not found.') : line === 'aws ce get-cost-and-usage' ? ok(cost) : ok({ Now: '', OffsetHours: 0 })));
    const c = useClusterPanel();
    await c.refresh();
    expect(c.cluster).toBeUndefined();
    expect(c.missing).toContain('ClusterNotFound');
    expect(c.loadError).toBeUndefined();
    expect(parseCost({ ResultsByTime: [] }).total).toBe(0);
  });
});

describe('Snapshots panel store', () => {
  it('lists snapshots newest first, region copies, restores; the wizard issues restore-table-from-cluster-snapshot', async () => {
    const fake = fakeHost((line) => {
      if (line === 'aws redshift describe-clusters') return ok({ Clusters: [{ ClusterIdentifier: 'redshift-cluster-1', ClusterSnapshotCopyStatus: { DestinationRegion: 'us-west-2', RetentionPeriod: 7 } }] });
      if (line === 'aws redshift describe-cluster-snapshots') return ok({ Snapshots: [{ SnapshotIdentifier: 'old', SnapshotCreateTime: '2026-01-01T00:00:00Z' }, { SnapshotIdentifier: 'new', SnapshotCreateTime: '2026-01-02T00:00:00Z' }] });
      if (line === 'aws redshift describe-cluster-snapshots --region us-west-2') return ok({ Snapshots: [{ SnapshotIdentifier: 'copy-of-new', SnapshotCreateTime: '' }] });
      if (line === 'aws redshift describe-table-restore-status') return ok({ TableRestoreStatusDetails: [{ TableRestoreRequestId: 'r1', Status: 'SUCCEEDED', RequestTime: '2026-01-02T00:00:00Z', NewTableName: 'channel_restored' }] });
      if (line.startsWith('aws redshift restore-table-from-cluster-snapshot')) return ok({ TableRestoreStatus: { TableRestoreRequestId: 'r1', Status: 'PENDING' } });
      return undefined;
    });
    const s = useSnapshotsPanel();
    await s.refresh();
    expect(s.snapshots.map((x) => x.SnapshotIdentifier)).toEqual(['new', 'old']);
    expect(s.copies.map((x) => x.SnapshotIdentifier)).toEqual(['copy-of-new']);
    const request = { snapshot: 'new', sourceDatabase: 'dev', sourceSchema: 'raw_data', sourceTable: 'channel', targetSchema: 'raw_data', newTable: 'channel_restored' };
    const started = await s.restoreTable(request);
    expect(started?.TableRestoreRequestId).toBe('r1');
    expect(fake.lines).toContain(restoreTableCommand(request));
    expect(restoreTableCommand(request)).toBe('aws redshift restore-table-from-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier new --source-database-name dev --source-schema-name raw_data --source-table-name channel --target-schema-name raw_data --new-table-name channel_restored');
    expect(s.restores[0]?.Status).toBe('SUCCEEDED');
    await s.create('my-snap');
    expect(fake.lines).toContain('aws redshift create-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier my-snap');
    await s.setRetention(3, -1);
    expect(fake.lines).toContain('aws redshift modify-cluster --cluster-identifier redshift-cluster-1 --automated-snapshot-retention-period 3 --manual-snapshot-retention-period -1');
  });
});

describe('Serverless panel store', () => {
  it('shows the ConflictException when the namespace is deleted before its workgroup', async () => {
    const fake = fakeHost((line) => {
      if (line.startsWith('aws redshift-serverless delete-namespace')) return awsError('ConflictException', 'DeleteNamespace', 'There is a workgroup associated with the namespace lab. Delete the workgroup before deleting the namespace.');
      if (line === 'aws redshift-serverless list-recovery-points') return ok({ recoveryPoints: [{ recoveryPointId: 'rp1', recoveryPointCreateTime: '2026-01-01T00:30:00Z', namespaceName: 'lab', totalSizeInMegaBytes: 3 }] });
      if (line.startsWith('aws redshift-serverless restore-table-from-recovery-point')) return ok({ tableRestoreStatus: { tableRestoreRequestId: 't1', status: 'SUCCEEDED', newTableName: 'x', targetSchemaName: 'public' } });
      return ok({ namespaces: [], workgroups: [], snapshots: [] });
    });
    const sv = useServerlessPanel();
    expect(await sv.deleteNamespace('lab')).toBe(false);
    expect(sv.error).toContain('Delete the workgroup before deleting the namespace.');
    expect(sv.recoveryPoints.map((p) => p.recoveryPointId)).toEqual(['rp1']);
    expect(await sv.restoreTable({ recoveryPointId: 'rp1', namespace: 'lab', workgroup: 'wg', sourceSchema: 'public', sourceTable: 't', targetSchema: 'public', newTable: 'x' })).toBe(true);
    expect(sv.lastRestore?.status).toBe('SUCCEEDED');
    expect(fake.lines.find((l) => l.includes('restore-table-from-recovery-point'))).toContain('--recovery-point-id rp1');
  });
});

describe('Models panel store', () => {
  it('lists models, describes the selected one and reads SHOW MODEL; ranks feature importance', async () => {
    const fake = fakeHost(
      (line) => {
        if (line === 'models list') return ok({ Models: [{ Schema: 'public', ModelName: 'churn', ModelState: 'TRAINING', Progress: { Phase: 'model_search', Done: 1, Total: 4, ElapsedSeconds: 2 } }] });
        if (line === 'models describe public.churn') return ok({ Model: { Schema: 'public', ModelName: 'churn', ModelState: 'TRAINING' }, Leaderboard: [{ id: 'c1', validationMetric: 0.8 }] });
        return undefined;
      },
      () => [rows(['Key', 'Value'], [['Model State', 'TRAINING']])],
    );
    const m = useModelsPanel();
    await m.refresh();
    expect(m.training).toBe(true);
    await m.select('public.churn');
    expect(fake.lines).toContain('models describe public.churn');
    expect(fake.sql).toContain('SHOW MODEL public.churn');
    expect(m.detail?.Leaderboard).toHaveLength(1);
    expect(m.showModel).toEqual([{ key: 'Model State', value: 'TRAINING' }]);
    expect(featureImportance({ explanations: { kernel_shap: { label0: { global_shap_values: { a: -0.5, b: 0.2, c: 0.9 } } } } }).map((x) => x.feature)).toEqual(['c', 'a', 'b']);
    expect(featureImportance(null)).toEqual([]);
  });
});

describe('Maintenance panel store', () => {
  it('runs VACUUM on one table and keeps its SVV_TABLE_INFO row before and after', async () => {
    let unsorted = 40;
    const fake = fakeHost(() => undefined, (sql) => {
      if (sql.startsWith('VACUUM')) {
        unsorted = 0;
        return [{ ok: true, result: { sql, command: 'VACUUM', columns: [], rows: [], rowCount: 0, truncated: false, notices: [], elapsedMs: 1, queryId: 2 } }];
      }
      return [rows(['schema', 'table', 'tbl_rows', 'estimated_visible_rows', 'size', 'unsorted', 'stats_off', 'sortkey1', 'diststyle'], [['raw_data', 'user session', 1200, 1000, 2, unsorted, 15, 'ts', 'EVEN']])];
    });
    const mt = useMaintenancePanel();
    await mt.refresh();
    expect(mt.tables[0]).toMatchObject({ schema: 'raw_data', table: 'user session', rows: 1200, visibleRows: 1000, unsorted: 40, statsOff: 15 });
    expect(await mt.maintain(mt.tables[0]!, 'VACUUM')).toBe(true);
    expect(fake.sql).toContain('VACUUM raw_data."user session"');
    expect(mt.comparison?.before.unsorted).toBe(40);
    expect(mt.comparison?.after?.unsorted).toBe(0);
  });
});

describe('Models panel chart options', () => {
  it('places every confusion-matrix count at (predicted, actual) and draws ROC from the points', async () => {
    const { confusionHeatmap, rocCurve, correlationHeatmap } = await import('../../renderer/src/panels/chart-options');
    const evaluation = { source: 'validation' as const, method: '5-fold stratified cross-validation', folds: 5, rows: 10, labels: ['no', 'yes'], confusionMatrix: [[6, 1], [2, 1]], positiveLabel: 'yes', roc: [{ threshold: 1, fpr: 0, tpr: 0 }, { threshold: 0.5, fpr: 0.2, tpr: 0.7 }, { threshold: 0, fpr: 1, tpr: 1 }], auc: 0.8 };
    const heat = confusionHeatmap(evaluation, 'Actual', 'Predicted') as { series: { data: number[][] }[]; yAxis: { data: string[] } };
    expect(heat.series[0]!.data).toEqual([[0, 0, 6], [1, 0, 1], [0, 1, 2], [1, 1, 1]]);
    expect(heat.yAxis.data).toEqual(['no', 'yes']);
    const roc = rocCurve(evaluation) as { series: { data: number[][] }[] };
    expect(roc.series[0]!.data).toEqual([[0, 0], [0.2, 0.7], [1, 1]]);
    const corr = correlationHeatmap({ rowCount: 3, columns: [], target: null, correlation: { columns: ['a', 'b'], matrix: [[1, Number.NaN], [0.123, 1]] } }, true) as { series: { data: number[][] }[] };
    expect(corr.series[0]!.data).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0.12], [1, 1, 1]]);
  });
});
