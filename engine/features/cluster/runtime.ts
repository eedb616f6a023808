import type { WorkspaceStore } from '../../workspace/workspace-store';
import { readServerless, writeServerless, type ServerlessState } from '../serverless/serverless-state';
import { simulatedNow } from './clock';
import { DEFAULT_CLUSTER_ID, defaultCluster, readCluster, writeCluster, type ClusterState } from './cluster-state';

/** Runtimes whose SQL is refused right now; the availability guard only matches while this is non-empty. */
export const unavailableRuntimes = new Set<ClusterRuntime>();

/** The cluster and serverless state of one open workspace, cached in memory (services.features). */
export class ClusterRuntime {
  constructor(
    readonly store: WorkspaceStore,
    public cluster: ClusterState,
    public serverless: ServerlessState,
  ) {
    this.refreshAvailability();
  }

  /** Why SQL is refused, or undefined while the database can be queried. */
  refusal(): string | undefined {
    if (this.serverless.workgroups.some((w) => w.status === 'AVAILABLE')) return undefined;
    const { identifier, status } = this.cluster;
    if (status === 'available') return undefined;
    if (status === 'paused') {
      return `cannot run query: cluster ${identifier} is paused; resume it with aws redshift resume-cluster --cluster-identifier ${identifier}`;
    }
    return `cannot run query: cluster ${identifier} has been deleted; restore it with aws redshift restore-from-cluster-snapshot`;
  }

  async saveCluster(): Promise<void> {
    await writeCluster(this.store, this.cluster);
    this.refreshAvailability();
  }

  async saveServerless(): Promise<void> {
    await writeServerless(this.store, this.serverless);
    this.refreshAvailability();
  }

  private refreshAvailability(): void {
    if (this.refusal()) unavailableRuntimes.add(this);
    else unavailableRuntimes.delete(this);
  }
}

const FEATURE = 'cluster';

/** The runtime of a workspace, loaded from its store on first use. */
export async function clusterRuntime(services: { store: WorkspaceStore; features: Map<string, unknown> }): Promise<ClusterRuntime> {
  const cached = services.features.get(FEATURE);
  if (cached instanceof ClusterRuntime) return cached;
  let cluster = await readCluster(services.store);
  if (!cluster) {
    cluster = defaultCluster(DEFAULT_CLUSTER_ID, await simulatedNow(services.store));
    await writeCluster(services.store, cluster);
  }
  const runtime = new ClusterRuntime(services.store, cluster, await readServerless(services.store));
  services.features.set(FEATURE, runtime);
  return runtime;
}
