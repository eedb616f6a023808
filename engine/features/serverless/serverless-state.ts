import type { WorkspaceStore } from '../../workspace/workspace-store';

/**
 * Redshift Serverless in the lab: a namespace (the database and its users) and a workgroup (the
 * compute). The lab has one database, so a namespace fronts the same database as the provisioned
 * cluster; SQL runs while the cluster is available OR a workgroup is available.
 */
export interface NamespaceState {
  namespaceName: string;
  namespaceId: string;
  adminUsername: string;
  dbName: string;
  status: 'AVAILABLE' | 'DELETING';
  creationDate: string;
  /** Simulated time of the last recovery point slot taken. */
  lastRecoveryPoint?: string;
}

export interface WorkgroupState {
  workgroupName: string;
  workgroupId: string;
  namespaceName: string;
  baseCapacity: number;
  status: 'AVAILABLE' | 'DELETING';
  creationDate: string;
}

export interface ServerlessState {
  namespaces: NamespaceState[];
  workgroups: WorkgroupState[];
}

const SERVERLESS_PATH = 'meta/serverless.json';

export async function readServerless(store: WorkspaceStore): Promise<ServerlessState> {
  return (await store.readJson<ServerlessState>(SERVERLESS_PATH)) ?? { namespaces: [], workgroups: [] };
}

export async function writeServerless(store: WorkspaceStore, state: ServerlessState): Promise<void> {
  await store.writeJson(SERVERLESS_PATH, state);
}
