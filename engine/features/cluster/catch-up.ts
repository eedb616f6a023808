import type { SqlBackend } from '../../backend/backend';
import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { PRIMARY_ROOT } from '../snapshots/blob-store';
import { captureContent, takeSnapshot, type SnapshotContent } from '../snapshots/take-snapshot';
import { copyToRegion, expireSnapshots, regionRoot, storedBytes } from '../snapshots/snapshot-service';
import { HOUR_MS, simulatedNow } from './clock';
import { accrue, freeSnapshotBytes } from './cost-meter';
import { meterServerlessQueries } from './rpu-meter';
import { clusterRuntime } from './runtime';
import { REGION } from './cluster-state';

/**
 * Time-based work, caught up lazily: when a workspace opens and whenever a console or clock command
 * runs, we work out what should have happened between the last check and "now" on the simulated
 * clock (automated snapshots, recovery points, expiry, the running bill) and do it.
 *
 * Automated snapshots: every 8 hours, or sooner once 5 MB per node of table data changed
 * (Redshift's "5 GB per node", scaled down 1000× to the lab's data sizes).
 */
export const AUTOMATED_INTERVAL_MS = 8 * HOUR_MS;
export const RECOVERY_POINT_INTERVAL_MS = 30 * 60_000;
export const RECOVERY_POINT_RETENTION_MS = 24 * HOUR_MS;
export const CHANGE_THRESHOLD_BYTES_PER_NODE = 5 * 1_048_576;

interface Schedule {
  lastCheck: string;
  lastAutomated: string;
  /** Rows inserted/updated/deleted (cumulative) when the last automated snapshot was taken. */
  changeBaseline: number;
}

const SCHEDULE_PATH = 'meta/schedule.json';

export interface CatchUpReport {
  now: string;
  automatedSnapshots: string[];
  recoveryPoints: string[];
  expired: string[];
}

export async function catchUp(warehouse: EmbeddedWarehouse): Promise<CatchUpReport> {
  const store = warehouse.store;
  const runtime = await clusterRuntime(warehouse);
  const { cluster } = runtime;
  const now = await simulatedNow(store);
  const schedule = (await store.readJson<Schedule>(SCHEDULE_PATH)) ?? { lastCheck: cluster.createTime, lastAutomated: cluster.createTime, changeBaseline: -1 };
  const report: CatchUpReport = { now: now.toISOString(), automatedSnapshots: [], recoveryPoints: [], expired: [] };
  // A session's open transaction holds the connection: a snapshot now would see uncommitted work.
  // The next catch-up (command, open) does what is due.
  if (warehouse.backend.inTransaction()) return report;
  const stats = await warehouse.runAsSystem((backend) => changeStats(backend));
  if (schedule.changeBaseline < 0) schedule.changeBaseline = stats.changedRows;

  let content: SnapshotContent | undefined;
  const capture = async () => (content ??= await warehouse.runAsSystem((backend) => captureContent(backend, store)));

  const automatedSlots: Date[] = [];
  for (let t = Date.parse(schedule.lastAutomated) + AUTOMATED_INTERVAL_MS; t <= now.getTime(); t += AUTOMATED_INTERVAL_MS) automatedSlots.push(new Date(t));
  if (automatedSlots.length) schedule.lastAutomated = automatedSlots[automatedSlots.length - 1]!.toISOString();
  const retentionMs = cluster.automatedSnapshotRetentionPeriod * 24 * HOUR_MS;
  const takesAutomated = cluster.status === 'available' && cluster.automatedSnapshotRetentionPeriod > 0;
  if (takesAutomated) {
    const live = automatedSlots.filter((slot) => slot.getTime() + retentionMs > now.getTime());
    const changedBytes = (stats.changedRows - schedule.changeBaseline) * stats.bytesPerRow;
    if (!live.length && changedBytes >= CHANGE_THRESHOLD_BYTES_PER_NODE * cluster.numberOfNodes) {
      live.push(now);
      schedule.lastAutomated = now.toISOString();
    }
    for (const slot of live) {
      const identifier = `rs:${cluster.identifier}-${stamp(slot)}`;
      const first = content === undefined;
      const captured = await capture();
      const manifest = await warehouse.runAsSystem((backend) =>
        takeSnapshot(backend, store, { identifier, type: 'automated', source: cluster.identifier, createTime: slot, retentionDays: cluster.automatedSnapshotRetentionPeriod }, captured, first),
      );
      report.automatedSnapshots.push(identifier);
      if (cluster.snapshotCopy) await copyToRegion(store, manifest, cluster.snapshotCopy.destinationRegion, REGION, cluster.snapshotCopy.retentionPeriod);
    }
    if (live.length) schedule.changeBaseline = stats.changedRows;
  }

  for (const namespace of runtime.serverless.namespaces) {
    const since = Math.max(Date.parse(namespace.lastRecoveryPoint ?? namespace.creationDate), now.getTime() - RECOVERY_POINT_RETENTION_MS);
    const start = Date.parse(namespace.lastRecoveryPoint ?? namespace.creationDate);
    let t = start + Math.ceil((since - start) / RECOVERY_POINT_INTERVAL_MS) * RECOVERY_POINT_INTERVAL_MS;
    if (t === start) t += RECOVERY_POINT_INTERVAL_MS;
    let last: number | undefined;
    for (; t <= now.getTime(); t += RECOVERY_POINT_INTERVAL_MS) {
      const captured = await capture();
      const identifier = crypto.randomUUID();
      await warehouse.runAsSystem((backend) =>
        takeSnapshot(backend, store, { identifier, type: 'recovery-point', source: namespace.namespaceName, createTime: new Date(t), retentionDays: 1 }, captured, !report.automatedSnapshots.length && !report.recoveryPoints.length),
      );
      report.recoveryPoints.push(identifier);
      last = t;
    }
    if (last !== undefined) namespace.lastRecoveryPoint = new Date(last).toISOString();
  }
  if (report.recoveryPoints.length) await runtime.saveServerless();

  report.expired = await expireSnapshots(store, now);
  if (cluster.snapshotCopy) await expireSnapshots(store, now, regionRoot(cluster.snapshotCopy.destinationRegion));

  const hours = (now.getTime() - Date.parse(schedule.lastCheck)) / HOUR_MS;
  await accrue(store, {
    hours,
    billedNodes: cluster.status === 'available' ? cluster.numberOfNodes : 0,
    snapshotBytes: await storedBytes(store, PRIMARY_ROOT),
    freeSnapshotBytes: cluster.status === 'deleted' ? 0 : freeSnapshotBytes(cluster.numberOfNodes),
    managedBytes: runtime.serverless.namespaces.length ? stats.databaseBytes : 0,
  });
  schedule.lastCheck = now.toISOString();
  await store.writeJson(SCHEDULE_PATH, schedule);
  await meterServerlessQueries(warehouse);
  return report;
}

