import { ADMIN_USER, DATABASE_NAME } from '../../api/types';
import { AwsError, ok, type ConsoleContext, type ConsoleOperation } from '../../console/console-command';
import { simulatedNow } from '../cluster/clock';
import { REGION } from '../cluster/cluster-state';
import { integerOption, operation, optional, required } from '../cluster/console-support';
import { clusterRuntime, type ClusterRuntime } from '../cluster/runtime';
import { PRIMARY_ROOT } from '../snapshots/blob-store';
import { writeManifest, type SnapshotManifest } from '../snapshots/manifest';
import { restoreDatabase } from '../snapshots/restore-database';
import { allSnapshots, createSnapshot, deleteSnapshots, findSnapshot, toMegabytes, totalBytes } from '../snapshots/snapshot-service';
import { listTableRestores, newRestoreRecord, publicRecord, runTableRestore, validateTableRestore, type TableRestoreRecord } from '../snapshots/table-restore';
import type { NamespaceState } from './serverless-state';

/**
 * `aws redshift-serverless`: namespaces, workgroups, recovery points (taken every 30 minutes, kept
 * 24 hours, by the clock's catch-up) and snapshots. Output uses the Serverless API's camelCase names.
 */
const ACCOUNT = '123456789012';
const nameRule = /^[a-z0-9-]{3,64}$/;

const namespaceArn = (n: NamespaceState) => `arn:aws:redshift-serverless:${REGION}:${ACCOUNT}:namespace/${n.namespaceId}`;

function namespaceJson(n: NamespaceState, status: string = n.status) {
  return { namespaceName: n.namespaceName, namespaceId: n.namespaceId, namespaceArn: namespaceArn(n), adminUsername: n.adminUsername, dbName: n.dbName, status, creationDate: n.creationDate, iamRoles: [], logExports: [] };
}

function findNamespace(runtime: ClusterRuntime, name: string): NamespaceState {
  const n = runtime.serverless.namespaces.find((x) => x.namespaceName === name);
  if (!n) throw new AwsError('ResourceNotFoundException', `Namespace ${name} not found.`);
  return n;
}

function checkName(name: string, what: string): void {
  if (!nameRule.test(name)) throw new AwsError('ValidationException', `The ${what} name must be 3 to 64 lowercase letters, digits or hyphens: ${name}`);
}

function recoveryPointJson(m: SnapshotManifest, runtime: ClusterRuntime) {
  const n = runtime.serverless.namespaces.find((x) => x.namespaceName === m.source);
  const w = runtime.serverless.workgroups.find((x) => x.namespaceName === m.source);
  return {
    recoveryPointId: m.identifier,
    recoveryPointCreateTime: m.createTime,
    namespaceName: m.source,
    ...(n ? { namespaceArn: namespaceArn(n) } : {}),
    ...(w ? { workgroupName: w.workgroupName } : {}),
    totalSizeInMegaBytes: toMegabytes(totalBytes(m)),
  };
}

function snapshotJson(m: SnapshotManifest, now: Date, runtime?: ClusterRuntime, status = 'AVAILABLE') {
  const n = runtime?.serverless.namespaces.find((x) => x.namespaceName === m.source);
  const remaining = m.retentionDays < 0 ? -1 : Math.max(0, Math.ceil((Date.parse(m.createTime) + m.retentionDays * 86_400_000 - now.getTime()) / 86_400_000));
  return {
    snapshotName: m.identifier,
    namespaceName: m.source,
    ...(n ? { namespaceArn: namespaceArn(n) } : {}),
    snapshotCreateTime: m.createTime,
    status,
    adminUsername: ADMIN_USER,
    ownerAccount: ACCOUNT,
    totalBackupSizeInMegaBytes: toMegabytes(totalBytes(m)),
    actualIncrementalBackupSizeInMegaBytes: toMegabytes(m.incrementalBytes),
    snapshotRetentionPeriod: m.retentionDays,
    snapshotRemainingDays: remaining,
    snapshotArn: `arn:aws:redshift-serverless:${REGION}:${ACCOUNT}:snapshot/${m.identifier}`,
  };
}

