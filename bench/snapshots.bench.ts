import { figure, type Figure } from './harness';
import { openTempWorkspace } from '../engine/node';
import { createSnapshot, storedBytes } from '../engine/features/snapshots/snapshot-service';

/**
 * Incremental snapshot storage: 10 snapshots with one small table changed between each must cost
 * ≤ 1.2× (one full snapshot + the changed table's dumps). Peer: that sum, measured in the same run.
 */
export default async function run(): Promise<Figure[]> {
  const warehouse = await openTempWorkspace();
  try {
    const session = await warehouse.session();
    await session.query('CREATE TABLE public.small_changes (id int, note varchar(64))');
    await session.query("INSERT INTO public.small_changes SELECT g, 'row ' || g FROM generate_series(1, 200) g");
    const snap = (i: number) => createSnapshot(warehouse, { identifier: `bench-${i}`, type: 'manual', source: 'redshift-cluster-1', createTime: new Date(), retentionDays: -1 });
    const t0 = performance.now();
    await snap(0);
    const fullMs = performance.now() - t0;
    const full = await storedBytes(warehouse.store);
    let changes = 0;
    const t = performance.now();
    for (let i = 1; i < 10; i++) {
      await session.query(`UPDATE public.small_changes SET note = 'change ${i}' WHERE id = ${i}`);
      const m = await snap(i);
      changes += m.tables.find((x) => x.table === 'small_changes')!.storedBytes;
    }
    const incrementalMs = (performance.now() - t) / 9;
    const total = await storedBytes(warehouse.store);
    await session.close();
    const peer = full + changes;
    return [
      figure('snapshot storage, 10 snapshots with one small table changed each time', 'bytes', total, 'one full snapshot + changed tables', peer, { text: 'ratio ≤ 1.2', met: total <= 1.2 * peer }),
      figure('incremental snapshot time (one small table changed)', 'ms', incrementalMs, 'first full snapshot', fullMs),
    ];
  } finally {
    await warehouse.close();
  }
}