/** Marks the current amount of change as backed up (after a manual or final snapshot). */
export async function resetChangeBaseline(warehouse: EmbeddedWarehouse): Promise<void> {
  const schedule = await warehouse.store.readJson<Schedule>(SCHEDULE_PATH);
  if (!schedule) return;
  schedule.changeBaseline = (await warehouse.runAsSystem((backend) => changeStats(backend))).changedRows;
  await warehouse.store.writeJson(SCHEDULE_PATH, schedule);
}

async function changeStats(backend: SqlBackend): Promise<{ changedRows: number; bytesPerRow: number; databaseBytes: number }> {
  await backend.query('SELECT pg_stat_force_next_flush()');
  // pg_stat_user_tables' own definition, reduced to the three figures used: the view computes some
  // twenty per table (a workspace's first catch-up took 15–80 ms with it, 6–7 ms like this).
  const r = await backend.query(`
    SELECT coalesce(sum(pg_stat_get_tuples_inserted(c.oid) + pg_stat_get_tuples_updated(c.oid) + pg_stat_get_tuples_deleted(c.oid)), 0)::float8,
           coalesce(sum(pg_table_size(c.oid)), 0)::float8, coalesce(sum(pg_stat_get_live_tuples(c.oid)), 0)::float8
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 't', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
      AND n.nspname NOT LIKE 'wl\\_%'`);
  const [changed, bytes, live] = r.rows[0] as [number, number, number];
  return { changedRows: changed, bytesPerRow: live > 0 ? bytes / live : 100, databaseBytes: bytes };
}

/** `2026-11-25-21-35-04`, the timestamp part of an automated snapshot identifier. */
function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[T:]/g, '-');
}

/** A restored cluster starts its snapshot schedule afresh. */
export async function resetSchedule(warehouse: EmbeddedWarehouse, now: Date): Promise<void> {
  const stats = await warehouse.runAsSystem((backend) => changeStats(backend));
  const schedule: Schedule = { lastCheck: now.toISOString(), lastAutomated: now.toISOString(), changeBaseline: stats.changedRows };
  await warehouse.store.writeJson(SCHEDULE_PATH, schedule);
}