async function recoveryPoint(context: ConsoleContext, id: string): Promise<SnapshotManifest> {
  const m = await findSnapshot(context.warehouse.store, id);
  if (!m || m.type !== 'recovery-point') throw new AwsError('ResourceNotFoundException', `Recovery point ${id} not found.`);
  return m;
}

async function serverlessSnapshot(context: ConsoleContext, name: string): Promise<SnapshotManifest> {
  const m = await findSnapshot(context.warehouse.store, name);
  if (!m || m.type !== 'serverless') throw new AwsError('ResourceNotFoundException', `Snapshot ${name} not found.`);
  return m;
}

const createNamespace = operation('redshift-serverless', 'create-namespace', 'Create the serverless namespace', async (context) => {
  const name = required(context, 'namespace-name');
  checkName(name, 'namespace');
  const runtime = await clusterRuntime(context.warehouse);
  if (runtime.serverless.namespaces.some((n) => n.namespaceName === name)) throw new AwsError('ConflictException', `Namespace ${name} already exists.`);
  if (runtime.serverless.namespaces.length) {
    throw new AwsError('ServiceQuotaExceededException', `This workspace holds one namespace (${runtime.serverless.namespaces[0]!.namespaceName}); delete it first.`);
  }
  const now = await simulatedNow(context.warehouse.store);
  const namespace: NamespaceState = {
    namespaceName: name,
    namespaceId: crypto.randomUUID(),
    adminUsername: optional(context, 'admin-username') ?? ADMIN_USER,
    dbName: optional(context, 'db-name') ?? DATABASE_NAME,
    status: 'AVAILABLE',
    creationDate: now.toISOString(),
  };
  runtime.serverless.namespaces.push(namespace);
  await runtime.saveServerless();
  return ok({ namespace: namespaceJson(namespace) });
});

const getNamespace = operation('redshift-serverless', 'get-namespace', 'Describe a namespace', async (context) => {
  const runtime = await clusterRuntime(context.warehouse);
  return ok({ namespace: namespaceJson(findNamespace(runtime, required(context, 'namespace-name'))) });
});

const listNamespaces = operation('redshift-serverless', 'list-namespaces', 'List namespaces', async (context) => {
  const runtime = await clusterRuntime(context.warehouse);
  return ok({ namespaces: runtime.serverless.namespaces.map((n) => namespaceJson(n)) });
});

const deleteNamespace = operation('redshift-serverless', 'delete-namespace', 'Delete a namespace (its workgroups first)', async (context) => {
  const runtime = await clusterRuntime(context.warehouse);
  const namespace = findNamespace(runtime, required(context, 'namespace-name'));
  if (runtime.serverless.workgroups.some((w) => w.namespaceName === namespace.namespaceName)) {
    throw new AwsError('ConflictException', `There is a workgroup associated with the namespace ${namespace.namespaceName}. Delete the workgroup before deleting the namespace.`);
  }
  runtime.serverless.namespaces = runtime.serverless.namespaces.filter((n) => n !== namespace);
  await runtime.saveServerless();
  return ok({ namespace: namespaceJson(namespace, 'DELETING') });
});

function workgroupJson(runtime: ClusterRuntime, name: string, status?: string) {
  const w = runtime.serverless.workgroups.find((x) => x.workgroupName === name);
  if (!w) throw new AwsError('ResourceNotFoundException', `Workgroup ${name} not found.`);
  return {
    workgroupName: w.workgroupName,
    workgroupId: w.workgroupId,
    workgroupArn: `arn:aws:redshift-serverless:${REGION}:${ACCOUNT}:workgroup/${w.workgroupId}`,
    namespaceName: w.namespaceName,
    baseCapacity: w.baseCapacity,
    status: status ?? w.status,
    creationDate: w.creationDate,
    publiclyAccessible: false,
    endpoint: { address: `${w.workgroupName}.${ACCOUNT}.${REGION}.redshift-serverless.amazonaws.com`, port: 5439 },
  };
}

