// A model trained through CREATE MODEL keeps its best candidate's out-of-fold predictions, so
// `models describe` (the Models panel) shows the confusion matrix and ROC on the validation data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse } from '../../engine';
import { openTempWorkspace } from '../../engine/node';
import { runConsoleCommand } from '../../engine/console/run-console-command';
import { waitForTraining } from '../../engine/features/ml';
import { ModelStore } from '../../engine/features/ml/model-store';
import { aws, makeRole } from '../spectrum/helpers';

let wh: EmbeddedWarehouse;

async function sql(text: string): Promise<void> {
  const session = await wh.session('awsuser');
  try {
    await session.execute(text);
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  wh = await openTempWorkspace({ seeded: false });
  const role = await makeRole(wh, 'PanelsEvaluation', ['AmazonS3FullAccess', 'AmazonSageMakerFullAccess']);
  await aws(wh, ['s3', 'mb', 's3://ml-eval']);
  await sql(`CREATE TABLE public.eval_data AS
    SELECT i AS id, (i * 37 % 100)::float8 AS a, (i * 53 % 100)::float8 AS b,
           ((i * 37 % 100) + (i * 53 % 100) + CASE i % 7 WHEN 0 THEN 30 ELSE 0 END > 110) AS label
      FROM generate_series(1, 800) AS i`);
  await sql(`CREATE MODEL public.eval_model FROM (SELECT a, b, label FROM public.eval_data WHERE id <= 650)
    TARGET label FUNCTION eval_fn IAM_ROLE '${role}' MODEL_TYPE XGBOOST SETTINGS (S3_BUCKET 'ml-eval', MAX_RUNTIME 30)`);
  await waitForTraining(wh);
}, 180_000);
afterAll(async () => {
  await wh?.close();
});

describe('confusion matrix and ROC on the validation data', () => {
  it('are stored with the model and agree with the validation metric', async () => {
    const stored = await new ModelStore(wh.store).validationPredictions('public', 'eval_model');
    expect(stored?.actual).toHaveLength(650);
    const out = await runConsoleCommand(wh, ['models', 'describe', 'public.eval_model'], { readLocalFile: async () => new Uint8Array() });
    expect(out.exitCode, out.stderr).toBe(0);
    const d = JSON.parse(out.stdout);
    expect(d.Model.ModelState).toBe('READY');
    const ev = d.Evaluation;
    expect(ev).toMatchObject({ source: 'validation', folds: 5, rows: 650, positiveLabel: 'true', candidateId: stored!.candidateId });
    const [[tn, fp], [fn, tp]] = ev.confusionMatrix as number[][];
    expect(tn! + fp! + fn! + tp!).toBe(650);
    expect(d.Model.ValidationMetric.Name).toBe('F1');
    expect((2 * tp!) / (2 * tp! + fp! + fn!)).toBeCloseTo(d.Model.ValidationMetric.Value, 12);
    expect(d.Leaderboard.find((e: { id: string }) => e.id === ev.candidateId).validationMetric).toBeCloseTo(d.Model.ValidationMetric.Value, 12);
    // DROP MODEL removes the stored predictions with the model
    await sql('DROP MODEL public.eval_model');
    expect(await new ModelStore(wh.store).validationPredictions('public', 'eval_model')).toBeUndefined();
  }, 60_000);
});
