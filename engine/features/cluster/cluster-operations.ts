import { AwsError, ok, type ConsoleContext, type ConsoleOperation } from '../../console/console-command';
import { PRIMARY_ROOT } from '../snapshots/blob-store';
import { restoreDatabase, wipeDatabase, wipeStoreFiles } from '../snapshots/restore-database';
import { forgetExternalSchemas } from '../spectrum/snapshot-support';
import { allSnapshots, createSnapshot, deleteSnapshots, findSnapshot, snapshotIdentifierError } from '../snapshots/snapshot-service';
import { simulatedNow } from './clock';
import { clusterJson } from './cluster-json';
import { defaultCluster, maintenanceWindowError, type ClusterState } from './cluster-state';
import { flag, integerOption, operation, optional, required } from './console-support';
import { clusterRuntime, type ClusterRuntime } from './runtime';
import { resetSchedule } from './catch-up';

/** `aws redshift` cluster lifecycle: describe, modify, pause, resume, delete, restore. */

export async function existingCluster(context: ConsoleContext, identifier?: string): Promise<ClusterRuntime> {
  const runtime = await clusterRuntime(context.warehouse);
  const { cluster } = runtime;
  if (cluster.status === 'deleted' || (identifier !== undefined && identifier !== cluster.identifier)) {
    throw new AwsError('ClusterNotFound', `Cluster ${identifier ?? cluster.identifier} not found.`);
  }
  return runtime;
}

export const automatedRetentionCheck = (n: number) =>
  n < 0 || n > 35 ? `The automated snapshot retention period must be between 0 and 35 days: ${n}.` : undefined;
export const manualRetentionCheck = (n: number) =>
  n === -1 || (n >= 1 && n <= 3653) ? undefined : `The manual snapshot retention period must be -1 (retain indefinitely) or between 1 and 3653 days: ${n}.`;

const describeClusters = operation('redshift', 'describe-clusters', 'List the cluster and its settings', async (context) => {
  const id = optional(context, 'cluster-identifier');
  const runtime = await clusterRuntime(context.warehouse);
  if (runtime.cluster.status === 'deleted' || (id !== undefined && id !== runtime.cluster.identifier)) {
    if (id !== undefined || runtime.cluster.status === 'deleted') throw new AwsError('ClusterNotFound', `Cluster ${id ?? runtime.cluster.identifier} not found.`);
  }
  return ok({ Clusters: [await clusterJson(context.warehouse, runtime.cluster)] });
});

const modifyCluster = operation('redshift', 'modify-cluster', 'Change snapshot retention or the maintenance window', async (context) => {
  const runtime = await existingCluster(context, required(context, 'cluster-identifier'));
  const automated = integerOption(context, 'automated-snapshot-retention-period', automatedRetentionCheck);
  const manual = integerOption(context, 'manual-snapshot-retention-period', manualRetentionCheck);
  const window = optional(context, 'preferred-maintenance-window');
  if (window !== undefined) {
    const problem = maintenanceWindowError(window);
    if (problem) throw new AwsError('InvalidParameterValue', problem);
  }
  const { cluster } = runtime;
  if (cluster.status !== 'available') throw new AwsError('InvalidClusterState', `You can't modify cluster ${cluster.identifier} because it is ${cluster.status}.`);
  if (automated !== undefined) {
    cluster.automatedSnapshotRetentionPeriod = automated;
    if (automated === 0) {
      const automatedIds = (await allSnapshots(context.warehouse.store)).filter((m) => m.type === 'automated').map((m) => m.identifier);
      await deleteSnapshots(context.warehouse.store, automatedIds);
    }
  }
  if (manual !== undefined) cluster.manualSnapshotRetentionPeriod = manual;
  if (window !== undefined) cluster.preferredMaintenanceWindow = window.toLowerCase();
  await runtime.saveCluster();
  return ok({ Cluster: await clusterJson(context.warehouse, cluster) });
});

const pauseCluster = operation('redshift', 'pause-cluster', 'Pause the cluster (billing for nodes stops)', async (context) => {
  const runtime = await existingCluster(context, required(context, 'cluster-identifier'));
  const { cluster } = runtime;
  if (cluster.status !== 'available') throw new AwsError('InvalidClusterState', `You can only pause a cluster that is in the available state. Cluster ${cluster.identifier} is ${cluster.status}.`);
  if (cluster.automatedSnapshotRetentionPeriod === 0) {
    throw new AwsError('InvalidClusterState', `You can't pause cluster ${cluster.identifier} because automated snapshots are disabled.`);
  }
  const now = await simulatedNow(context.warehouse.store);
  // Pausing takes a snapshot first, as Redshift does.
  await createSnapshot(context.warehouse, {
    identifier: `rs:${cluster.identifier}-${now.toISOString().slice(0, 19).replace(/[T:]/g, '-')}-pause`,
    type: 'automated',
    source: cluster.identifier,
    createTime: now,
    retentionDays: cluster.automatedSnapshotRetentionPeriod,
  });
  cluster.status = 'paused';
  await runtime.saveCluster();
  return ok({ Cluster: await clusterJson(context.warehouse, cluster, 'pausing') });
});