const createWorkgroup = operation('redshift-serverless', 'create-workgroup', 'Create a workgroup (compute) for a namespace', async (context) => {
  const name = required(context, 'workgroup-name');
  const namespaceName = required(context, 'namespace-name');
  checkName(name, 'workgroup');
  const baseCapacity = integerOption(context, 'base-capacity', (n) => (n >= 8 && n <= 512 && n % 8 === 0 ? undefined : `Base capacity must be a multiple of 8 between 8 and 512: ${n}.`), 'ValidationException') ?? 128;
  const runtime = await clusterRuntime(context.warehouse);
  findNamespace(runtime, namespaceName);
  if (runtime.serverless.workgroups.some((w) => w.workgroupName === name)) throw new AwsError('ConflictException', `Workgroup ${name} already exists.`);
  if (runtime.serverless.workgroups.some((w) => w.namespaceName === namespaceName)) {
    throw new AwsError('ConflictException', `Namespace ${namespaceName} already has a workgroup.`);
  }
  runtime.serverless.workgroups.push({ workgroupName: name, workgroupId: crypto.randomUUID(), namespaceName, baseCapacity, status: 'AVAILABLE', creationDate: (await simulatedNow(context.warehouse.store)).toISOString() });
  await runtime.saveServerless();
  return ok({ workgroup: workgroupJson(runtime, name) });
});

const getWorkgroup = operation('redshift-serverless', 'get-workgroup', 'Describe a workgroup', async (context) => {
  const runtime = await clusterRuntime(context.warehouse);
  return ok({ workgroup: workgroupJson(runtime, required(context, 'workgroup-name')) });
});

const listWorkgroups = operation('redshift-serverless', 'list-workgroups', 'List workgroups', async (context) => {
  const runtime = await clusterRuntime(context.warehouse);
  return ok({ workgroups: runtime.serverless.workgroups.map((w) => workgroupJson(runtime, w.workgroupName)) });
});

const deleteWorkgroup = operation('redshift-serverless', 'delete-workgroup', 'Delete a workgroup', async (context) => {
  const runtime = await clusterRuntime(context.warehouse);
  const name = required(context, 'workgroup-name');
  const shown = workgroupJson(runtime, name, 'DELETING');
  runtime.serverless.workgroups = runtime.serverless.workgroups.filter((w) => w.workgroupName !== name);
  await runtime.saveServerless();
  return ok({ workgroup: shown });
});

const listRecoveryPoints = operation('redshift-serverless', 'list-recovery-points', 'Recovery points of the past 24 hours', async (context) => {
  const runtime = await clusterRuntime(context.warehouse);
  const namespaceName = optional(context, 'namespace-name');
  if (namespaceName !== undefined) findNamespace(runtime, namespaceName);
  const points = (await allSnapshots(context.warehouse.store)).filter((m) => m.type === 'recovery-point' && (namespaceName === undefined || m.source === namespaceName));
  return ok({ recoveryPoints: points.reverse().map((m) => recoveryPointJson(m, runtime)) });
});

const convertRecoveryPoint = operation('redshift-serverless', 'convert-recovery-point-to-snapshot', 'Keep a recovery point as a snapshot', async (context) => {
  const point = await recoveryPoint(context, required(context, 'recovery-point-id'));
  const { name, retention, store, now } = await newSnapshotRequest(context);
  const snapshot: SnapshotManifest = { ...point, identifier: name, type: 'serverless', createTime: now.toISOString(), retentionDays: retention, incrementalBytes: 0 };
  await writeManifest(store, PRIMARY_ROOT, snapshot);
  return ok({ snapshot: snapshotJson(snapshot, now, await clusterRuntime(context.warehouse)) });
});

const retentionOption = (context: ConsoleContext) =>
  integerOption(context, 'retention-period', (n) => (n === -1 || (n >= 1 && n <= 3653) ? undefined : `The retention period must be -1 or between 1 and 3653 days: ${n}.`), 'ValidationException') ?? -1;

