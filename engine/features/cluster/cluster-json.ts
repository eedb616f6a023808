import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { REGION, type ClusterState } from './cluster-state';

/**
 * Extra fields other features add to a cluster's description (e.g. IAM adds `IamRoles`): each
 * returns fields merged into every `Clusters[]` entry.
 */
export const clusterDescriptionExtensions: Array<(warehouse: EmbeddedWarehouse) => Promise<Record<string, unknown>>> = [];

const AVAILABILITY: Record<string, string> = {
  available: 'Available',
  paused: 'Paused',
  pausing: 'Modifying',
  resuming: 'Modifying',
  'final-snapshot': 'Modifying',
  deleting: 'Modifying',
  creating: 'Unavailable',
};

/** A cluster as `describe-clusters` shows it, with AWS's field names. */
export async function clusterJson(warehouse: EmbeddedWarehouse, cluster: ClusterState, status: string = cluster.status): Promise<Record<string, unknown>> {
  const json: Record<string, unknown> = {
    ClusterIdentifier: cluster.identifier,
    NodeType: cluster.nodeType,
    ClusterStatus: status,
    ClusterAvailabilityStatus: AVAILABILITY[status] ?? 'Unavailable',
    MasterUsername: cluster.masterUsername,
    DBName: cluster.dbName,
    Endpoint: { Address: cluster.endpointAddress, Port: cluster.port },
    ClusterCreateTime: cluster.createTime,
    AutomatedSnapshotRetentionPeriod: cluster.automatedSnapshotRetentionPeriod,
    ManualSnapshotRetentionPeriod: cluster.manualSnapshotRetentionPeriod,
    ClusterSecurityGroups: [],
    VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0a1b2c3d4e5f60718', Status: 'active' }],
    ClusterParameterGroups: [{ ParameterGroupName: 'default.redshift-1.0', ParameterApplyStatus: 'in-sync' }],
    ClusterSubnetGroupName: 'default',
    VpcId: 'vpc-0f1e2d3c4b5a69788',
    AvailabilityZone: `${REGION}a`,
    PreferredMaintenanceWindow: cluster.preferredMaintenanceWindow,
    PendingModifiedValues: {},
    ClusterVersion: '1.0',
    AllowVersionUpgrade: true,
    NumberOfNodes: cluster.numberOfNodes,
    PubliclyAccessible: false,
    Encrypted: false,
    ClusterNodes: [{ NodeRole: 'SHARED', PrivateIPAddress: '172.31.7.21', PublicIPAddress: '' }],
    MaintenanceTrackName: 'current',
    IamRoles: [],
  };
  if (cluster.snapshotCopy) {
    json.ClusterSnapshotCopyStatus = {
      DestinationRegion: cluster.snapshotCopy.destinationRegion,
      RetentionPeriod: cluster.snapshotCopy.retentionPeriod,
      ManualSnapshotRetentionPeriod: cluster.snapshotCopy.manualRetentionPeriod,
    };
  }
  for (const extend of clusterDescriptionExtensions) Object.assign(json, await extend(warehouse));
  return json;
}
