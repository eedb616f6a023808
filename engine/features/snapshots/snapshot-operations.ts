import { AwsError, ok, type ConsoleOperation } from '../../console/console-command';
import { simulatedNow } from '../cluster/clock';
import { clusterJson } from '../cluster/cluster-json';
import { REGION } from '../cluster/cluster-state';
import { existingCluster, manualRetentionCheck } from '../cluster/cluster-operations';
import { integerOption, operation, optional, required } from '../cluster/console-support';
import { clusterRuntime } from '../cluster/runtime';
import { resetChangeBaseline } from '../cluster/catch-up';
import { PRIMARY_ROOT } from './blob-store';
import { readManifest, writeManifest } from './manifest';
import { snapshotJson } from './snapshot-json';
import { allSnapshots, copyToRegion, createSnapshot, deleteSnapshots, findSnapshot, regionRoot, snapshotIdentifierError } from './snapshot-service';
import { listTableRestores, newRestoreRecord, publicRecord, runTableRestore, validateTableRestore } from './table-restore';

/** `aws redshift` snapshot commands: create, delete, describe, restore a table, cross-region copy. */

const KNOWN_REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'eu-west-1', 'eu-west-2', 'eu-central-1', 'ca-central-1', 'sa-east-1'];

const createClusterSnapshot = operation('redshift', 'create-cluster-snapshot', 'Take a manual snapshot', async (context) => {
  const identifier = required(context, 'snapshot-identifier');
  const runtime = await existingCluster(context, required(context, 'cluster-identifier'));
  const retention = integerOption(context, 'manual-snapshot-retention-period', manualRetentionCheck);
  const problem = snapshotIdentifierError(identifier);
  if (problem) throw new AwsError('InvalidParameterValue', problem);
  const { cluster } = runtime;
  if (cluster.status !== 'available') throw new AwsError('InvalidClusterState', `Cluster ${cluster.identifier} is ${cluster.status}; snapshots can only be taken of an available cluster.`);
  const store = context.warehouse.store;
  if (await findSnapshot(store, identifier)) {
    throw new AwsError('ClusterSnapshotAlreadyExists', `Cannot create the snapshot because a snapshot with the identifier ${identifier} already exists.`);
  }
  const now = await simulatedNow(store);
  const manifest = await createSnapshot(context.warehouse, { identifier, type: 'manual', source: cluster.identifier, createTime: now, retentionDays: retention ?? cluster.manualSnapshotRetentionPeriod });
  await resetChangeBaseline(context.warehouse);
  if (cluster.snapshotCopy) await copyToRegion(store, manifest, cluster.snapshotCopy.destinationRegion, REGION, cluster.snapshotCopy.manualRetentionPeriod);
  return ok({ Snapshot: snapshotJson(manifest, cluster, now) });
});

const deleteClusterSnapshot = operation('redshift', 'delete-cluster-snapshot', 'Delete a manual snapshot', async (context) => {
  const identifier = required(context, 'snapshot-identifier');
  const store = context.warehouse.store;
  const manifest = await findSnapshot(store, identifier);
  if (!manifest || manifest.type === 'recovery-point' || manifest.type === 'serverless') throw new AwsError('ClusterSnapshotNotFound', `Snapshot ${identifier} not found.`);
  if (manifest.type === 'automated') {
    throw new AwsError('InvalidClusterSnapshotState', `Cannot delete the snapshot ${identifier} because only manual snapshots may be deleted.`);
  }
  const { cluster } = await clusterRuntime(context.warehouse);
  const shown = snapshotJson(manifest, cluster, await simulatedNow(store));
  await deleteSnapshots(store, [identifier]);
  return ok({ Snapshot: { ...shown, Status: 'deleted' } });
});

const modifyClusterSnapshot = operation('redshift', 'modify-cluster-snapshot', "Change a manual snapshot's retention period", async (context) => {
  const identifier = required(context, 'snapshot-identifier');
  const retention = integerOption(context, 'manual-snapshot-retention-period', manualRetentionCheck);
  const store = context.warehouse.store;
  const manifest = await findSnapshot(store, identifier);
  if (!manifest || manifest.type !== 'manual') throw new AwsError('ClusterSnapshotNotFound', `Snapshot ${identifier} not found.`);
  if (retention !== undefined) {
    manifest.retentionDays = retention;
    await writeManifest(store, PRIMARY_ROOT, manifest);
  }
  const { cluster } = await clusterRuntime(context.warehouse);
  return ok({ Snapshot: snapshotJson(manifest, cluster, await simulatedNow(store)) });
});

const describeClusterSnapshots = operation('redshift', 'describe-cluster-snapshots', 'List snapshots', async (context) => {
  const identifier = optional(context, 'snapshot-identifier');
  const clusterId = optional(context, 'cluster-identifier');
  const type = optional(context, 'snapshot-type');
  const region = optional(context, 'region');
  if (type !== undefined && type !== 'manual' && type !== 'automated') {
    throw new AwsError('InvalidParameterValue', `Invalid value for SnapshotType: ${type}. Valid values: manual, automated.`);
  }
  const store = context.warehouse.store;
  const root = region && region !== REGION ? regionRoot(region) : PRIMARY_ROOT;
  let snapshots = (await allSnapshots(store, root)).filter((m) => m.type === 'manual' || m.type === 'automated');
  if (identifier !== undefined) {
    snapshots = snapshots.filter((m) => m.identifier === identifier);
    if (!snapshots.length) throw new AwsError('ClusterSnapshotNotFound', `Snapshot ${identifier} not found.`);
  }
  if (clusterId !== undefined) snapshots = snapshots.filter((m) => m.source === clusterId);
  if (type !== undefined) snapshots = snapshots.filter((m) => m.type === type);
  const { cluster } = await clusterRuntime(context.warehouse);
  const now = await simulatedNow(store);
  return ok({ Snapshots: snapshots.map((m) => snapshotJson(m, cluster, now)) });
});

