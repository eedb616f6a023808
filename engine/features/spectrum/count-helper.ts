import type { CountShare, KeyCounterOptions } from './key-counter';

/**
 * Counting on a second thread: the count pushdown hands part of each piece of lines to a helper,
 * so both of the machine's cores count (DuckDB's scan uses both too). Node hosts install a
 * worker_threads helper (node/register-count-helper.ts, via engine/host/node/threads.ts); without
 * one (the browser's engine worker) the pushdown counts every piece itself.
 */
export interface CountJob {
  /** Hands over a piece of whole lines (copied: the caller keeps its bytes). */
  count(piece: Uint8Array): void;
  /** The helper's counts and rows per piece, in the order given; undefined when a piece needs PostgreSQL. */
  finish(): Promise<{ share: CountShare; rowsPerPiece: number[] } | undefined>;
}

export interface CountHelper {
  /** A job for an idle, started helper; undefined when none is ready (the caller counts alone, and it starts). */
  start(options: KeyCounterOptions): CountJob | undefined;
  /** Starts the helper ahead of its first job, if it is not running. */
  warm(): void;
}

let installed: CountHelper | undefined;

export function useCountHelper(helper: CountHelper | undefined): void {
  installed = helper;
}

export function countHelper(): CountHelper | undefined {
  return installed;
}
