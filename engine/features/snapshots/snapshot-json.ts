import type { ClusterState } from '../cluster/cluster-state';
import { REGION } from '../cluster/cluster-state';
import { remainingDays, type SnapshotManifest } from './manifest';
import { toMegabytes, totalBytes } from './snapshot-service';

/** A snapshot as `describe-cluster-snapshots` shows it, with AWS's field names. */
export function snapshotJson(manifest: SnapshotManifest, cluster: ClusterState, now: Date): Record<string, unknown> {
  const total = toMegabytes(totalBytes(manifest));
  const json: Record<string, unknown> = {
    SnapshotIdentifier: manifest.identifier,
    ClusterIdentifier: manifest.source,
    SnapshotCreateTime: manifest.createTime,
    Status: manifest.status,
    Port: cluster.port,
    AvailabilityZone: `${REGION}a`,
    ClusterCreateTime: cluster.createTime,
    MasterUsername: cluster.masterUsername,
    ClusterVersion: '1.0',
    SnapshotType: manifest.type === 'automated' ? 'automated' : 'manual',
    NodeType: cluster.nodeType,
    NumberOfNodes: cluster.numberOfNodes,
    DBName: cluster.dbName,
    VpcId: 'vpc-0f1e2d3c4b5a69788',
    Encrypted: false,
    EncryptedWithHSM: false,
    OwnerAccount: '123456789012',
    TotalBackupSizeInMegaBytes: total,
    ActualIncrementalBackupSizeInMegaBytes: toMegabytes(manifest.incrementalBytes),
    BackupProgressInMegaBytes: total,
    CurrentBackupRateInMegaBytesPerSecond: 0,
    EstimatedSecondsToCompletion: 0,
    ElapsedTimeInSeconds: 0,
    Tags: [],
    SnapshotRetentionStartTime: manifest.createTime,
  };
  if (manifest.sourceRegion) json.SourceRegion = manifest.sourceRegion;
  if (manifest.type !== 'automated') {
    json.ManualSnapshotRetentionPeriod = manifest.retentionDays;
    const left = remainingDays(manifest, now);
    json.ManualSnapshotRemainingDays = left ?? -1;
  }
  return json;
}