/** The name (valid and free), retention and time of a snapshot about to be made. */
async function newSnapshotRequest(context: ConsoleContext) {
  const name = required(context, 'snapshot-name');
  const retention = retentionOption(context);
  checkSnapshotName(name);
  const store = context.warehouse.store;
  if (await findSnapshot(store, name)) throw new AwsError('ConflictException', `Snapshot ${name} already exists.`);
  return { name, retention, store, now: await simulatedNow(store) };
}

function checkSnapshotName(name: string): void {
  if (!/^[a-z][a-z0-9-]{0,254}$/.test(name) || name.endsWith('-') || name.includes('--')) throw new AwsError('ValidationException', `Invalid snapshot name: ${name}`);
}

const createServerlessSnapshot = operation('redshift-serverless', 'create-snapshot', 'Take a snapshot of the namespace', async (context) => {
  const runtime = await clusterRuntime(context.warehouse);
  const namespace = findNamespace(runtime, required(context, 'namespace-name'));
  const { name, retention, store, now } = await newSnapshotRequest(context);
  const snapshot = await createSnapshot(context.warehouse, { identifier: name, type: 'serverless', source: namespace.namespaceName, createTime: now, retentionDays: retention });
  return ok({ snapshot: snapshotJson(snapshot, now, runtime) });
});

const getServerlessSnapshot = operation('redshift-serverless', 'get-snapshot', 'Describe a serverless snapshot', async (context) => {
  const snapshot = await serverlessSnapshot(context, required(context, 'snapshot-name'));
  return ok({ snapshot: snapshotJson(snapshot, await simulatedNow(context.warehouse.store), await clusterRuntime(context.warehouse)) });
});

const deleteServerlessSnapshot = operation('redshift-serverless', 'delete-snapshot', 'Delete a serverless snapshot', async (context) => {
  const snapshot = await serverlessSnapshot(context, required(context, 'snapshot-name'));
  const shown = snapshotJson(snapshot, await simulatedNow(context.warehouse.store), await clusterRuntime(context.warehouse), 'DELETED');
  await deleteSnapshots(context.warehouse.store, [snapshot.identifier]);
  return ok({ snapshot: shown });
});

const listSnapshots = operation('redshift-serverless', 'list-snapshots', 'List serverless snapshots', async (context) => {
  const namespaceName = optional(context, 'namespace-name');
  const now = await simulatedNow(context.warehouse.store);
  const snapshots = (await allSnapshots(context.warehouse.store)).filter((m) => m.type === 'serverless' && (namespaceName === undefined || m.source === namespaceName));
  const runtime = await clusterRuntime(context.warehouse);
  return ok({ snapshots: snapshots.map((m) => snapshotJson(m, now, runtime)) });
});

async function restoreTable(context: ConsoleContext, manifest: SnapshotManifest): Promise<TableRestoreRecord> {
  const runtime = await clusterRuntime(context.warehouse);
  const namespace = findNamespace(runtime, required(context, 'namespace-name'));
  const workgroupName = required(context, 'workgroup-name');
  workgroupJson(runtime, workgroupName);
  const sourceDatabase = required(context, 'source-database-name');
  const sourceSchema = optional(context, 'source-schema-name') ?? 'public';
  const args = {
    sourceDatabase,
    sourceSchema,
    sourceTable: required(context, 'source-table-name'),
    targetDatabase: optional(context, 'target-database-name') ?? sourceDatabase,
    targetSchema: optional(context, 'target-schema-name') ?? sourceSchema,
    newTable: required(context, 'new-table-name'),
  };
  const store = context.warehouse.store;
  const now = await simulatedNow(store);
  const record = await context.warehouse.runAsSystem(async (backend) => {
    const entry = await validateTableRestore(backend, manifest, args, 'ValidationException');
    return { ...newRestoreRecord(manifest, PRIMARY_ROOT, args, entry.blob, entry.bytes, now), NamespaceName: namespace.namespaceName, WorkgroupName: workgroupName };
  });
  await context.warehouse.runAsSystem((backend) => runTableRestore(backend, store, record, context.io.progress));
  return record;
}

