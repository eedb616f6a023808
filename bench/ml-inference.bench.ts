/**
 * Prediction-function cost in SQL: over 100k rows, the query calling the compiled model vs the same
 * query without it (same run, same table). Target: ratio ≤ 1.5.
 * The model is trained through CREATE MODEL on the generated churn data (full AUTO search).
 */
import { figure, medianMs, type Figure } from './harness';
import { openTempWorkspace } from '../engine/node';
import type { EmbeddedWarehouse } from '../engine';
import { churnCsv, generateChurnData } from '../engine/seed';
import { LocalS3 } from '../engine/features/s3';
import { runConsoleCommand } from '../engine/console/run-console-command';
import { listModels, waitForTraining } from '../engine/features/ml';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const COLS = 'state, account_length, area_code, international_plan, voice_mail_plan, number_vmail_messages, total_day_minutes, total_day_calls, total_day_charge, total_eve_minutes, total_eve_calls, total_eve_charge, total_night_minutes, total_night_calls, total_night_charge, total_intl_minutes, total_intl_calls, total_intl_charge, customer_service_calls';
const TABLE = `(state varchar(2), account_length integer, area_code integer, international_plan varchar, voice_mail_plan varchar,
  number_vmail_messages integer, total_day_minutes float8, total_day_calls integer, total_day_charge float8,
  total_eve_minutes float8, total_eve_calls integer, total_eve_charge float8, total_night_minutes float8,
  total_night_calls integer, total_night_charge float8, total_intl_minutes float8, total_intl_calls integer,
  total_intl_charge float8, customer_service_calls integer, churn varchar, purpose varchar)`;

async function sql(wh: EmbeddedWarehouse, text: string): Promise<unknown[][]> {
  const session = await wh.session();
  try {
    const outcomes = await session.execute(text);
    const last = outcomes[outcomes.length - 1]!;
    if (!last.ok) throw new Error(`${last.error.code} ${last.error.message}`);
    return last.result.rows;
  } finally {
    await session.close();
  }
}

const io = { readLocalFile: async () => new Uint8Array(), listLocalFiles: async () => [], writeLocalFile: async () => undefined };

/** A workspace with raw_data.orange_telecom_customers loaded and a READY model `churn_model` / `predict_churn`. */
export async function churnWorkspaceWithModel(): Promise<EmbeddedWarehouse> {
  const wh = await openTempWorkspace({ seeded: false });
  await new LocalS3(wh.store).put('ml-bench', 'churn/churn.csv', churnCsv(generateChurnData()));
  await runConsoleCommand(wh, ['iam', 'create-role', '--role-name', 'ml', '--assume-role-policy-document', TRUST], io);
  for (const p of ['AmazonS3FullAccess', 'AmazonSageMakerFullAccess']) await runConsoleCommand(wh, ['iam', 'attach-role-policy', '--role-name', 'ml', '--policy-arn', `arn:aws:iam::aws:policy/${p}`], io);
  await runConsoleCommand(wh, ['redshift', 'modify-cluster-iam-roles', '--cluster-identifier', 'redshift-cluster-1', '--add-iam-roles', 'arn:aws:iam::123456789012:role/ml'], io);
  await sql(wh, `CREATE SCHEMA IF NOT EXISTS raw_data; CREATE TABLE raw_data.orange_telecom_customers ${TABLE};
    COPY raw_data.orange_telecom_customers FROM 's3://ml-bench/churn/churn.csv' IAM_ROLE 'arn:aws:iam::123456789012:role/ml' delimiter ',' IGNOREHEADER 1 removequotes;
    CREATE MODEL churn_model FROM (SELECT ${COLS}, churn FROM raw_data.orange_telecom_customers WHERE purpose = 'Train')
    TARGET churn FUNCTION predict_churn IAM_ROLE 'arn:aws:iam::123456789012:role/ml' SETTINGS (S3_BUCKET 'ml-bench')`);
  await waitForTraining(wh);
  return wh;
}

export default async function run(): Promise<Figure[]> {
  const wh = await churnWorkspaceWithModel();
  try {
    const model = (await listModels(wh)).find((m) => m.definition.name === 'churn_model')!;
    console.log(`model: ${model.definition.result?.algorithm} ${model.state}`);
    await sql(wh, `CREATE TABLE big AS SELECT c.* FROM raw_data.orange_telecom_customers c, generate_series(1, 30) g`);
    const rows = Number((await sql(wh, 'SELECT count(*) FROM big'))[0]![0]);
    const withFn = `SELECT count(*) FROM big WHERE predict_churn(${COLS}) = 'True'`;
    const without = `SELECT count(*) FROM big WHERE churn = 'True'`;
    await sql(wh, withFn);
    await sql(wh, without);
    const ours = await medianMs(3, () => sql(wh, withFn));
    const peer = await medianMs(3, () => sql(wh, without));
    const ratio = ours / peer;
    return [
      figure(`query with the prediction function over ${rows} rows`, 'ms', ours, 'same query without the function', peer, { text: 'ratio ≤ 1.5', met: ratio <= 1.5 }),
    ];
  } finally {
    await wh.close();
  }
}
