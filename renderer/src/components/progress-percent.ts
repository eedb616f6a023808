/** Percent shown by a progress bar, 0..100; undefined (an indeterminate bar) when there is no positive total or no count. */
export function progressPercent(done: number | undefined, total: number | undefined): number | undefined {
  if (total === undefined || !(total > 0) || done === undefined) return undefined;
  return Math.max(0, Math.min(100, Math.round((100 * done) / total)));
}
