import { defineStore } from 'pinia';
import { ref } from 'vue';
import { action, arg, readJson, usePanelState } from './panel-host';
import { CLUSTER_ID } from './iam';

export interface ClusterView {
  ClusterIdentifier: string;
  NodeType: string;
  NumberOfNodes: number;
  ClusterStatus: string;
  ClusterAvailabilityStatus: string;
  Endpoint: { Address: string; Port: number };
  DBName: string;
  MasterUsername: string;
  PreferredMaintenanceWindow: string;
  AutomatedSnapshotRetentionPeriod: number;
  ManualSnapshotRetentionPeriod: number;
  ClusterCreateTime: string;
  ClusterSnapshotCopyStatus?: { DestinationRegion: string; RetentionPeriod: number; ManualSnapshotRetentionPeriod: number };
}

export interface CostView {
  total: number;
  groups: { kind: string; usd: number; quantity: number; unit: string }[];
}

interface CostJson {
  ResultsByTime: { Total: { UnblendedCost: { Amount: string } }; Groups: { Keys: string[]; Metrics: { UnblendedCost: { Amount: string }; UsageQuantity: { Amount: string; Unit: string } } }[] }[];
}

/** Parses `aws ce get-cost-and-usage` into the cost meter's lines. */
export function parseCost(json: CostJson): CostView {
  const period = json.ResultsByTime[0];
  return {
    total: Number(period?.Total.UnblendedCost.Amount ?? 0),
    groups: (period?.Groups ?? []).map((g) => ({ kind: g.Keys[0] ?? '', usd: Number(g.Metrics.UnblendedCost.Amount), quantity: Number(g.Metrics.UsageQuantity.Amount), unit: g.Metrics.UsageQuantity.Unit })),
  };
}

/** Cluster panel: status, nodes, endpoint, lifecycle actions, the workspace clock and the cost meter. */
export const useClusterPanel = defineStore('panel-cluster', () => {
  const state = usePanelState();
  const cluster = ref<ClusterView>();
  /** Set when describe-clusters says the cluster is gone (ClusterNotFound). */
  const missing = ref<string>();
  const now = ref<string>();
  const offsetHours = ref(0);
  const cost = ref<CostView>({ total: 0, groups: [] });

  async function refresh(): Promise<void> {
    await state.load(async () => {
      try {
        cluster.value = (await readJson<{ Clusters: ClusterView[] }>('aws redshift describe-clusters')).Clusters[0];
        missing.value = undefined;
      } catch (e) {
        cluster.value = undefined;
        missing.value = e instanceof Error ? e.message : String(e);
      }
      const clock = await readJson<{ Now: string; OffsetHours: number }>('clock show');
      now.value = clock.Now;
      offsetHours.value = clock.OffsetHours;
      cost.value = parseCost(await readJson<CostJson>('aws ce get-cost-and-usage'));
    });
  }

  async function run(line: string): Promise<boolean> {
    const ok = await state.guard(() => action(line));
    await refresh();
    return ok !== undefined;
  }

  const id = () => cluster.value?.ClusterIdentifier ?? CLUSTER_ID;
  const pause = () => run(`aws redshift pause-cluster --cluster-identifier ${id()}`);
  const resume = () => run(`aws redshift resume-cluster --cluster-identifier ${id()}`);
  /** With a final snapshot identifier, or `undefined` to skip the final snapshot. */
  const remove = (finalSnapshot: string | undefined) =>
    run(`aws redshift delete-cluster --cluster-identifier ${id()} ${finalSnapshot ? `--final-cluster-snapshot-identifier ${arg(finalSnapshot)}` : '--skip-final-cluster-snapshot'}`);
  const setMaintenanceWindow = (window: string) => run(`aws redshift modify-cluster --cluster-identifier ${id()} --preferred-maintenance-window ${arg(window)}`);
  const advance = (duration: string) => run(`clock advance ${arg(duration)}`);
  const restoreFromSnapshot = (clusterId: string, snapshot: string) =>
    run(`aws redshift restore-from-cluster-snapshot --cluster-identifier ${arg(clusterId)} --snapshot-identifier ${arg(snapshot)}`);

  return { ...state, cluster, missing, now, offsetHours, cost, refresh, pause, resume, remove, setMaintenanceWindow, advance, restoreFromSnapshot };
});
