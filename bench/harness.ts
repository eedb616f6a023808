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

/** Median of `runs` timings of `work` in milliseconds. */
export async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
