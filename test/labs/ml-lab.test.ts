import { describe, expect, it } from 'vitest';
import { expectStepReport, verifyOnce } from './helpers';

// The slowest lab: two model trainings (the reference and the "whole table" mistake), MAX_RUNTIME 30 each.
const verified = verifyOnce('redshift-ml-churn');

describe('lab 4 (Redshift ML churn)', () => {
  it('every reference solution passes and every check is failed by a wrong answer', () => {
    expectStepReport(verified.get().report);
    expect(verified.get().report.passed).toBe(true);
  });

  it('leaving out the SageMaker policy: shows the policies the role has', () => {
    const text = verified.get().feedback('ml-role', 'no-sagemaker');
    expect(text).toMatch(/AttachedPolicies is \[.*AmazonS3FullAccess.*\], which does not match \/AmazonSageMakerFullAccess\//);
    expect(text).toContain('CREATE MODEL trains in SageMaker (Autopilot)');
  });

  it('running COPY twice: doubled rows, per purpose', () => {
    const text = verified.get().feedback('load-data', 'copied-twice');
    expect(text).toContain('raw_data.orange_telecom_customers has 6666 rows (expected 3333).');
    expect(text).toMatch(/missing row\(s\): \('Test', 667\), \('Train', 2666\)/);
  });

  it('training on the whole table: purpose became a feature', () => {
    const text = verified.get().feedback('create-model', 'whole-table');
    expect(text).toContain('The result is (20) (expected (19)).');
    expect(text).toContain('Training on the whole table makes purpose a feature too');
  });

  it('predicting the Train rows: wrong row count and a different confusion matrix', () => {
    const text = verified.get().feedback('predict-test', 'train-rows');
    expect(text).toContain('adhoc.churn_predictions has 2666 rows (expected 667).');
    expect(text).toContain('The confusion matrix from the predictions matches the model');
  });
});