function restoreStatusJson(r: ReturnType<typeof publicRecord>, recoveryPointId?: string) {
  return {
    tableRestoreRequestId: r.TableRestoreRequestId,
    status: r.Status,
    ...(r.Message ? { message: r.Message } : {}),
    requestTime: r.RequestTime,
    namespaceName: r.NamespaceName,
    workgroupName: r.WorkgroupName,
    ...(recoveryPointId ? { recoveryPointId } : { snapshotName: r.SnapshotIdentifier }),
    sourceDatabaseName: r.SourceDatabaseName,
    sourceSchemaName: r.SourceSchemaName,
    sourceTableName: r.SourceTableName,
    targetDatabaseName: r.TargetDatabaseName,
    targetSchemaName: r.TargetSchemaName,
    newTableName: r.NewTableName,
    progressInMegaBytes: r.ProgressInMegaBytes,
    totalDataInMegaBytes: r.TotalDataInMegaBytes,
  };
}

const restoreTableFromRecoveryPoint = operation('redshift-serverless', 'restore-table-from-recovery-point', 'Restore one table from a recovery point', async (context) => {
  const point = await recoveryPoint(context, required(context, 'recovery-point-id'));
  const record = await restoreTable(context, point);
  return ok({ tableRestoreStatus: restoreStatusJson(publicRecord(record), point.identifier) });
});

const restoreTableFromSnapshot = operation('redshift-serverless', 'restore-table-from-snapshot', 'Restore one table from a serverless snapshot', async (context) => {
  const snapshot = await serverlessSnapshot(context, required(context, 'snapshot-name'));
  const record = await restoreTable(context, snapshot);
  return ok({ tableRestoreStatus: restoreStatusJson(publicRecord(record)) });
});

const getTableRestoreStatus = operation('redshift-serverless', 'get-table-restore-status', 'Status of a table restore', async (context) => {
  const id = required(context, 'table-restore-request-id');
  const record = (await listTableRestores(context.warehouse.store)).find((r) => r.TableRestoreRequestId === id && r.NamespaceName);
  if (!record) throw new AwsError('ResourceNotFoundException', `Table restore request ${id} not found.`);
  return ok({ tableRestoreStatus: restoreStatusJson(publicRecord(record)) });
});

async function restoreNamespace(context: ConsoleContext, manifest: SnapshotManifest) {
  const runtime = await clusterRuntime(context.warehouse);
  const namespace = findNamespace(runtime, required(context, 'namespace-name'));
  const workgroupName = required(context, 'workgroup-name');
  workgroupJson(runtime, workgroupName);
  await context.warehouse.runAsSystem((backend) => restoreDatabase(backend, context.warehouse, PRIMARY_ROOT, manifest));
  return namespaceJson(namespace);
}

const restoreFromRecoveryPoint = operation('redshift-serverless', 'restore-from-recovery-point', 'Replace the namespace with a recovery point', async (context) => {
  const point = await recoveryPoint(context, required(context, 'recovery-point-id'));
  const namespace = await restoreNamespace(context, point);
  return ok({ recoveryPointId: point.identifier, namespace });
});

const restoreFromSnapshot = operation('redshift-serverless', 'restore-from-snapshot', 'Replace the namespace with a snapshot', async (context) => {
  const snapshot = await serverlessSnapshot(context, required(context, 'snapshot-name'));
  const namespace = await restoreNamespace(context, snapshot);
  return ok({ snapshotName: snapshot.identifier, ownerAccount: ACCOUNT, namespace });
});

export const serverlessOperations: ConsoleOperation[] = [
  createNamespace,
  getNamespace,
  listNamespaces,
  deleteNamespace,
  createWorkgroup,
  getWorkgroup,
  listWorkgroups,
  deleteWorkgroup,
  listRecoveryPoints,
  convertRecoveryPoint,
  createServerlessSnapshot,
  getServerlessSnapshot,
  listSnapshots,
  deleteServerlessSnapshot,
  restoreTableFromRecoveryPoint,
  restoreTableFromSnapshot,
  getTableRestoreStatus,
  restoreFromRecoveryPoint,
  restoreFromSnapshot,
];
