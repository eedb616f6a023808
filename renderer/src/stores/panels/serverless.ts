import { defineStore } from 'pinia';
import { ref } from 'vue';
import { action, arg, readJson, usePanelState } from './panel-host';

export interface NamespaceView {
  namespaceName: string;
  namespaceId: string;
  status: string;
  dbName: string;
  adminUsername: string;
  creationDate: string;
}
export interface WorkgroupView {
  workgroupName: string;
  namespaceName: string;
  baseCapacity: number;
  status: string;
  endpoint: { address: string; port: number };
}
export interface RecoveryPointView {
  recoveryPointId: string;
  recoveryPointCreateTime: string;
  namespaceName: string;
  totalSizeInMegaBytes: number;
}
export interface ServerlessSnapshotView {
  snapshotName: string;
  namespaceName: string;
  snapshotCreateTime: string;
  totalBackupSizeInMegaBytes: number;
  snapshotRetentionPeriod: number;
}
export interface ServerlessRestoreView {
  tableRestoreRequestId: string;
  status: string;
  message?: string;
  newTableName: string;
  targetSchemaName: string;
}

/** Serverless panel: namespace, workgroup, recovery points, snapshots, table restore, deletion order. */
export const useServerlessPanel = defineStore('panel-serverless', () => {
  const state = usePanelState();
  const namespaces = ref<NamespaceView[]>([]);
  const workgroups = ref<WorkgroupView[]>([]);
  const recoveryPoints = ref<RecoveryPointView[]>([]);
  const snapshots = ref<ServerlessSnapshotView[]>([]);
  const lastRestore = ref<ServerlessRestoreView>();

  async function refresh(): Promise<void> {
    await state.load(async () => {
      namespaces.value = (await readJson<{ namespaces: NamespaceView[] }>('aws redshift-serverless list-namespaces')).namespaces ?? [];
      workgroups.value = (await readJson<{ workgroups: WorkgroupView[] }>('aws redshift-serverless list-workgroups')).workgroups ?? [];
      recoveryPoints.value = (await readJson<{ recoveryPoints: RecoveryPointView[] }>('aws redshift-serverless list-recovery-points')).recoveryPoints ?? [];
      snapshots.value = (await readJson<{ snapshots: ServerlessSnapshotView[] }>('aws redshift-serverless list-snapshots')).snapshots ?? [];
    });
  }

  async function run<T>(line: string): Promise<T | undefined> {
    const result = await state.guard(() => action<T>(line));
    await refresh();
    return result;
  }

  const ok = async (p: Promise<unknown>) => (await p) !== undefined;
  const createNamespace = (name: string) => ok(run(`aws redshift-serverless create-namespace --namespace-name ${arg(name)}`));
  const createWorkgroup = (name: string, namespace: string, baseCapacity = 8) =>
    ok(run(`aws redshift-serverless create-workgroup --workgroup-name ${arg(name)} --namespace-name ${arg(namespace)} --base-capacity ${baseCapacity}`));
  const deleteWorkgroup = (name: string) => ok(run(`aws redshift-serverless delete-workgroup --workgroup-name ${arg(name)}`));
  const deleteNamespace = (name: string) => ok(run(`aws redshift-serverless delete-namespace --namespace-name ${arg(name)}`));
  const convert = (recoveryPointId: string, snapshotName: string) =>
    ok(run(`aws redshift-serverless convert-recovery-point-to-snapshot --recovery-point-id ${arg(recoveryPointId)} --snapshot-name ${arg(snapshotName)}`));

  async function restoreTable(r: { recoveryPointId: string; namespace: string; workgroup: string; sourceSchema: string; sourceTable: string; targetSchema: string; newTable: string }): Promise<boolean> {
    const line = [
      'aws redshift-serverless restore-table-from-recovery-point',
      `--namespace-name ${arg(r.namespace)}`,
      `--workgroup-name ${arg(r.workgroup)}`,
      `--recovery-point-id ${arg(r.recoveryPointId)}`,
      '--source-database-name dev',
      `--source-schema-name ${arg(r.sourceSchema)}`,
      `--source-table-name ${arg(r.sourceTable)}`,
      `--target-schema-name ${arg(r.targetSchema)}`,
      `--new-table-name ${arg(r.newTable)}`,
    ].join(' ');
    const result = await run<{ tableRestoreStatus: ServerlessRestoreView }>(line);
    lastRestore.value = result?.tableRestoreStatus;
    return result !== undefined;
  }

  return { ...state, namespaces, workgroups, recoveryPoints, snapshots, lastRestore, refresh, createNamespace, createWorkgroup, deleteWorkgroup, deleteNamespace, convert, restoreTable };
});
