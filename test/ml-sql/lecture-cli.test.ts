/**
 * The lecture's Redshift ML flow through the real CLI on the generated churn data: upload to the local
 * S3, COPY, IAM role with S3 + SageMaker, CREATE MODEL (returns at once, the process waits for the
 * training), SHOW MODEL, predictions in SQL equal to the model's own JS predictions on every Test row,
 * accuracy and confusion matrix in SQL, EXPLAIN_MODEL, errors, DROP during training, --no-wait + resume.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnCsv, generateChurnData } from '../../engine/seed';
import { deserializeModel, predict, predictProba } from '../../engine/ml/index';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'warehouse-lab.mjs');
const ROLE = 'arn:aws:iam::123456789012:role/redshift.ml';
const S3_ONLY_ROLE = 'arn:aws:iam::123456789012:role/redshift.s3only';
const BUCKET = 'wlab-ml-lecture';
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const FEATURES = [
  'state', 'account_length', 'area_code', 'international_plan', 'voice_mail_plan', 'number_vmail_messages', 'total_day_minutes',
  'total_day_calls', 'total_day_charge', 'total_eve_minutes', 'total_eve_calls', 'total_eve_charge', 'total_night_minutes',
  'total_night_calls', 'total_night_charge', 'total_intl_minutes', 'total_intl_calls', 'total_intl_charge', 'customer_service_calls',
];
const COLS = FEATURES.join(', ');
const createModel = (name: string, fn: string, extra = '') => `CREATE MODEL ${name}
FROM (SELECT ${COLS}, churn FROM raw_data.orange_telecom_customers WHERE purpose = 'Train')
TARGET churn
FUNCTION ${fn}
IAM_ROLE '${ROLE}'
SETTINGS (S3_BUCKET '${BUCKET}'${extra})`;

let dir: string;
let workspace: string;

function cli(args: string[]) {
  const r = spawnSync('node', [bin, ...args, '--workspace', workspace], { cwd: dir, encoding: 'utf8', timeout: 400_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
type Outcome = { command?: string; columns?: string[]; rows?: unknown[][]; error?: { code: string; message: string; position?: number } };
function sql(text: string, extra: string[] = []) {
  const r = cli(['sql', '--format', 'json', '--continue-on-error', ...extra, '-c', text]);
  return { ...r, json: JSON.parse(r.stdout || '[]') as Outcome[] };
}
function showModel(name: string): Map<string, string> {
  const out = sql(`SHOW MODEL ${name}`, ['--no-wait']);
  expect(out.json[0]?.error).toBeUndefined();
  return new Map((out.json[0]!.rows as string[][]).map(([k, v]) => [k!, v!]));
}

beforeAll(() => {
  execFileSync('node', [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'wlab-ml-cli-'));
  workspace = join(dir, 'ws');
  writeFileSync(join(dir, 'orange_telecom_customers.csv'), churnCsv(generateChurnData()));
  writeFileSync(join(dir, 'trust.json'), TRUST);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Redshift ML lecture flow through the CLI', () => {
  it('uploads the churn file, creates roles and loads the table with the lecture COPY', () => {
    expect(cli(['aws', 's3', 'mb', `s3://${BUCKET}`]).code).toBe(0);
    expect(cli(['aws', 's3', 'cp', 'orange_telecom_customers.csv', `s3://${BUCKET}/churn/`]).code).toBe(0);
    for (const [role, policies] of [['redshift.ml', ['AmazonS3FullAccess', 'AmazonSageMakerFullAccess']], ['redshift.s3only', ['AmazonS3FullAccess']]] as const) {
      expect(cli(['aws', 'iam', 'create-role', '--role-name', role, '--assume-role-policy-document', 'file://trust.json']).code).toBe(0);
      for (const p of policies) expect(cli(['aws', 'iam', 'attach-role-policy', '--role-name', role, '--policy-arn', `arn:aws:iam::aws:policy/${p}`]).code).toBe(0);
      expect(cli(['aws', 'redshift', 'modify-cluster-iam-roles', '--cluster-identifier', 'redshift-cluster-1', '--add-iam-roles', `arn:aws:iam::123456789012:role/${role}`]).code).toBe(0);
    }
    const load = sql(`CREATE TABLE raw_data.orange_telecom_customers (
      state varchar(2), account_length integer, area_code integer, international_plan varchar, voice_mail_plan varchar,
      number_vmail_messages integer, total_day_minutes float8, total_day_calls integer, total_day_charge float8,
      total_eve_minutes float8, total_eve_calls integer, total_eve_charge float8, total_night_minutes float8,
      total_night_calls integer, total_night_charge float8, total_intl_minutes float8, total_intl_calls integer,
      total_intl_charge float8, customer_service_calls integer, churn varchar, purpose varchar);
    COPY raw_data.orange_telecom_customers FROM 's3://${BUCKET}/churn/orange_telecom_customers.csv'
    CREDENTIALS 'aws_iam_role=${ROLE}' delimiter ',' dateformat 'auto' timeformat 'auto' IGNOREHEADER 1 removequotes;
    SELECT purpose, count(*)::int FROM raw_data.orange_telecom_customers GROUP BY 1 ORDER BY 1`);
    expect(load.json.map((o) => o.error)).toEqual([undefined, undefined, undefined]);
    expect(load.json[2]!.rows).toEqual([['Test', 667], ['Train', 2666]]);
  }, 200_000);

  it('refuses bad CREATE MODEL input with Redshift-style errors', () => {
    const bad = sql([
      createModel('m_bad', 'f_bad').replace('TARGET churn', 'TARGET churned'),
      createModel('m_few', 'f_few').replace("WHERE purpose = 'Train'", "WHERE purpose = 'Train' LIMIT 499"),
      createModel('m_reg', 'f_reg').replace('IAM_ROLE', 'IAM_ROLE').replace(`SETTINGS`, 'PROBLEM_TYPE REGRESSION SETTINGS'),
      createModel('m_role', 'f_role').replace(ROLE, S3_ONLY_ROLE),
      createModel('m_bucket', 'f_bucket').replace(`S3_BUCKET '${BUCKET}'`, "S3_BUCKET 'no-such-bucket'"),
      createModel('m_nobucket', 'f_nobucket').replace(`SETTINGS (S3_BUCKET '${BUCKET}')`, ''),
    ].join(';\n'));
    const errors = bad.json.map((o) => o.error);
    expect(errors[0]).toMatchObject({ code: '42703', message: 'Target column "churned" does not exist in the training data' });
    expect(errors[1]?.message).toMatch(/^Insufficient training data: the query returned 499 rows.*at least 500 rows/);
    expect(errors[2]).toMatchObject({ code: '22023', message: expect.stringContaining('must be numeric for PROBLEM_TYPE REGRESSION') });
    expect(errors[3]).toMatchObject({ code: 'XX000', message: expect.stringContaining('is not authorized to perform: sagemaker:CreateTrainingJob') });
    expect(errors[4]).toMatchObject({ code: 'XX000', message: expect.stringContaining('The specified bucket does not exist') });
    expect(errors[5]?.message).toMatch(/SETTINGS .*S3_BUCKET.* is required/);
    expect(sql('SELECT count(*)::int FROM stv_ml_model_info').json[0]!.rows).toEqual([[0]]);
  }, 120_000);

  it('CREATE MODEL returns at once; the process waits for training; a later SHOW MODEL sees READY', () => {
    const run = sql(`${createModel('orange_telecom_customers_model', 'ml_fn_orange_telecom_customers')};
      SELECT model_state FROM stv_ml_model_info WHERE model_name = 'orange_telecom_customers_model';
      SELECT ml_fn_orange_telecom_customers('IL',94,415,'No','No',0,122.9,83,20.89,307.1,72,26.1,80.7,123,3.63,11.5,7,3.11,2);
      SELECT explain_model('orange_telecom_customers_model')`);
    expect(run.json[0]).toMatchObject({ command: 'CREATE MODEL' });
    expect(run.json[1]!.rows).toEqual([['Train Model On SageMaker In Progress']]);
    expect(run.json[2]!.error).toMatchObject({ code: '55000', message: 'model "public.orange_telecom_customers_model" is not ready (state: TRAINING)' });
    expect(run.json[3]!.rows).toEqual([[{ explanations: 'waiting for training job to complete' }]]);
    expect(run.stderr).toMatch(/orange_telecom_customers_model: model_search \d+\/\d+ candidates/);
    expect(run.stderr).toMatch(/orange_telecom_customers_model: READY/);
    const shown = showModel('orange_telecom_customers_model');
    expect(shown.get('Model State')).toBe('READY');
    expect(shown.get('Model Name')).toBe('orange_telecom_customers_model');
    expect(shown.get('Schema Name')).toBe('public');
    expect(shown.get('Owner')).toBe('awsuser');
    expect(shown.get('Creation Time')).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/);
    expect(shown.get('Training Job Status')).toMatch(/^(Completed|MaxAutoMLJobRuntimeReached)$/);
    expect(Number(shown.get('validation:f1'))).toBeGreaterThan(0.5);
    expect(Number(shown.get('Estimated Cost'))).toBeGreaterThan(0);
    expect(shown.get('Target Column')).toBe('CHURN');
    // upper case on one line, but the literal the query filters on stays as written
    expect(shown.get('Query')).toBe(`SELECT ${COLS.toUpperCase()}, CHURN FROM RAW_DATA.ORANGE_TELECOM_CUSTOMERS WHERE PURPOSE = 'Train'`);
    expect(shown.get('Problem Type')).toBe('BinaryClassification');
    expect(shown.get('Objective')).toBe('F1');
    expect(shown.get('AutoML Job Name')).toMatch(/^redshiftml-\d{20}$/);
    expect(shown.get('Function Name')).toBe('ml_fn_orange_telecom_customers');
    expect(shown.get('Function Parameters')).toBe(FEATURES.join(' '));
    expect(shown.get('Function Parameter Types')?.split(' ').slice(0, 4)).toEqual(['varchar', 'int4', 'int4', 'varchar']);
    expect(shown.get('IAM Role')).toBe(ROLE);
    expect(shown.get('S3 Bucket')).toBe(BUCKET);
    expect(shown.get('Max Runtime')).toBe('5400');
    // S3_GARBAGE_COLLECT defaults to on: the exported training data is gone
    const ls = cli(['aws', 's3', 'ls', `s3://${BUCKET}/`]);
    expect(ls.stdout).not.toContain('redshiftml_');
  }, 400_000);

  it('predicts in SQL exactly as the model predicts in JS, and scores the Test rows in SQL', () => {
    const modelFile = join(workspace, 'meta', 'models', 'public', 'orange_telecom_customers_model', 'model.json');
    const model = deserializeModel(readFileSync(modelFile, 'utf8'));
    const rows = sql(`SELECT ${COLS}, ml_fn_orange_telecom_customers(${COLS}), ml_fn_orange_telecom_customers_probabilities(${COLS})
      FROM raw_data.orange_telecom_customers WHERE purpose = 'Test'`, ['--no-wait']).json[0]!.rows!;
    expect(rows).toHaveLength(667);
    let mismatches = 0;
    for (const row of rows) {
      const input = row.slice(0, FEATURES.length) as Array<string | number>;
      if (predict(model, input) !== row[FEATURES.length]) mismatches++;
      const proba = row[FEATURES.length + 1] as { probabilities: number[]; labels: string[] };
      const js = predictProba(model, input);
      expect(proba.labels).toEqual(js.labels);
      proba.probabilities.forEach((p, i) => expect(p).toBeCloseTo(js.probabilities[i]!, 12));
    }
    expect(mismatches).toBe(0);
    const scored = sql(`WITH p AS (SELECT churn, ml_fn_orange_telecom_customers(${COLS}) AS predicted FROM raw_data.orange_telecom_customers WHERE purpose = 'Test')
      SELECT churn, predicted, count(*)::int FROM p GROUP BY 1, 2 ORDER BY 1, 2;
      WITH p AS (SELECT churn, ml_fn_orange_telecom_customers(${COLS}) AS predicted FROM raw_data.orange_telecom_customers WHERE purpose = 'Test')
      SELECT round(avg(CASE WHEN churn = predicted THEN 1.0 ELSE 0.0 END), 4)::float8 FROM p`, ['--no-wait']).json;
    const matrix = scored[0]!.rows as Array<[string, string, number]>;
    expect(matrix.reduce((s, r) => s + r[2], 0)).toBe(667);
    const correct = matrix.filter((r) => r[0] === r[1]).reduce((s, r) => s + r[2], 0);
    expect(scored[1]!.rows![0]![0]).toBeCloseTo(correct / 667, 4);
    expect(correct / 667).toBeGreaterThan(0.8);
  }, 200_000);

  it('EXPLAIN_MODEL returns the documented kernel_shap shape', () => {
    const out = sql(`SELECT explain_model('public.orange_telecom_customers_model'), explain_model('orange_telecom_customers_model')`, ['--no-wait']).json[0]!;
    const [qualified, plain] = out.rows![0] as Array<{ version: string; explanations: { kernel_shap: { label0: { global_shap_values: Record<string, number>; expected_value: number } } } }>;
    expect(plain).toEqual(qualified);
    expect(qualified!.version).toBe('1.0');
    const label0 = qualified!.explanations.kernel_shap.label0;
    expect(Object.keys(label0.global_shap_values).sort()).toEqual([...FEATURES].sort());
    expect(Object.values(label0.global_shap_values).some((v) => v > 0)).toBe(true);
    expect(typeof label0.expected_value).toBe('number');
  }, 120_000);

  it('DROP MODEL during training cancels the job and removes functions and S3 artefacts', () => {
    const out = sql(`${createModel('m_dropped', 'fn_dropped', ', S3_GARBAGE_COLLECT off')};
      SELECT count(*)::int FROM pg_proc WHERE proname LIKE 'fn_dropped%';
      DROP MODEL m_dropped;
      SELECT count(*)::int FROM pg_proc WHERE proname LIKE 'fn_dropped%';
      SHOW MODEL ALL;
      DROP MODEL m_dropped;
      DROP MODEL IF EXISTS m_dropped`);
    expect(out.json[1]!.rows).toEqual([[2]]);
    expect(out.json[2]).toMatchObject({ command: 'DROP MODEL' });
    expect(out.json[3]!.rows).toEqual([[0]]);
    expect(out.json[4]!.rows).toEqual([['public', 'orange_telecom_customers_model']]);
    expect(out.json[5]!.error).toMatchObject({ code: '42704', message: 'model "m_dropped" does not exist' });
    expect(out.json[6]).toMatchObject({ command: 'DROP MODEL' });
    expect(out.stderr).not.toMatch(/m_dropped: READY/);
    expect(cli(['aws', 's3', 'ls', `s3://${BUCKET}/`]).stdout).not.toContain('redshiftml_');
    const modelDir = join(workspace, 'meta', 'models', 'public', 'm_dropped');
    expect(existsSync(modelDir) ? readdirSync(modelDir, { recursive: true }) : []).toEqual([]);
    // a duplicate model name is refused
    const dup = sql(createModel('orange_telecom_customers_model', 'other_fn'));
    expect(dup.json[0]!.error).toMatchObject({ code: '42710', message: 'Model "orange_telecom_customers_model" already exists' });
  }, 200_000);

  it('--no-wait leaves the model TRAINING; a later process resumes and finishes the job', () => {
    const started = sql(createModel('m_later', 'fn_later', ', MAX_RUNTIME 5'), ['--no-wait']);
    expect(started.json[0]).toMatchObject({ command: 'CREATE MODEL' });
    expect(started.stderr).toContain('--no-wait');
    expect(showModel('m_later').get('Model State')).toBe('TRAINING');
    const files = readdirSync(join(workspace, 's3', BUCKET));
    expect(files.some((f) => f.startsWith('redshiftml_'))).toBe(true);
    // this process resumes the job on open and waits for it before exiting
    const resumed = sql(`SELECT model_state FROM stv_ml_model_info WHERE model_name = 'm_later'`);
    expect(resumed.json[0]!.rows).toEqual([['Train Model On SageMaker In Progress']]);
    expect(resumed.stderr).toMatch(/m_later: READY/);
    expect(showModel('m_later').get('Model State')).toBe('READY');
    const predicted = sql(`SELECT count(DISTINCT fn_later(${COLS}))::int >= 1 FROM raw_data.orange_telecom_customers`, ['--no-wait']);
    expect(predicted.json[0]!.rows).toEqual([[true]]);
  }, 400_000);
});