const restoreTableFromClusterSnapshot = operation('redshift', 'restore-table-from-cluster-snapshot', 'Restore one table from a snapshot under a new name', async (context) => {
  const runtime = await existingCluster(context, required(context, 'cluster-identifier'));
  const snapshotId = required(context, 'snapshot-identifier');
  const sourceDatabase = required(context, 'source-database-name');
  const sourceTable = required(context, 'source-table-name');
  const newTable = required(context, 'new-table-name');
  const sourceSchema = optional(context, 'source-schema-name') ?? 'public';
  const args = {
    sourceDatabase,
    sourceSchema,
    sourceTable,
    targetDatabase: optional(context, 'target-database-name') ?? sourceDatabase,
    targetSchema: optional(context, 'target-schema-name') ?? sourceSchema,
    newTable,
  };
  const { cluster } = runtime;
  if (cluster.status !== 'available') throw new AwsError('InvalidClusterState', `Cluster ${cluster.identifier} is ${cluster.status}; tables can only be restored into an available cluster.`);
  const store = context.warehouse.store;
  const manifest = await readManifest(store, PRIMARY_ROOT, snapshotId);
  if (!manifest || (manifest.type !== 'manual' && manifest.type !== 'automated')) throw new AwsError('ClusterSnapshotNotFound', `Snapshot ${snapshotId} not found.`);
  if (manifest.source !== cluster.identifier) {
    throw new AwsError('InvalidTableRestoreArgument', `Snapshot ${snapshotId} was taken of cluster ${manifest.source}; tables can only be restored into the cluster the snapshot was taken of.`);
  }
  const now = await simulatedNow(store);
  const record = await context.warehouse.runAsSystem(async (backend) => {
    const entry = await validateTableRestore(backend, manifest, args, 'InvalidTableRestoreArgument');
    return { ...newRestoreRecord(manifest, PRIMARY_ROOT, args, entry.blob, entry.bytes, now), ClusterIdentifier: cluster.identifier };
  });
  // AWS answers with the accepted (PENDING) request; the restore itself runs right after, before the command ends.
  await context.warehouse.runAsSystem((backend) => runTableRestore(backend, store, record, context.io.progress));
  return ok({ TableRestoreStatus: publicRecord(record) });
});

const describeTableRestoreStatus = operation('redshift', 'describe-table-restore-status', 'Status of table restore requests', async (context) => {
  const id = optional(context, 'table-restore-request-id');
  const clusterId = optional(context, 'cluster-identifier');
  let records = (await listTableRestores(context.warehouse.store)).filter((r) => r.ClusterIdentifier !== undefined);
  if (id !== undefined) {
    records = records.filter((r) => r.TableRestoreRequestId === id);
    if (!records.length) throw new AwsError('TableRestoreNotFound', `Table restore request ${id} not found.`);
  }
  if (clusterId !== undefined) records = records.filter((r) => r.ClusterIdentifier === clusterId);
  return ok({ TableRestoreStatusDetails: records.map(publicRecord) });
});

const enableSnapshotCopy = operation('redshift', 'enable-snapshot-copy', 'Copy new snapshots to another region', async (context) => {
  const runtime = await existingCluster(context, required(context, 'cluster-identifier'));
  const region = required(context, 'destination-region');
  const retention = integerOption(context, 'retention-period', (n) => (n >= 1 && n <= 35 ? undefined : `The retention period must be between 1 and 35 days: ${n}.`)) ?? 7;
  const manualRetention = integerOption(context, 'manual-snapshot-retention-period', manualRetentionCheck) ?? -1;
  const { cluster } = runtime;
  if (cluster.snapshotCopy) throw new AwsError('SnapshotCopyAlreadyEnabled', `Snapshot copy is already enabled on Cluster ${cluster.identifier}.`);
  if (!KNOWN_REGIONS.includes(region)) throw new AwsError('UnknownSnapshotCopyRegion', `Invalid region ${region}.`);
  if (region === REGION) throw new AwsError('CopyToRegionDisabled', `Cannot copy snapshots to the cluster's own region ${region}.`);
  cluster.snapshotCopy = { destinationRegion: region, retentionPeriod: retention, manualRetentionPeriod: manualRetention };
  await runtime.saveCluster();
  return ok({ Cluster: await clusterJson(context.warehouse, cluster) });
});

const disableSnapshotCopy = operation('redshift', 'disable-snapshot-copy', 'Stop copying snapshots to another region', async (context) => {
  const runtime = await existingCluster(context, required(context, 'cluster-identifier'));
  const { cluster } = runtime;
  if (!cluster.snapshotCopy) throw new AwsError('SnapshotCopyAlreadyDisabled', `Snapshot copy is not enabled on Cluster ${cluster.identifier}.`);
  cluster.snapshotCopy = undefined;
  await runtime.saveCluster();
  return ok({ Cluster: await clusterJson(context.warehouse, cluster) });
});

export const snapshotOperations: ConsoleOperation[] = [
  createClusterSnapshot,
  deleteClusterSnapshot,
  modifyClusterSnapshot,
  describeClusterSnapshots,
  restoreTableFromClusterSnapshot,
  describeTableRestoreStatus,
  enableSnapshotCopy,
  disableSnapshotCopy,
];
