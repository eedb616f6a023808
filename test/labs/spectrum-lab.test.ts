import { describe, expect, it } from 'vitest';
import { expectStepReport, verifyOnce } from './helpers';

const verified = verifyOnce('spectrum', { variant: true });

describe('lab 3 (Spectrum)', () => {
  it('every reference solution passes (also on the hidden variant) and every check is failed by a wrong answer', () => {
    expectStepReport(verified.get().report, {});
  });

  it('uploading to the bucket root: says where the object is missing', () => {
    const text = verified.get().feedback('upload-fact', 'bucket-root');
    expect(text).toContain('There is no S3 object at s3://warehouse-lab-spectrum/usc/user_session_channel.csv.');
    expect(text).toContain('Upload it under the usc/ folder, not the bucket root.');
  });

  it('leaving out the Glue policy: shows the policies the role has', () => {
    const text = verified.get().feedback('iam-role', 'no-glue');
    expect(text).toMatch(/AttachedPolicies is \[.*AmazonS3FullAccess.*\], which does not match \/AWSGlueConsoleFullAccess\//);
    expect(text).toContain('The external schema lives in the Glue Data Catalog');
  });

  it('pointing LOCATION at the bucket root: names both locations', () => {
    expect(verified.get().feedback('external-table', 'bucket-location')).toContain(
      'External table external_schema.user_session_channel points at s3://warehouse-lab-spectrum/ (expected s3://warehouse-lab-spectrum/usc/).',
    );
  });

  it('a missing DISTINCT in the CTAS: the dimension has one row per session and the join overcounts', () => {
    const text = verified.get().feedback('dimension-join', 'no-distinct');
    expect(text).toMatch(/The result is \(101520, \d+, 101520\) \(expected \((\d+), \1, \1\)\)/);
    expect(text).toContain('The fact–dimension join counts every session exactly once');
  });
});
