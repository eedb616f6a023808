import { describe, expect, it } from 'vitest';
import { expectStepReport, verifyOnce } from './helpers';

const verified = verifyOnce('backup-restore');

describe('lab 2 (backup and table restore)', () => {
  it('every reference solution passes and every check is failed by a wrong answer', () => {
    const { report } = verified.get();
    expectStepReport(report);
    expect(report.passed).toBe(true);
  });

  it('setting 35 days instead of 7: shows the value found and the advice', () => {
    const text = verified.get().feedback('retention', 'max-35');
    expect(text).toContain('Clusters[0].AutomatedSnapshotRetentionPeriod is 35 (expected 7).');
  });

  it('restoring from a snapshot taken after the DELETE: the restored table is short of rows', () => {
    const text = verified.get().feedback('restore-table', 'snapshot-after-delete');
    expect(text).toContain('analytics.channel_summary_restored has 1 rows (expected 6).');
    expect(text).toContain('Restore from the snapshot taken before the DELETE (before-cleanup).');
  });

  it('copying every restored row back: names the duplicated row', () => {
    const text = verified.get().feedback('restore-table', 'copied-everything');
    expect(text).toContain('Wrong row count: 7 (expected 6).');
    expect(text).toMatch(/1 unexpected row\(s\): \('Google', \d+, \d+\)/);
  });

  it('restoring but not putting rows back: lists the missing channels', () => {
    expect(verified.get().feedback('restore-table', 'restored-not-copied')).toMatch(/5 missing row\(s\): \('Facebook', \d+, \d+\)/);
  });

  it('restoring straight from the recovery point: the snapshot the lecture asks for is missing', () => {
    const text = verified.get().feedback('serverless-recovery-point', 'direct-from-rp');
    expect(text).toContain('The recovery point is kept as snapshot campaign-rp');
    expect(text).toContain('A recovery point disappears after 24 hours: convert it to a snapshot.');
    expect(text).not.toContain('campaign_log_restored holds');
  });
});
