/**
 * Benchmark conventions: each `bench/*.bench.ts` default-exports a function returning figures;
 * every figure sets our measurement beside a peer's measured in the same run, as a ratio.
 */
export interface Figure {
  /** What was measured, e.g. "engine ready, existing workspace". */
  name: string;
  unit: string;
  ours: number;
  /** The peer's figure, measured in the same run (raw PGlite, DuckDB …) or a published anchor. */
  peer: number;
  peerName: string;
  /** ours / peer. */
  ratio: number;
  /** The target, in words (e.g. "≤ 1.0 s", "ratio ≤ 1.5"), and whether this run met it. */
  target?: string;
  met?: boolean;
}

export type Benchmark = () => Promise<Figure[]>;

export function figure(name: string, unit: string, ours: number, peerName: string, peer: number, target?: { text: string; met: boolean }): Figure {
  const f: Figure = { name, unit, ours: round(ours), peer: round(peer), peerName, ratio: round(ours / peer, 3) };
  if (target) {
    f.target = target.text;
    f.met = target.met;
  }
  return f;
}

/** Median of `runs` measurements of `work`, each taken by `measure` around one run. */
async function median(runs: number, work: () => Promise<unknown>, measure: () => () => number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    const stop = measure();
    await work();
    values.push(stop());
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

/** Median of `runs` timings of `work` in milliseconds. */
export function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  return median(runs, work, () => {
    const t = performance.now();
    return () => performance.now() - t;
  });
}

/** Process CPU time (user + system, all threads) since `since`, in milliseconds. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Median process CPU time of `runs` runs of `work`, in milliseconds. */
export function medianCpuMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  return median(runs, work, () => {
    const since = process.cpuUsage();
    return () => cpuMs(since);
  });
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
