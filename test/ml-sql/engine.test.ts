/**
 * Redshift ML statements on one workspace through the engine API: privileges (CREATE MODEL,
 * EXECUTE ON MODEL), the state machine seen from SQL and from the Models-panel API, predictions in
 * WHERE / GROUP BY / CTAS equal to JS predictions, SHOW MODEL for owner and grantee, cost, snapshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse, QueryResult } from '../../engine';
import { openTempWorkspace } from '../../engine/node';
import { deserializeModel, predict } from '../../engine/ml/index';
import { compiledFunctionNames } from '../../engine/ml/sql/compile-model';
import { listModels, onModelEvent, trainedModelJson, waitForTraining, type ModelEvent } from '../../engine/features/ml';
import { costSummary } from '../../engine/features/cluster';
import { snapshotStorePrefixes } from '../../engine/features/snapshots/store-prefixes';
import { aws, makeRole } from '../spectrum/helpers';

let wh: EmbeddedWarehouse;
let role: string;

async function run(user: string, sql: string): Promise<Array<{ result?: QueryResult; error?: { code: string; message: string; position?: number } }>> {
  const session = await wh.session(user);
  try {
    const outcomes = await session.execute(sql, { continueOnError: true });
    return outcomes.map((o) => (o.ok ? { result: o.result } : { error: o.error }));
  } finally {
    await session.close();
  }
}
async function rows(user: string, sql: string): Promise<unknown[][]> {
  const [o] = await run(user, sql);
  if (o?.error) throw new Error(`${o.error.code} ${o.error.message}`);
  return o!.result!.rows;
}
const create = (name: string, fn: string, extra = '', settings = '') => `CREATE MODEL ${name}
  FROM (SELECT a, b, c, label FROM public.ml_data WHERE id <= 700) TARGET label FUNCTION ${fn}
  IAM_ROLE '${role}' ${extra} SETTINGS (S3_BUCKET 'ml-lab', MAX_RUNTIME 4${settings})`;

beforeAll(async () => {
  wh = await openTempWorkspace({ seeded: false });
  role = await makeRole(wh, 'RedshiftML', ['AmazonS3FullAccess', 'AmazonSageMakerFullAccess']);
  await aws(wh, ['s3', 'mb', 's3://ml-lab']);
  await rows('awsuser', `CREATE TABLE public.ml_data AS
    SELECT i AS id, (i * 37 % 100)::float8 AS a, (i * 53 % 100)::float8 AS b,
           CASE i % 3 WHEN 0 THEN 'x' WHEN 1 THEN 'y' ELSE 'z' END::varchar AS c,
           ((i * 37 % 100) + (i * 53 % 100) + CASE i % 3 WHEN 0 THEN 20 ELSE 0 END > 100) AS label,
           DATE '2024-01-01' + i AS day
      FROM generate_series(1, 900) AS i`);
  await rows('awsuser', `CREATE USER alice PASSWORD 'Alice2024x'; CREATE USER bob PASSWORD 'Bob2024xyz'`);
}, 120_000);
afterAll(async () => {
  await waitForTraining(wh);
  await wh.close();
});

describe('Redshift ML statements', () => {
  it('only superusers and holders of CREATE MODEL may create models; table privileges apply', async () => {
    const [denied] = await run('alice', create('alice_model', 'alice_fn'));
    expect(denied!.error).toMatchObject({ code: '42501', message: 'permission denied to create model' });
    const [grantByUser] = await run('bob', 'GRANT CREATE MODEL TO alice');
    expect(grantByUser!.error).toMatchObject({ code: '42501' });
    await rows('awsuser', 'GRANT CREATE MODEL TO alice');
    const [noSelect] = await run('alice', create('alice_model', 'alice_fn'));
    expect(noSelect!.error).toMatchObject({ code: '42501', message: 'permission denied for relation ml_data' });
    await rows('awsuser', 'REVOKE CREATE MODEL FROM alice');
    await rows('awsuser', 'GRANT SELECT ON public.ml_data TO alice');
    const [revoked] = await run('alice', create('alice_model', 'alice_fn'));
    expect(revoked!.error).toMatchObject({ code: '42501', message: 'permission denied to create model' });
    await rows('awsuser', 'GRANT CREATE MODEL TO PUBLIC');
    const [created] = await run('alice', create('alice_model', 'alice_fn'));
    expect(created!.result?.command).toBe('CREATE MODEL');
    await rows('awsuser', 'REVOKE CREATE MODEL FROM PUBLIC');
  });

  it('rejects unsupported targets and bad syntax with positions', async () => {
    const [dateTarget] = await run('awsuser', create('m_date', 'f_date').replace('a, b, c, label', 'a, b, c, day').replace('TARGET label', 'TARGET day'));
    expect(dateTarget!.error).toMatchObject({ code: '0A000', message: expect.stringContaining('unsupported data type DATE') });
    const [badType] = await run('awsuser', create('m_t', 'f_t', 'MODEL_TYPE RANDOM'));
    expect(badType!.error).toMatchObject({ code: '22023', message: expect.stringContaining('invalid MODEL_TYPE "random"') });
    const [order] = await run('awsuser', create('m_o', 'f_o', "OBJECTIVE 'F1' MODEL_TYPE XGBOOST"));
    expect(order!.error).toMatchObject({ code: '42601', message: 'syntax error at or near "MODEL_TYPE"' });
    const [badSql] = await run('awsuser', create('m_q', 'f_q').replace('FROM public.ml_data', 'FROM public.no_such_table'));
    expect(badSql!.error).toMatchObject({ code: '42P01', message: 'relation "public.no_such_table" does not exist' });
    const statement = create('m_q', 'f_q').replace('FROM public.ml_data', 'FROM public.no_such_table');
    expect(badSql!.error!.position).toBe(statement.indexOf('public.no_such_table') + 1);
  });

  it('trains in the background: TRAINING in SQL and in the API, progress events, then READY', async () => {
    const events: ModelEvent[] = [];
    const unsubscribe = onModelEvent(wh, (e) => events.push(e));
    const outcomes = await run('awsuser', `${create('label_model', 'predict_label')};
      SELECT predict_label(1, 2, 'x');
      SELECT model_state FROM stv_ml_model_info WHERE model_name = 'label_model';
      SHOW MODEL label_model`);
    expect(outcomes[0]!.result?.command).toBe('CREATE MODEL');
    expect(outcomes[1]!.error).toMatchObject({ code: '55000', message: 'model "public.label_model" is not ready (state: TRAINING)' });
    expect(outcomes[2]!.result?.rows).toEqual([['Train Model On SageMaker In Progress']]);
    expect(outcomes[3]!.result?.rows).toContainEqual(['Model State', 'TRAINING']);
    const training = (await listModels(wh)).find((m) => m.definition.name === 'label_model')!;
    expect(training.state).toBe('TRAINING');
    await waitForTraining(wh);
    unsubscribe();
    const withEntries = events.filter((e) => e.name === 'label_model' && e.progress.leaderboard.length > 0);
    expect(withEntries.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.name === 'label_model').at(-1)?.state).toBe('READY');
    const ready = (await listModels(wh)).find((m) => m.definition.name === 'label_model')!;
    expect(ready.state).toBe('READY');
    expect(ready.reports?.leaderboard.length).toBeGreaterThan(0);
    expect(ready.progress?.done).toBe(ready.reports?.leaderboard.length);
    expect(ready.definition.result?.problemType).toBe('BINARY_CLASSIFICATION');
    expect(await rows('awsuser', "SELECT model_state FROM stv_ml_model_info WHERE model_name = 'label_model'")).toEqual([['Model is Ready']]);
  }, 120_000);

  it('predictions work in SELECT, WHERE, GROUP BY and CTAS and equal the JS predictions', async () => {
    const model = deserializeModel((await trainedModelJson(wh, 'public', 'label_model'))!);
    const scored = await rows('awsuser', 'SELECT a, b, c, predict_label(a, b, c) FROM public.ml_data ORDER BY id');
    expect(scored).toHaveLength(900);
    const mismatches = scored.filter((r) => predict(model, [r[0], r[1], r[2]] as Array<number | string>) !== r[3]);
    expect(mismatches).toEqual([]);
    const grouped = await rows('awsuser', 'SELECT predict_label(a, b, c) AS p, count(*)::int FROM public.ml_data GROUP BY 1 ORDER BY 1');
    expect(grouped.reduce((s, r) => s + (r[1] as number), 0)).toBe(900);
    const filtered = await rows('awsuser', 'SELECT count(*)::int FROM public.ml_data WHERE predict_label(a, b, c)');
    expect(filtered[0]![0]).toBe(scored.filter((r) => r[3] === true).length);
    await rows('awsuser', 'CREATE TABLE public.scored AS SELECT id, predict_label(a, b, c) AS p FROM public.ml_data');
    const stored = await rows('awsuser', 'SELECT p FROM public.scored ORDER BY id');
    expect(stored.map((r) => r[0])).toEqual(scored.map((r) => r[3]));
    const accuracy = await rows('awsuser', 'SELECT avg(CASE WHEN s.p = d.label THEN 1.0 ELSE 0 END)::float8 FROM public.scored s JOIN public.ml_data d USING (id) WHERE d.id > 700');
    expect(accuracy[0]![0] as number).toBeGreaterThan(0.8);
    const proba = await rows('awsuser', "SELECT predict_label_probabilities(50, 60, 'x')");
    const p = proba[0]![0] as { probabilities: number[]; labels: boolean[] };
    expect(Object.keys(p)).toEqual(['probabilities', 'labels']);
    expect(p.probabilities[0]!).toBeGreaterThanOrEqual(p.probabilities[1]!);
    expect(p.probabilities[0]! + p.probabilities[1]!).toBeCloseTo(1, 12);
  }, 60_000);

  it('EXECUTE ON MODEL governs the prediction functions; SHOW MODEL hides owner-only rows', async () => {
    const [denied] = await run('bob', "SELECT predict_label(1, 2, 'x')");
    expect(denied!.error).toMatchObject({ code: '42501', message: 'permission denied for function predict_label' });
    const [hidden] = await run('bob', 'SHOW MODEL label_model');
    expect(hidden!.error).toMatchObject({ code: '42501', message: 'permission denied for model label_model' });
    const [notOwner] = await run('alice', 'GRANT EXECUTE ON MODEL label_model TO bob');
    expect(notOwner!.error).toMatchObject({ code: '42501' });
    await rows('awsuser', 'GRANT EXECUTE ON MODEL label_model TO bob');
    expect(await rows('bob', "SELECT predict_label(1, 2, 'x') IS NOT NULL")).toEqual([[true]]);
    const shown = new Map((await rows('bob', 'SHOW MODEL label_model')) as Array<[string, string]>);
    expect(shown.get('Model State')).toBe('READY');
    expect(shown.has('IAM Role')).toBe(false);
    expect(shown.has('S3 Bucket')).toBe(false);
    expect(shown.has('Estimated Cost')).toBe(false);
    expect(await rows('bob', 'SHOW MODEL ALL')).toEqual([['public', 'label_model']]);
    const [dropDenied] = await run('bob', 'DROP MODEL label_model');
    expect(dropDenied!.error).toMatchObject({ code: '42501', message: 'must be owner of model label_model' });
    await rows('awsuser', 'REVOKE EXECUTE ON MODEL label_model FROM bob');
    const [again] = await run('bob', "SELECT predict_label(1, 2, 'x')");
    expect(again!.error).toMatchObject({ code: '42501' });
    const [unknown] = await run('awsuser', 'GRANT EXECUTE ON MODEL nope TO bob');
    expect(unknown!.error).toMatchObject({ code: '42704', message: 'model "nope" does not exist' });
  });

  it("the owner's model (alice) is READY with her functions; AUTO OFF XGBOOST shows its hyperparameters", async () => {
    await waitForTraining(wh);
    expect(await rows('alice', "SELECT alice_fn(1, 2, 'y') IS NOT NULL")).toEqual([[true]]);
    const [denied] = await run('bob', "SELECT alice_fn(1, 2, 'y')");
    expect(denied!.error).toMatchObject({ code: '42501' });
    await rows('awsuser', `${create('xgb_model', 'xgb_fn', "AUTO OFF MODEL_TYPE XGBOOST OBJECTIVE 'binary:logistic' PREPROCESSORS 'none' HYPERPARAMETERS DEFAULT EXCEPT (NUM_ROUND '20', MAX_DEPTH '3')")}`);
    await waitForTraining(wh);
    const shown = new Map((await rows('awsuser', 'SHOW MODEL xgb_model')) as Array<[string, string]>);
    expect(shown.get('Model State')).toBe('READY');
    expect(shown.get('Model Type')).toBe('xgboost');
    expect(shown.get('Hyperparameter num_round')).toBe('20');
    expect(shown.get('Max Runtime')).toBe('4');
  }, 120_000);

  it('bills the estimated SageMaker cost and keeps models in snapshots', async () => {
    const { ledger } = await costSummary(wh);
    const ml = ledger.lines.find((l) => l.kind === 'ml');
    expect(ml?.quantity).toBeGreaterThanOrEqual(3);
    const shown = new Map((await rows('awsuser', 'SHOW MODEL label_model')) as Array<[string, string]>);
    expect(ml!.usd).toBeGreaterThan(Number(shown.get('Estimated Cost')));
    expect(snapshotStorePrefixes).toContain('meta/models/');
  });

  it('DROP MODEL removes every function the compiled model created (scorers included)', async () => {
    await waitForTraining(wh);
    const model = deserializeModel((await trainedModelJson(wh, 'public', 'xgb_model'))!);
    const expected = compiledFunctionNames(model, 'xgb_fn').sort();
    expect(expected).toContain('xgb_fn__scores');
    expect(expected).toContain('xgb_fn__decide');
    const functions = async () =>
      (await rows('awsuser', "SELECT proname FROM pg_catalog.pg_proc WHERE proname LIKE 'xgb!_fn%' ESCAPE '!' ORDER BY 1")).map((r) => r[0]);
    expect(await functions()).toEqual(expected);
    await rows('awsuser', 'DROP MODEL xgb_model');
    expect(await functions()).toEqual([]);
    const [gone] = await run('awsuser', "SELECT xgb_fn(1, 2, 'x')");
    expect(gone!.error).toMatchObject({ code: '42883' });
  });
});
