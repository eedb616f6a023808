import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { simulatedNow } from './clock';
import { addCost } from './cost-meter';
import { clusterRuntime } from './runtime';

/**
 * Redshift Serverless compute: RPU-hours billed per second while the workgroup runs queries, with a
 * 60-second minimum each time it becomes active ($0.375 per RPU-hour in ap-northeast-2; the
 * workgroup's base capacity, 128 RPU by default). Statements from the query history are metered when
 * the clock catches up (and before the bill is read): those that ran while a workgroup was available
 * are merged into activity periods (a statement starting within a billed period extends it) and each
 * period is billed for at least 60 seconds, so a burst of short statements costs one minute, not one
 * minute each. Elapsed times are real (wall-clock) seconds.
 */
export const RPU_HOUR_USD = 0.375;
export const MINIMUM_BILLED_SECONDS = 60;

interface MeterState {
  /** The last query id already looked at. */
  lastQuery: number;
  /** The activity period billed last (epoch seconds), which later statements may extend. */
  period?: ActivityPeriod;
}

const METER_PATH = 'meta/rpu-meter.json';

export interface ActivityPeriod {
  start: number;
  /** When its last statement ended. */
  end: number;
}

/** A period is billed (and joined by a statement starting) until its last statement ends, and at least 60 s. */
const billedEnd = (p: ActivityPeriod) => Math.max(p.end, p.start + MINIMUM_BILLED_SECONDS);

/** Adds statements (epoch seconds) to the activity periods after `last`; returns the seconds they add and the latest period. */
export function meterStatements(statements: Array<{ start: number; end: number }>, last?: ActivityPeriod): { seconds: number; period?: ActivityPeriod } {
  let period = last ? { ...last } : undefined;
  let seconds = 0;
  for (const s of [...statements].sort((a, b) => a.start - b.start)) {
    if (period && s.start <= billedEnd(period)) {
      const before = billedEnd(period);
      period.end = Math.max(period.end, s.end);
      seconds += billedEnd(period) - before;
    } else {
      period = { start: s.start, end: s.end };
      seconds += billedEnd(period) - period.start;
    }
  }
  return period ? { seconds, period } : { seconds };
}

/** Bills the statements run since the last metering if a workgroup is serving (call outside a user transaction). */
export async function meterServerlessQueries(warehouse: EmbeddedWarehouse): Promise<void> {
  if (warehouse.backend.inTransaction()) return;
  const store = warehouse.store;
  const state = await store.readJson<MeterState>(METER_PATH);
  const workgroup = (await clusterRuntime(warehouse)).serverless.workgroups.find((w) => w.status === 'AVAILABLE');
  // Without a serving workgroup nothing is billed: only the position moves on, so that these
  // statements are not billed once a workgroup exists.
  const rows = await warehouse.runAsSystem(async (backend) => {
    await warehouse.history.flush(backend);
    const r = workgroup
      ? await backend.query(
          `SELECT query, extract(epoch FROM starttime)::float8, extract(epoch FROM endtime)::float8
           FROM wl_sys.query_history WHERE query > $1 ORDER BY query`,
          [state?.lastQuery ?? 0],
        )
      : await backend.query('SELECT max(query), 0::float8, 0::float8 FROM wl_sys.query_history WHERE query > $1 HAVING count(*) > 0', [state?.lastQuery ?? 0]);
    return r.rows.map((row) => ({ query: Number(row[0]), start: Number(row[1]), end: Number(row[2]) }));
  });
  if (!rows.length) {
    if (!state) await store.writeJson(METER_PATH, { lastQuery: 0 } satisfies MeterState);
    return;
  }
  const next: MeterState = { lastQuery: rows[rows.length - 1]!.query };
  // A workspace metered for the first time starts from now: earlier statements predate the meter.
  if (state && workgroup) {
    const { seconds, period } = meterStatements(rows, state.period);
    if (period) next.period = period;
    const rpuHours = (seconds * workgroup.baseCapacity) / 3600;
    if (seconds > 0) {
      const note = `${rows.length} statement(s) on workgroup ${workgroup.workgroupName}: ${seconds.toFixed(1)} s × ${workgroup.baseCapacity} RPU`;
      await addCost(store, 'serverless-compute', rpuHours * RPU_HOUR_USD, note, rpuHours, await simulatedNow(store));
    }
  }
  await store.writeJson(METER_PATH, next);
}
