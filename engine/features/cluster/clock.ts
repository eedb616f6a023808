import type { WorkspaceStore } from '../../workspace/workspace-store';

/**
 * The workspace's simulated clock: real time plus an offset students move forward
 * (`clock advance 8h`) to see time-based work happen (automated snapshots, expiry, recovery points).
 */
export interface ClockState {
  offsetMs: number;
}

const CLOCK_PATH = 'meta/clock.json';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export async function readClock(store: WorkspaceStore): Promise<ClockState> {
  return (await store.readJson<ClockState>(CLOCK_PATH)) ?? { offsetMs: 0 };
}

export async function simulatedNow(store: WorkspaceStore): Promise<Date> {
  const { offsetMs } = await readClock(store);
  return new Date(Date.now() + offsetMs);
}

/** Moves the clock forward; returns the new simulated time. */
export async function advanceClock(store: WorkspaceStore, ms: number): Promise<Date> {
  const clock = await readClock(store);
  clock.offsetMs += ms;
  await store.writeJson(CLOCK_PATH, clock);
  return new Date(Date.now() + clock.offsetMs);
}

/** Parses `8h`, `30m`, `2d`, `1d12h`, `90s`, `1w`; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?[smhdw])+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const m of trimmed.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total > 0 ? Math.round(total) : undefined;
}

export const HOUR_MS = UNIT_MS.h!;
export const DAY_MS = UNIT_MS.d!;
