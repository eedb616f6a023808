// The JSON read commands the console panels use (aws s3api list-*, models list/describe) and the
// S3 panel's download channel, against a real temporary workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempWorkspace } from '../../engine/node';
import { runConsoleCommand, splitCommandLine } from '../../engine/console/run-console-command';
import { createHostHandlers } from '../../engine/host/host-core';
import { validateRequest } from '../../engine/host/contract';
import { ModelStore, type ModelDefinition } from '../../engine/features/ml/model-store';
import { trainModel, type TrainingRequest } from '../../engine/features/ml/trainer';
import type { EmbeddedWarehouse } from '../../engine/warehouse/embedded-warehouse';

let warehouse: EmbeddedWarehouse;
const files = new Map<string, Uint8Array>();
const run = (line: string) =>
  runConsoleCommand(warehouse, splitCommandLine(line.replace(/^aws /, '')), {
    async readLocalFile(path) {
      const bytes = files.get(path);
      if (!bytes) throw new Error('missing');
      return bytes;
    },
  });
const json = async (line: string) => {
  const out = await run(line);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  return JSON.parse(out.stdout);
};

beforeAll(async () => {
  warehouse = await openTempWorkspace();
});
afterAll(async () => {
  await warehouse.close();
});

describe('aws s3api list-buckets / list-objects-v2', () => {
  it('lists buckets, objects with sizes, and folders as common prefixes', async () => {
    files.set('a.csv', new TextEncoder().encode('id,name\n1,x\n'));
    files.set('b.csv', new TextEncoder().encode('id\n'));
    expect((await run('aws s3 mb s3://panel-bucket')).exitCode).toBe(0);
    expect((await run('aws s3 cp a.csv s3://panel-bucket/top.csv')).exitCode).toBe(0);
    expect((await run('aws s3 cp b.csv s3://panel-bucket/data/2024/b.csv')).exitCode).toBe(0);
    expect((await run('aws s3 cp a.csv s3://panel-bucket/data/a.csv')).exitCode).toBe(0);

    const buckets = await json('aws s3api list-buckets');
    expect(buckets.Buckets.map((b: { Name: string }) => b.Name)).toContain('panel-bucket');
    expect(buckets.Owner.ID).toMatch(/^\d{12}$/);

    const root = await json('aws s3api list-objects-v2 --bucket panel-bucket --delimiter /');
    expect(root.Contents.map((o: { Key: string }) => o.Key)).toEqual(['top.csv']);
    expect(root.Contents[0].Size).toBe(12);
    expect(root.Contents[0].LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(root.CommonPrefixes).toEqual([{ Prefix: 'data/' }]);
    expect(root.KeyCount).toBe(2);

    const data = await json('aws s3api list-objects-v2 --bucket panel-bucket --prefix data/ --delimiter /');
    expect(data.Contents.map((o: { Key: string }) => o.Key)).toEqual(['data/a.csv']);
    expect(data.CommonPrefixes).toEqual([{ Prefix: 'data/2024/' }]);

    const all = await json('aws s3api list-objects-v2 --bucket panel-bucket');
    expect(all.Contents.map((o: { Key: string }) => o.Key).sort()).toEqual(['data/2024/b.csv', 'data/a.csv', 'top.csv']);
    expect(all.CommonPrefixes).toBeUndefined();

    const empty = await json('aws s3api list-objects-v2 --bucket panel-bucket --prefix nothing/');
    expect(empty.Contents).toBeUndefined();
    expect(empty.KeyCount).toBe(0);
  });

  it('answers a missing bucket or argument with AWS errors', async () => {
    const missing = await run('aws s3api list-objects-v2 --bucket no-such-bucket-x');
    expect(missing.exitCode).toBe(254);
    expect(missing.stderr).toContain('An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist');
    const noArg = await run('aws s3api list-objects-v2');
    expect(noArg.exitCode).toBe(254);
    expect(noArg.stderr).toContain('--bucket');
    const badMax = await run('aws s3api list-objects-v2 --bucket panel-bucket --max-keys x');
    expect(badMax.stderr).toContain('max-keys');
  });

  it('serves object bytes through the s3.getObject channel, with S3 errors', async () => {
    const handlers = createHostHandlers({
      engineVersion: 'test',
      emit: () => undefined,
      loadLabs: async () => undefined,
      openWorkspace: async () => ({ warehouse, created: false, location: 'temp', kind: 'node-dir' }),
    });
    expect(validateRequest('s3.getObject', { bucket: 'panel-bucket', key: 'top.csv' })).toBeUndefined();
    expect(validateRequest('s3.getObject', { bucket: '', key: 'x' })?.code).toBe('22023');
    const { bytes } = await handlers['s3.getObject']({ bucket: 'panel-bucket', key: 'top.csv' });
    expect(new TextDecoder().decode(bytes)).toBe('id,name\n1,x\n');
    await expect(handlers['s3.getObject']({ bucket: 'panel-bucket', key: 'nope.csv' })).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(handlers['s3.getObject']({ bucket: 'nobucket-zz', key: 'a' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });
});

describe('describe-clusters shows the associated IAM roles', () => {
  it('lists IamRoles and DefaultIamRoleArn after modify-cluster-iam-roles', async () => {
    const before = await json('aws redshift describe-clusters');
    expect(before.Clusters[0].IamRoles).toEqual([]);
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await json(`aws iam create-role --role-name panelRole --assume-role-policy-document '${doc}'`);
    const arn = 'arn:aws:iam::123456789012:role/panelRole';
    await json(`aws redshift modify-cluster-iam-roles --cluster-identifier redshift-cluster-1 --default-iam-role-arn ${arn}`);
    const after = (await json('aws redshift describe-clusters')).Clusters[0];
    expect(after.IamRoles).toEqual([{ IamRoleArn: arn, ApplyStatus: 'in-sync' }]);
    expect(after.DefaultIamRoleArn).toBe(arn);
  });
});

describe('models list / describe', () => {
  it('reports a trained model with leaderboard, data report, confusion matrix and ROC', async () => {
    // A small, learnable binary problem, trained with the real trainer and stored as the ML feature stores it.
    const rows = Array.from({ length: 600 }, (_, i) => {
      const usage = (i * 37) % 100;
      const tenure = (i * 11) % 48;
      return [usage, tenure, usage < 40 || (i % 13 === 0) ? 'yes' : 'no'];
    });
    const request: TrainingRequest = {
      table: { columns: [{ name: 'usage', type: 'number' }, { name: 'tenure', type: 'number' }, { name: 'churn', type: 'string' }], rows },
      target: 'churn', problemType: null, objective: null, modelType: 'XGBOOST', auto: true, hyperparameters: {}, maxRuntimeSec: 30, maxCells: 1_000_000, seed: 1,
    };
    const output = await trainModel(request, () => undefined);
    const store = new ModelStore(warehouse.store);
    const def = {
      schema: 'public', name: 'churn_model', owner: 'awsuser', createdAt: new Date().toISOString(), jobName: 'redshiftml-test', from: { kind: 'table', text: 't' },
      target: 'churn', functionName: 'predict_churn', paramNames: ['usage', 'tenure'], paramTypes: ['int', 'int'], returnType: 'varchar', iamRole: 'default', iamRoleArn: '',
      settings: {} as ModelDefinition['settings'], auto: true, modelType: 'XGBOOST', problemType: null, objective: null, preprocessors: null, hyperparameters: {}, exportPrefix: 'x/',
      state: 'READY',
      result: { problemType: output.problemType, objective: output.objective, metricName: output.metricName, validationMetric: output.validationMetric, trainingJobStatus: output.trainingJobStatus, elapsedSec: output.elapsedSec, rowsUsed: output.rowsUsed, estimatedCostUsd: 1.5, finishedAt: new Date().toISOString(), algorithm: 'gbdt' },
    } as ModelDefinition;
    await store.saveDefinition(def);
    await store.saveTrainingRequest('public', 'churn_model', request);
    await store.saveModel('public', 'churn_model', output.model);
    await store.saveReports('public', 'churn_model', { leaderboard: output.leaderboard, dataReport: output.dataReport, candidateReport: output.candidateReport, featureEngineering: output.featureEngineering, explain: output.explain });
    await store.saveValidationPredictions('public', 'churn_model', output.validationPredictions!);
    // a model trained before validation predictions were kept: only the training-sample fallback
    await store.saveDefinition({ ...def, name: 'older_model' });
    await store.saveTrainingRequest('public', 'older_model', request);
    await store.saveModel('public', 'older_model', output.model);
    await store.saveDefinition({ ...def, name: 'still_training', state: 'TRAINING', result: undefined } as ModelDefinition);
    await store.saveProgress('public', 'still_training', { phase: 'model_search', done: 2, total: 8, elapsedSec: 3, leaderboard: output.leaderboard.slice(0, 2) });

    const list = await json('models list');
    expect(list.Models.map((m: { ModelName: string; ModelState: string }) => `${m.ModelName}:${m.ModelState}`)).toEqual(['churn_model:READY', 'older_model:READY', 'still_training:TRAINING']);
    expect(list.Models[0].ValidationMetric.Name).toBe(output.metricName);
    expect(list.Models[2].Progress).toEqual({ Phase: 'model_search', Done: 2, Total: 8, ElapsedSeconds: 3 });

    const d = await json('models describe public.churn_model');
    expect(d.Leaderboard.length).toBe(output.leaderboard.length);
    expect(d.DataReport.target.name).toBe('churn');
    // On the validation data: the best candidate's out-of-fold predictions, every training row once (5 folds).
    const ev = d.Evaluation;
    expect(ev).toMatchObject({ source: 'validation', method: '5-fold stratified cross-validation', folds: 5, candidateId: output.bestCandidateId });
    expect(ev.labels).toEqual(['no', 'yes']);
    expect(ev.rows).toBe(600);
    const total = ev.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0);
    expect(total).toBe(600);
    // Its F1 is the validation metric SHOW MODEL and the leaderboard report (positive class 'yes', the minority).
    expect(ev.positiveLabel).toBe('yes');
    const [[tn, fp], [fn, tp]] = ev.confusionMatrix as number[][];
    expect(tn! + tp!).toBeGreaterThan(0.8 * total);
    expect((2 * tp!) / (2 * tp! + fp! + fn!)).toBeCloseTo(d.Model.ValidationMetric.Value, 12);
    expect(ev.roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(ev.roc[ev.roc.length - 1]).toMatchObject({ fpr: 1, tpr: 1 });
    expect(ev.auc).toBeGreaterThan(0.8);

    // The older model falls back to the final model on every 5th training row, and says so.
    const older = (await json('models describe public.older_model')).Evaluation;
    expect(older).toMatchObject({ source: 'training-sample', method: 'every 5th training row', rows: 120 });
    expect(older.folds).toBeUndefined();
    expect(older.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(120);

    const training = await json('models describe --model-name still_training');
    expect(training.Model.ModelState).toBe('TRAINING');
    expect(training.Leaderboard).toHaveLength(Math.min(2, output.leaderboard.length));
    expect(training.Evaluation).toBeUndefined();
  }, 60_000);

  it('names a missing model in the error', async () => {
    const out = await run('models describe analytics.nope');
    expect(out.exitCode).toBe(254);
    expect(out.stderr).toContain('An error occurred (ResourceNotFound) when calling the DescribeModel operation: Model analytics.nope does not exist.');
  });
});
