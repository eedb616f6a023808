/**
 * Prediction-function cost in SQL: over 100k rows, the query calling the compiled model vs the same
 * query without it (same run, same table). Target: ratio ≤ 1.5.
 * The model is trained through CREATE MODEL on the generated churn data (full AUTO search).
 */
import { figure, medianCpuMs, medianMs, type Figure } from './harness';
import { openTempWorkspace } from '../engine/node';
import type { EmbeddedWarehouse } from '../engine';
import { churnCsv, generateChurnData } from '../engine/seed';
import { LocalS3 } from '../engine/features/s3';
import { adminRows, CHURN_FEATURES, churnTableColumns, createSageMakerRole } from './churn-ml-setup';
import { listModels, waitForTraining } from '../engine/features/ml';


/** A workspace with raw_data.orange_telecom_customers loaded and a READY model `churn_model` / `predict_churn`. */
export async function churnWorkspaceWithModel(): Promise<EmbeddedWarehouse> {
  const wh = await openTempWorkspace({ seeded: false });
  await new LocalS3(wh.store).put('ml-bench', 'churn/churn.csv', churnCsv(generateChurnData()));
  const role = await createSageMakerRole(wh);
  await adminRows(wh, `CREATE SCHEMA IF NOT EXISTS raw_data; CREATE TABLE raw_data.orange_telecom_customers ${churnTableColumns(true)};
    COPY raw_data.orange_telecom_customers FROM 's3://ml-bench/churn/churn.csv' IAM_ROLE '${role}' delimiter ',' IGNOREHEADER 1 removequotes;
    CREATE MODEL churn_model FROM (SELECT ${CHURN_FEATURES}, churn FROM raw_data.orange_telecom_customers WHERE purpose = 'Train')
    TARGET churn FUNCTION predict_churn IAM_ROLE '${role}' SETTINGS (S3_BUCKET 'ml-bench')`);
  await waitForTraining(wh);
  return wh;
}

export default async function run(): Promise<Figure[]> {
  const wh = await churnWorkspaceWithModel();
  try {
    const model = (await listModels(wh)).find((m) => m.definition.name === 'churn_model')!;
    console.log(`model: ${model.definition.result?.algorithm} ${model.state}`);
    await adminRows(wh, `CREATE TABLE big AS SELECT c.* FROM raw_data.orange_telecom_customers c, generate_series(1, 30) g`);
    const rows = Number((await adminRows(wh, 'SELECT count(*) FROM big'))[0]![0]);
    const withFn = `SELECT count(*) FROM big WHERE predict_churn(${CHURN_FEATURES}) = 'True'`;
    const without = `SELECT count(*) FROM big WHERE churn = 'True'`;
    await adminRows(wh, withFn);
    await adminRows(wh, without);
    const ours = await medianMs(3, () => adminRows(wh, withFn));
    const peer = await medianMs(3, () => adminRows(wh, without));
    const ratio = ours / peer;
    // PGlite runs in this process: its CPU time is a load-independent figure on a shared machine
    const oursCpu = await medianCpuMs(3, () => adminRows(wh, withFn));
    const peerCpu = await medianCpuMs(3, () => adminRows(wh, without));
    return [
      figure(`query with the prediction function over ${rows} rows`, 'ms', ours, 'same query without the function', peer, { text: 'ratio ≤ 1.5', met: ratio <= 1.5 }),
      figure(`process CPU time of that query over ${rows} rows`, 'ms', oursCpu, 'same query without the function', peerCpu),
    ];
  } finally {
    await wh.close();
  }
}