const resumeCluster = operation('redshift', 'resume-cluster', 'Resume a paused cluster', async (context) => {
  const runtime = await existingCluster(context, required(context, 'cluster-identifier'));
  const { cluster } = runtime;
  if (cluster.status !== 'paused') throw new AwsError('InvalidClusterState', `Cluster ${cluster.identifier} is not paused, so it can't be resumed (status: ${cluster.status}).`);
  cluster.status = 'available';
  await runtime.saveCluster();
  return ok({ Cluster: await clusterJson(context.warehouse, cluster, 'resuming') });
});

const deleteCluster = operation('redshift', 'delete-cluster', 'Delete the cluster (optionally with a final snapshot)', async (context) => {
  const runtime = await existingCluster(context, required(context, 'cluster-identifier'));
  const { cluster } = runtime;
  const skip = flag(context, 'skip-final-cluster-snapshot');
  const finalId = optional(context, 'final-cluster-snapshot-identifier');
  const retention = integerOption(context, 'final-cluster-snapshot-retention-period', manualRetentionCheck);
  if (skip && finalId !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'FinalClusterSnapshotIdentifier must not be specified when SkipFinalClusterSnapshot is true.');
  }
  if (!skip && finalId === undefined) {
    throw new AwsError('InvalidParameterCombination', 'FinalClusterSnapshotIdentifier is required unless SkipFinalClusterSnapshot is specified.');
  }
  const store = context.warehouse.store;
  if (finalId !== undefined) {
    const problem = snapshotIdentifierError(finalId);
    if (problem) throw new AwsError('InvalidParameterValue', problem);
    if (await findSnapshot(store, finalId)) throw new AwsError('ClusterSnapshotAlreadyExists', `Cannot create the snapshot because a snapshot with the identifier ${finalId} already exists.`);
    await createSnapshot(context.warehouse, {
      identifier: finalId,
      type: 'manual',
      source: cluster.identifier,
      createTime: await simulatedNow(store),
      retentionDays: retention ?? cluster.manualSnapshotRetentionPeriod,
    });
  }
  const automated = (await allSnapshots(store)).filter((m) => m.type === 'automated' && m.source === cluster.identifier).map((m) => m.identifier);
  await deleteSnapshots(store, automated);
  await context.warehouse.runAsSystem(async (backend) => {
    await backend.exec('BEGIN');
    await wipeDatabase(backend);
    await backend.exec('COMMIT');
    await forgetExternalSchemas(backend, context.warehouse);
  });
  await wipeStoreFiles(store);
  const shown = await clusterJson(context.warehouse, cluster, finalId ? 'final-snapshot' : 'deleting');
  cluster.status = 'deleted';
  cluster.snapshotCopy = undefined;
  await runtime.saveCluster();
  return ok({ Cluster: shown });
});

const restoreFromClusterSnapshot = operation('redshift', 'restore-from-cluster-snapshot', 'Create the cluster again from a snapshot', async (context) => {
  const identifier = required(context, 'cluster-identifier');
  const snapshotId = required(context, 'snapshot-identifier');
  const problem = snapshotIdentifierError(identifier, 'cluster identifier');
  if (problem || identifier.length > 63) throw new AwsError('InvalidParameterValue', problem ?? 'The cluster identifier must be 1 to 63 characters long.');
  const runtime = await clusterRuntime(context.warehouse);
  const store = context.warehouse.store;
  if (runtime.cluster.status !== 'deleted') {
    if (runtime.cluster.identifier === identifier) throw new AwsError('ClusterAlreadyExists', 'Cluster already exists');
    throw new AwsError(
      'ClusterQuotaExceeded',
      `This workspace holds one cluster and ${runtime.cluster.identifier} still exists: delete it first (aws redshift delete-cluster), or restore in another workspace.`,
    );
  }
  const manifest = await findSnapshot(store, snapshotId);
  if (!manifest || manifest.type === 'recovery-point') throw new AwsError('ClusterSnapshotNotFound', `Snapshot ${snapshotId} not found.`);
  await context.warehouse.runAsSystem((backend) => restoreDatabase(backend, context.warehouse, PRIMARY_ROOT, manifest));
  const now = await simulatedNow(store);
  const previous: ClusterState = runtime.cluster;
  runtime.cluster = {
    ...defaultCluster(identifier, now),
    automatedSnapshotRetentionPeriod: previous.automatedSnapshotRetentionPeriod || 1,
    manualSnapshotRetentionPeriod: previous.manualSnapshotRetentionPeriod,
    preferredMaintenanceWindow: previous.preferredMaintenanceWindow,
  };
  await runtime.saveCluster();
  await resetSchedule(context.warehouse, now);
  const json = await clusterJson(context.warehouse, runtime.cluster, 'creating');
  json.RestoreStatus = { Status: 'completed', SnapshotSizeInMegaBytes: 0, ProgressInMegaBytes: 0, ElapsedTimeInSeconds: 0, EstimatedTimeToCompletionInSeconds: 0 };
  return ok({ Cluster: json });
});

export const clusterOperations: ConsoleOperation[] = [describeClusters, modifyCluster, pauseCluster, resumeCluster, deleteCluster, restoreFromClusterSnapshot];
