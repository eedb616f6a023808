import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { advanceClock, parseDuration, simulatedNow } from './clock';
import { catchUp, type CatchUpReport } from './catch-up';
import { clusterJson } from './cluster-json';
import { addCost as addLedgerCost, readLedger, totalUsd, type CostKind, type CostLedger } from './cost-meter';
import { meterServerlessQueries } from './rpu-meter';
import { clusterRuntime } from './runtime';

/**
 * The app's TypeScript API for the cluster, the simulated clock and the bill. Console commands and
 * the CLI go through the console operations; these do the same work for panels.
 */
export { availabilityGuard } from './availability-guard';
export { clusterDescriptionExtensions } from './cluster-json';
export { clusterOperations } from './cluster-operations';
export { clockOperations } from './clock-operations';
export type { CostKind, CostLedger, CatchUpReport };

/** Loads the cluster state and catches up on time-based work; registered as a workspace-open hook. */
export async function onWorkspaceOpen(warehouse: EmbeddedWarehouse): Promise<void> {
  await clusterRuntime(warehouse);
  await catchUp(warehouse);
}

export async function describeCluster(warehouse: EmbeddedWarehouse): Promise<Record<string, unknown>> {
  return clusterJson(warehouse, (await clusterRuntime(warehouse)).cluster);
}

export function now(warehouse: EmbeddedWarehouse): Promise<Date> {
  return simulatedNow(warehouse.store);
}

/** Moves the clock forward (`8h`, `30m`, `2d` or milliseconds) and does what became due. */
export async function advance(warehouse: EmbeddedWarehouse, by: string | number): Promise<CatchUpReport> {
  const ms = typeof by === 'number' ? by : parseDuration(by);
  if (ms === undefined || ms <= 0) throw new Error(`invalid duration: ${by}`);
  await advanceClock(warehouse.store, ms);
  return catchUp(warehouse);
}

export function refresh(warehouse: EmbeddedWarehouse): Promise<CatchUpReport> {
  return catchUp(warehouse);
}

/** Adds a usage charge (Spectrum scans, ML training …) to the workspace's bill. */
export async function addCost(warehouse: EmbeddedWarehouse, kind: CostKind, usd: number, note: string, quantity = 1): Promise<void> {
  await addLedgerCost(warehouse.store, kind, usd, note, quantity, await simulatedNow(warehouse.store));
}

export async function costSummary(warehouse: EmbeddedWarehouse): Promise<{ totalUsd: number; ledger: CostLedger }> {
  await meterServerlessQueries(warehouse);
  const ledger = await readLedger(warehouse.store);
  return { totalUsd: totalUsd(ledger), ledger };
}
