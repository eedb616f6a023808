import type { WorkspaceStore } from '../../workspace/workspace-store';
import { NODE_HOUR_USD, NODE_STORAGE_GB } from './cluster-state';
import { Mutex } from '../../util/mutex';

/**
 * A running bill on AWS list prices (ap-northeast-2), kept in `meta/cost.json`. Time-based charges
 * (node-hours, storage) accrue on the simulated clock during catch-up; usage charges (Spectrum
 * scans, ML training) are added by their features through `addCost`.
 */
export type CostKind = 'compute' | 'managed-storage' | 'snapshot-storage' | 'spectrum' | 'ml' | 'serverless-compute';

export interface CostLine {
  kind: CostKind;
  usd: number;
  quantity: number;
  unit: string;
}

export interface CostEvent {
  at: string;
  kind: CostKind;
  usd: number;
  note: string;
}

export interface CostLedger {
  lines: CostLine[];
  /** The most recent charges, newest last (capped). */
  events: CostEvent[];
}

/** Snapshot storage beyond the cluster's own storage, USD per GB-month. */
export const SNAPSHOT_GB_MONTH_USD = 0.024;
/** Redshift Managed Storage (Serverless), USD per GB-month. */
export const RMS_GB_MONTH_USD = 0.0261;
/** Spectrum: USD per TB scanned (10 MB minimum per query). */
export const SPECTRUM_TB_USD = 5;

const COST_PATH = 'meta/cost.json';
const MAX_EVENTS = 200;
const HOURS_PER_MONTH = 730;
const GB = 1024 ** 3;

const UNITS: Record<CostKind, string> = {
  compute: 'node-hours',
  'managed-storage': 'GB-months',
  'snapshot-storage': 'GB-months',
  spectrum: 'TB scanned',
  ml: 'training jobs',
  'serverless-compute': 'RPU-hours',
};

export async function readLedger(store: WorkspaceStore): Promise<CostLedger> {
  return (await store.readJson<CostLedger>(COST_PATH)) ?? { lines: [], events: [] };
}

function charge(ledger: CostLedger, kind: CostKind, usd: number, quantity: number): void {
  let line = ledger.lines.find((l) => l.kind === kind);
  if (!line) {
    line = { kind, usd: 0, quantity: 0, unit: UNITS[kind] };
    ledger.lines.push(line);
  }
  line.usd += usd;
  line.quantity += quantity;
}

const ledgerLocks = new WeakMap<WorkspaceStore, Mutex>();

/**
 * Read, change, write, one at a time per workspace: a training job finishing in the background
 * charges while statements accrue node-hours, and two interleaved read-modify-writes lost a charge.
 */
function updateLedger(store: WorkspaceStore, change: (ledger: CostLedger) => void): Promise<void> {
  let lock = ledgerLocks.get(store);
  if (!lock) ledgerLocks.set(store, (lock = new Mutex()));
  return lock.run(async () => {
    const ledger = await readLedger(store);
    change(ledger);
    await store.writeJson(COST_PATH, ledger);
  });
}

/** Adds a usage charge (Spectrum scan, ML training …). */
export function addCost(store: WorkspaceStore, kind: CostKind, usd: number, note: string, quantity = 1, at = new Date()): Promise<void> {
  return updateLedger(store, (ledger) => {
    charge(ledger, kind, usd, quantity);
    ledger.events.push({ at: at.toISOString(), kind, usd, note });
    if (ledger.events.length > MAX_EVENTS) ledger.events.splice(0, ledger.events.length - MAX_EVENTS);
  });
}

export interface AccrualInput {
  hours: number;
  /** Node-hours are billed only while the cluster is available (not paused, not deleted). */
  billedNodes: number;
  snapshotBytes: number;
  /** Storage included with the provisioned nodes (free snapshot storage up to it). */
  freeSnapshotBytes: number;
  /** Serverless: the namespace's data is billed as managed storage. */
  managedBytes: number;
}

export async function accrue(store: WorkspaceStore, input: AccrualInput): Promise<void> {
  if (input.hours <= 0) return;
  await updateLedger(store, (ledger) => {
    if (input.billedNodes > 0) charge(ledger, 'compute', input.hours * input.billedNodes * NODE_HOUR_USD, input.hours * input.billedNodes);
    const months = input.hours / HOURS_PER_MONTH;
    const billedSnapshotGb = Math.max(0, input.snapshotBytes - input.freeSnapshotBytes) / GB;
    charge(ledger, 'snapshot-storage', billedSnapshotGb * months * SNAPSHOT_GB_MONTH_USD, billedSnapshotGb * months);
    if (input.managedBytes > 0) charge(ledger, 'managed-storage', (input.managedBytes / GB) * months * RMS_GB_MONTH_USD, (input.managedBytes / GB) * months);
  });
}

export function freeSnapshotBytes(nodes: number): number {
  return nodes * NODE_STORAGE_GB * GB;
}

export function totalUsd(ledger: CostLedger): number {
  return ledger.lines.reduce((sum, l) => sum + l.usd, 0);
}
