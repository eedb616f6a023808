import { figure, medianMs, type Figure } from './harness';
import { openTempWorkspace } from '../engine/node';
import { PRIMARY_ROOT } from '../engine/features/snapshots/blob-store';
import { createSnapshot } from '../engine/features/snapshots/snapshot-service';
import { newRestoreRecord, runTableRestore } from '../engine/features/snapshots/table-restore';

/** Restoring the 101,520-row user_session_channel from a snapshot, beside a plain CREATE TABLE AS copy. */
export default async function run(): Promise<Figure[]> {
  const warehouse = await openTempWorkspace();
  try {
    const manifest = await createSnapshot(warehouse, { identifier: 'bench', type: 'manual', source: 'redshift-cluster-1', createTime: new Date(), retentionDays: -1 });
    const entry = manifest.tables.find((t) => t.schema === 'raw_data' && t.table === 'user_session_channel')!;
    let n = 0;
    const ours = await medianMs(3, async () => {
      const args = { sourceDatabase: 'dev', sourceSchema: 'raw_data', sourceTable: 'user_session_channel', targetDatabase: 'dev', targetSchema: 'raw_data', newTable: `usc_restored_${n++}` };
      const record = newRestoreRecord(manifest, PRIMARY_ROOT, args, entry.blob, entry.bytes, new Date());
      const done = await warehouse.runAsSystem((backend) => runTableRestore(backend, warehouse.store, record));
      if (done.Status !== 'SUCCEEDED') throw new Error(done.Message);
    });
    const restored = await warehouse.runAsSystem((backend) => backend.query('SELECT count(*)::int FROM raw_data.usc_restored_0'));
    if (restored.rows[0]![0] !== 101520) throw new Error(`restored ${String(restored.rows[0]![0])} rows, expected 101520`);
    let m = 0;
    const peer = await medianMs(3, () => warehouse.runAsSystem((backend) => backend.query(`CREATE TABLE raw_data.usc_ctas_${m++} AS SELECT * FROM raw_data.user_session_channel`)));
    return [figure('restore a 101,520-row table from a snapshot', 'ms', ours, 'CREATE TABLE AS SELECT copy', peer, { text: '≤ 1000 ms', met: ours <= 1000 })];
  } finally {
    await warehouse.close();
  }
}
