import { ADMIN_USER, DATABASE_NAME } from '../../api/types';
import type { WorkspaceStore } from '../../workspace/workspace-store';

/**
 * The provisioned cluster a workspace is, persisted in `meta/cluster.json`. One dc2.large node
 * (the node type the course's free-trial cluster uses; it allows disabling automated snapshots,
 * which RA3 does not).
 */
export type ClusterStatus = 'available' | 'paused' | 'deleted';

export interface ClusterState {
  format: 1;
  identifier: string;
  status: ClusterStatus;
  nodeType: string;
  numberOfNodes: number;
  /** Simulated time, ISO. */
  createTime: string;
  masterUsername: string;
  dbName: string;
  endpointAddress: string;
  port: number;
  automatedSnapshotRetentionPeriod: number;
  manualSnapshotRetentionPeriod: number;
  preferredMaintenanceWindow: string;
  /** Cross-region snapshot copy, when enabled. */
  snapshotCopy?: { destinationRegion: string; retentionPeriod: number; manualRetentionPeriod: number };
}

export const REGION = 'ap-northeast-2';
export const DEFAULT_CLUSTER_ID = 'redshift-cluster-1';
export const NODE_TYPE = 'dc2.large';
/** On-demand list price of dc2.large in ap-northeast-2 (Seoul), USD per node-hour. */
export const NODE_HOUR_USD = 0.324;
/** dc2.large: 160 GB of SSD per node; snapshot storage up to the cluster's storage is free. */
export const NODE_STORAGE_GB = 160;
export const PORT = 5439;

const CLUSTER_PATH = 'meta/cluster.json';

export function defaultCluster(identifier: string, createTime: Date): ClusterState {
  return {
    format: 1,
    identifier,
    status: 'available',
    nodeType: NODE_TYPE,
    numberOfNodes: 1,
    createTime: createTime.toISOString(),
    masterUsername: ADMIN_USER,
    dbName: DATABASE_NAME,
    endpointAddress: `${identifier}.cx8kq2mvz4tp.${REGION}.redshift.amazonaws.com`,
    port: PORT,
    automatedSnapshotRetentionPeriod: 1,
    manualSnapshotRetentionPeriod: -1,
    preferredMaintenanceWindow: 'sun:15:00-sun:15:30',
  };
}

export async function readCluster(store: WorkspaceStore): Promise<ClusterState | undefined> {
  return store.readJson<ClusterState>(CLUSTER_PATH);
}

export async function writeCluster(store: WorkspaceStore, state: ClusterState): Promise<void> {
  await store.writeJson(CLUSTER_PATH, state);
}

/** `ddd:hh24:mi-ddd:hh24:mi`, 30 minutes to 24 hours long. */
export function maintenanceWindowError(window: string): string | undefined {
  const m = /^(mon|tue|wed|thu|fri|sat|sun):(\d\d):(\d\d)-(mon|tue|wed|thu|fri|sat|sun):(\d\d):(\d\d)$/i.exec(window);
  if (!m) return `Invalid maintenance window format: ${window}. Expected format: ddd:hh24:mi-ddd:hh24:mi.`;
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const minute = (d: string, h: string, mi: string) => days.indexOf(d.toLowerCase()) * 1440 + Number(h) * 60 + Number(mi);
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[5]) > 23 || Number(m[6]) > 59) {
    return `Invalid maintenance window format: ${window}. Expected format: ddd:hh24:mi-ddd:hh24:mi.`;
  }
  let length = minute(m[4]!, m[5]!, m[6]!) - minute(m[1]!, m[2]!, m[3]!);
  if (length < 0) length += 7 * 1440;
  if (length < 30) return 'The maintenance window must be at least 30 minutes.';
  if (length > 24 * 60) return 'The maintenance window must be less than 24 hours.';
  return undefined;
}
