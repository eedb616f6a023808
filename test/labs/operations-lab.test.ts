import { describe, expect, it } from 'vitest';
import { expectStepReport, verifyOnce } from './helpers';

const verified = verifyOnce('operations');

describe('lab 5 (operations)', () => {
  it('every reference solution passes and every check is failed by a wrong answer', () => {
    expectStepReport(verified.get().report);
  });

  it('VACUUM DELETE ONLY: the table is still unsorted, with the SVV_TABLE_INFO value', () => {
    const text = verified.get().feedback('vacuum', 'delete-only');
    expect(text).toContain('The table is sorted (unsorted = 0)');
    expect(text).toMatch(/The result is \('16\.67'\) \(expected \(0\)\)/);
    expect(text).not.toContain('space is reclaimed');
  });

  it('rebuilding the table instead of VACUUM and losing rows: says how many rows are left', () => {
    const text = verified.get().feedback('vacuum', 'recreated-table');
    expect(text).toContain('adhoc.events has 3750 rows (expected 4500).');
  });

  it('deleting without relaunching: the cluster is gone and SQL is refused', () => {
    const text = verified.get().feedback('delete-and-relaunch', 'deleted-only');
    expect(text).toContain('ClusterNotFound');
    expect(text).toContain('cluster redshift-cluster-1 has been deleted');
  });

  it('trying to delete the namespace first: both still exist, with the advice', () => {
    const text = verified.get().feedback('serverless-delete-order', 'namespace-first');
    expect(text).toContain('Console command `aws redshift-serverless get-workgroup --workgroup-name ops-wg` succeeded, but it should fail (exit 254).');
    expect(text).toContain('Delete the workgroup first, then the namespace.');
  });
});
