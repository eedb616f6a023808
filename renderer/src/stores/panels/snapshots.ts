import { defineStore } from 'pinia';
import { ref } from 'vue';
import { action, arg, readJson, usePanelState } from './panel-host';
import { CLUSTER_ID } from './iam';
import type { ClusterView } from './cluster';

export interface SnapshotView {
  SnapshotIdentifier: string;
  ClusterIdentifier: string;
  SnapshotCreateTime: string;
  Status: string;
  SnapshotType: 'manual' | 'automated';
  TotalBackupSizeInMegaBytes: number;
  ActualIncrementalBackupSizeInMegaBytes: number;
  ManualSnapshotRetentionPeriod?: number;
  ManualSnapshotRemainingDays?: number;
  SourceRegion?: string;
}

export interface TableRestoreView {
  TableRestoreRequestId: string;
  Status: string;
  Message?: string;
  RequestTime: string;
  SnapshotIdentifier: string;
  SourceDatabaseName: string;
  SourceSchemaName: string;
  SourceTableName: string;
  TargetSchemaName: string;
  NewTableName: string;
  ProgressInMegaBytes: number;
  TotalDataInMegaBytes: number;
}

export interface RestoreTableRequest {
  snapshot: string;
  sourceDatabase: string;
  sourceSchema: string;
  sourceTable: string;
  targetSchema: string;
  newTable: string;
}

export const REGIONS = ['us-east-1', 'us-west-2', 'ap-northeast-1', 'ap-northeast-3', 'ap-southeast-1', 'eu-central-1'];

/** The command the restore wizard issues (also what a student would type). */
export function restoreTableCommand(r: RestoreTableRequest, clusterId = CLUSTER_ID): string {
  return [
    'aws redshift restore-table-from-cluster-snapshot',
    `--cluster-identifier ${arg(clusterId)}`,
    `--snapshot-identifier ${arg(r.snapshot)}`,
    `--source-database-name ${arg(r.sourceDatabase)}`,
    `--source-schema-name ${arg(r.sourceSchema)}`,
    `--source-table-name ${arg(r.sourceTable)}`,
    `--target-schema-name ${arg(r.targetSchema)}`,
    `--new-table-name ${arg(r.newTable)}`,
  ].join(' ');
}

/** Snapshots panel: automated and manual snapshots (with cross-region copies), retention, table restores. */
export const useSnapshotsPanel = defineStore('panel-snapshots', () => {
  const state = usePanelState();
  const snapshots = ref<SnapshotView[]>([]);
  const copies = ref<SnapshotView[]>([]);
  const restores = ref<TableRestoreView[]>([]);
  const cluster = ref<ClusterView>();

  async function refresh(): Promise<void> {
    await state.load(async () => {
      try {
        cluster.value = (await readJson<{ Clusters: ClusterView[] }>('aws redshift describe-clusters')).Clusters[0];
      } catch {
        cluster.value = undefined;
      }
      const list = (await readJson<{ Snapshots: SnapshotView[] }>('aws redshift describe-cluster-snapshots')).Snapshots ?? [];
      snapshots.value = [...list].sort((a, b) => b.SnapshotCreateTime.localeCompare(a.SnapshotCreateTime));
      const region = cluster.value?.ClusterSnapshotCopyStatus?.DestinationRegion;
      copies.value = region ? (await readJson<{ Snapshots: SnapshotView[] }>(`aws redshift describe-cluster-snapshots --region ${region}`)).Snapshots ?? [] : [];
      restores.value = ((await readJson<{ TableRestoreStatusDetails: TableRestoreView[] }>('aws redshift describe-table-restore-status')).TableRestoreStatusDetails ?? [])
        .slice()
        .sort((a, b) => b.RequestTime.localeCompare(a.RequestTime));
    });
  }

  async function run(line: string): Promise<boolean> {
    const ok = await state.guard(() => action(line));
    await refresh();
    return ok !== undefined;
  }

  const id = () => cluster.value?.ClusterIdentifier ?? CLUSTER_ID;
  const create = (identifier: string, retentionDays?: number) =>
    run(`aws redshift create-cluster-snapshot --cluster-identifier ${id()} --snapshot-identifier ${arg(identifier)}${retentionDays !== undefined ? ` --manual-snapshot-retention-period ${retentionDays}` : ''}`);
  const remove = (identifier: string) => run(`aws redshift delete-cluster-snapshot --snapshot-identifier ${arg(identifier)}`);
  const setRetention = (automatedDays: number, manualDays: number) =>
    run(`aws redshift modify-cluster --cluster-identifier ${id()} --automated-snapshot-retention-period ${automatedDays} --manual-snapshot-retention-period ${manualDays}`);
  const enableCopy = (region: string, retentionDays: number) =>
    run(`aws redshift enable-snapshot-copy --cluster-identifier ${id()} --destination-region ${arg(region)} --retention-period ${retentionDays}`);
  const disableCopy = () => run(`aws redshift disable-snapshot-copy --cluster-identifier ${id()}`);

  /** Starts a table restore; the panel then shows its status from describe-table-restore-status. */
  async function restoreTable(request: RestoreTableRequest): Promise<TableRestoreView | undefined> {
    const result = await state.guard(() => action<{ TableRestoreStatus: TableRestoreView }>(restoreTableCommand(request, id())));
    await refresh();
    return result?.TableRestoreStatus;
  }

  return { ...state, snapshots, copies, restores, cluster, refresh, create, remove, setRetention, enableCopy, disableCopy, restoreTable };
});
