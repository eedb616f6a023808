// A progress message without a total shows a moving (indeterminate) bar, not one frozen at 0 %.
import { describe, expect, it } from 'vitest';
import { progressPercent } from '../../renderer/src/components/progress-percent';

describe('progress bar percent', () => {
  it('is done / total when the total is known, clamped to 0..100', () => {
    expect(progressPercent(30, 120)).toBe(25);
    expect(progressPercent(0, 10)).toBe(0);
    expect(progressPercent(15, 10)).toBe(100);
  });

  it('is indeterminate (undefined) without a total, with a zero total, or without a count', () => {
    expect(progressPercent(0, undefined)).toBeUndefined(); // e.g. CREATE MODEL's phase messages
    expect(progressPercent(5, 0)).toBeUndefined(); // a model in its profiling phase reports total 0
    expect(progressPercent(undefined, undefined)).toBeUndefined(); // a queued job
  });
});
