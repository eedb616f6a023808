/**
 * Redshift ML quality and speed on the REAL churn data, entirely through SQL: the BigML 80/20 files
 * (../shared/data, never committed; skipped with a message when absent) are put in the local S3,
 * COPY'd into tables, CREATE MODEL runs the full AUTO search, and the Test rows are scored with the
 * compiled prediction function. Targets: search ≤ 30 s, F1(churn = True) ≥ 0.93, accuracy ≥ 0.98.
 * Anchors: XGBoost raw 0.846/0.960, RF 0.831/0.958, SageMaker Autopilot 0.857/0.961 (23 minutes),
 * XGBoost + engineered feature 0.933/0.982.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figure, type Figure } from './harness';
import { openTempWorkspace } from '../engine/node';
import { LocalS3 } from '../engine/features/s3';
import { adminRows, CHURN_FEATURES, churnTableColumns, createSageMakerRole } from './churn-ml-setup';
import { listModels, waitForTraining } from '../engine/features/ml';

const ANCHORS = [
  { name: 'XGBoost raw', f1: 0.846, acc: 0.96 },
  { name: 'random forest', f1: 0.831, acc: 0.958 },
  { name: 'SageMaker Autopilot (23 min)', f1: 0.857, acc: 0.961 },
  { name: 'XGBoost + engineered feature', f1: 0.933, acc: 0.982 },
];
export default async function run(): Promise<Figure[]> {
  const dataDir = process.env.CHURN_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data');
  const trainFile = join(dataDir, 'churn-bigml-80.csv');
  const testFile = join(dataDir, 'churn-bigml-20.csv');
  if (!existsSync(trainFile) || !existsSync(testFile)) {
    console.log(`ml-churn-sql: churn data not found in ${dataDir} (set CHURN_DATA_DIR); skipped`);
    return [];
  }
  const wh = await openTempWorkspace({ seeded: false });
  try {
    const s3 = new LocalS3(wh.store);
    await s3.put('churn-real', 'train/churn-bigml-80.csv', readFileSync(trainFile));
    await s3.put('churn-real', 'test/churn-bigml-20.csv', readFileSync(testFile));
    const role = await createSageMakerRole(wh);
    const columns = churnTableColumns(false);
    await adminRows(wh, `CREATE TABLE churn_train ${columns}; CREATE TABLE churn_test ${columns};
      COPY churn_train FROM 's3://churn-real/train/' IAM_ROLE '${role}' delimiter ',' IGNOREHEADER 1 removequotes;
      COPY churn_test FROM 's3://churn-real/test/' IAM_ROLE '${role}' delimiter ',' IGNOREHEADER 1 removequotes`);
    const t0 = performance.now();
    await adminRows(wh, `CREATE MODEL churn_real FROM (SELECT ${CHURN_FEATURES}, churn FROM churn_train) TARGET churn
      FUNCTION predict_churn_real IAM_ROLE '${role}' SETTINGS (S3_BUCKET 'churn-real')`);
    const returnedMs = performance.now() - t0;
    await waitForTraining(wh);
    const seconds = (performance.now() - t0) / 1000;
    const summary = (await listModels(wh)).find((m) => m.definition.name === 'churn_real')!;
    if (summary.state !== 'READY') throw new Error(`model ${summary.state}: ${summary.definition.failureReason}`);
    const [[tp, fp, fn, total, correct]] = (await adminRows(wh, `WITH p AS (SELECT churn, predict_churn_real(${CHURN_FEATURES}) AS predicted FROM churn_test)
      SELECT count(*) FILTER (WHERE predicted = 'True' AND churn = 'True')::int, count(*) FILTER (WHERE predicted = 'True' AND churn <> 'True')::int,
             count(*) FILTER (WHERE predicted <> 'True' AND churn = 'True')::int, count(*)::int, count(*) FILTER (WHERE predicted = churn)::int FROM p`)) as number[][] as [number, number, number, number, number][];
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    const acc = correct / total;
    const r = summary.definition.result!;
    console.log(`CREATE MODEL returned in ${returnedMs.toFixed(0)} ms; READY after ${seconds.toFixed(1)} s; best ${r.algorithm}, validation ${r.metricName} ${r.validationMetric.toFixed(4)}, ${summary.reports?.leaderboard.length} candidates`);
    console.log(`test (${total} rows, scored in SQL): F1(True) ${f1.toFixed(4)}, accuracy ${acc.toFixed(4)}`);
    for (const a of ANCHORS) console.log(`  vs ${a.name}: F1 ${a.f1} (ratio ${(f1 / a.f1).toFixed(3)}), accuracy ${a.acc} (ratio ${(acc / a.acc).toFixed(3)})`);
    return [
      figure('CREATE MODEL to READY (full AUTO search, real churn data)', 's', seconds, 'SageMaker Autopilot job in the lecture', 23 * 60, { text: '≤ 30 s', met: seconds <= 30 }),
      ...ANCHORS.map((a) => figure(`test F1(churn = True) vs ${a.name}`, 'F1', f1, a.name, a.f1, a.name.includes('engineered') ? { text: 'F1 ≥ 0.93', met: f1 >= 0.93 } : undefined)),
      ...ANCHORS.map((a) => figure(`test accuracy vs ${a.name}`, 'accuracy', acc, a.name, a.acc, a.name.includes('engineered') ? { text: 'accuracy ≥ 0.98', met: acc >= 0.98 } : undefined)),
    ];
  } finally {
    await wh.close();
  }
}
