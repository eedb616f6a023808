/**
 * The compiled SQL functions, run in a real PostgreSQL (PGlite), must return exactly the JS predictions.
 */
import { describe, expect, it } from 'vitest';
import type { CellValue, DataTable, TrainedModel } from '../../engine/ml/index.js';
import { compileModelToSql, predict, predictProba, runAutopilot } from '../../engine/ml/index.js';
import { inputsOf, multiclassTable, pgliteForTests, regressionTable, syntheticTable } from './helpers.js';

const pg = pgliteForTests();

function sqlValue(v: CellValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return `'${String(v)}'::float8`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `'${v.replace(/'/g, "''")}'`;
}

/** Load rows into a table, create the functions, and return SQL predictions (and probabilities) per row. */
async function sqlPredictions(model: TrainedModel, name: string, rows: CellValue[][], withProba: boolean) {
  const cols = model.inputColumns.map((c, j) => `c${j} ${c.type === 'number' ? 'float8' : c.type === 'boolean' ? 'bool' : 'varchar'}`);
  await pg.db.exec(`DROP TABLE IF EXISTS t_${name}; CREATE TABLE t_${name} (id int, ${cols.join(', ')})`);
  const values = rows.map((r, i) => `(${i}, ${r.map(sqlValue).join(', ')})`);
  for (let i = 0; i < values.length; i += 500) await pg.db.exec(`INSERT INTO t_${name} VALUES ${values.slice(i, i + 500).join(',')}`);
  for (const stmt of compileModelToSql(model, { functionName: `ml_${name}` })) await pg.db.exec(stmt);
  const count = await pg.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM t_${name}`);
  expect(count.rows[0]?.n).toBe(rows.length);
  const args = model.inputColumns.map((_, j) => `c${j}`).join(', ');
  const proba = withProba ? `, ml_${name}_probabilities(${args})::text AS proba` : '';
  const res = await pg.db.query<{ id: number; pred: unknown; proba?: string }>(
    `SELECT id, ml_${name}(${args}) AS pred${proba} FROM t_${name} ORDER BY id`,
  );
  return res.rows;
}

async function expectSqlEqualsJs(model: TrainedModel, name: string, rows: CellValue[][]) {
  const classification = model.link !== 'identity' && model.link !== 'cluster';
  const got = await sqlPredictions(model, name, rows, classification);
  expect(got).toHaveLength(rows.length);
  let mismatches = 0;
  got.forEach((r, i) => {
    const js = predict(model, rows[i] as CellValue[]);
    if (r.pred !== js) mismatches++;
    if (classification && r.proba) {
      const p = JSON.parse(r.proba) as { probabilities: number[]; labels: CellValue[] };
      const jp = predictProba(model, rows[i] as CellValue[]);
      expect(p.labels).toEqual(jp.labels);
      p.probabilities.forEach((v, k) => {
        const expected = jp.probabilities[k] as number;
        if (Number.isNaN(expected)) expect(String(v)).toBe('NaN');
        else expect(Math.abs(v - expected)).toBeLessThan(1e-12);
      });
    }
  });
  expect(mismatches).toBe(0);
}

function trainingOf(table: DataTable, n: number): DataTable {
  return { columns: table.columns, rows: table.rows.slice(0, n) };
}

describe('compileModelToSql: SQL predictions equal JS predictions on every row', () => {
  const binary = syntheticTable(1400, 11, true);
  const train = trainingOf(binary, 1000);
  const testRows = inputsOf({ columns: binary.columns, rows: binary.rows.slice(1000) }, 'Label');
  // rows with NULLs everywhere, unseen categories and NaN exercise imputation and NaN routing in both engines
  testRows.push(
    [null, null, null, null, null, null, null],
    [1, 2, 3, 4, 'unknown-plan', 'unknown-city', true],
    [Number.NaN, 5, Number.NaN, 1, 'gold', 'c3', false],
    [Number.NaN, Number.NaN, Number.NaN, Number.NaN, 'silver', null, null],
  );

  for (const modelType of ['XGBOOST', 'LINEAR_LEARNER', 'MLP'] as const) {
    it(`binary ${modelType}`, async () => {
      const r = await runAutopilot({ table: train, target: 'Label', modelType, seed: 3 });
      expect(r.model.algorithm).toBe(modelType === 'XGBOOST' ? 'gbdt' : modelType === 'MLP' ? 'mlp' : 'logistic_regression');
      await expectSqlEqualsJs(r.model, `bin_${modelType.toLowerCase()}`, testRows);
    });
  }
  it('binary random forest and decision tree (probability link), and the AUTO winner', async () => {
    const { fitFinalModel } = await import('../../engine/ml/final-model.js');
    const { planColumns } = await import('../../engine/ml/preprocess.js');
    const { encodeTarget } = await import('../../engine/ml/target.js');
    const { createRng } = await import('../../engine/ml/random.js');
    const inputs = { columns: train.columns.slice(0, 7), rows: inputsOf(train, 'Label') };
    const target = encodeTarget(train.rows.map((r) => r[7] ?? null), 'boolean', 'Label', 'BINARY_CLASSIFICATION');
    const plans = planColumns(inputs, -1);
    for (const [algorithm, params] of [['random_forest', { trees: 30, maxDepth: 10 }], ['decision_tree', { maxDepth: 5 }]] as const) {
      const model = fitFinalModel(
        { inputs, targetDef: { name: 'Label', type: 'boolean' }, target, task: 'binary', plans, derived: [], algorithm, params, objective: 'F1' },
        createRng(1),
      );
      expect(model.link).toBe('proba');
      await expectSqlEqualsJs(model, `bin_${algorithm}`, testRows);
    }
    // an ensemble (averaged boosted models) is one tree predictor with scale 1/m
    const ensemble = fitFinalModel(
      {
        inputs,
        targetDef: { name: 'Label', type: 'boolean' },
        target,
        task: 'binary',
        plans,
        derived: [],
        algorithm: 'gbdt',
        params: { ensembleMembers: 3 },
        members: [
          { rounds: 20, maxDepth: 4, maxBins: 255 },
          { rounds: 15, maxDepth: 6, subsample: 0.8, colsample: 0.7, maxBins: 255 },
          { rounds: 30, maxDepth: 3, learningRate: 0.2, maxBins: 255 },
        ],
        objective: 'F1',
        threshold: -0.3,
      },
      createRng(2),
    );
    expect(ensemble.predictor.kind === 'trees' && ensemble.predictor.scale).toBeCloseTo(1 / 3, 15);
    expect(ensemble.memberParams).toHaveLength(3);
    await expectSqlEqualsJs(ensemble, 'bin_ensemble', testRows);
    const r = await runAutopilot({ table: train, target: 'Label', seed: 4 });
    await expectSqlEqualsJs(r.model, 'bin_auto', testRows);
  }, 240_000);
  it('multiclass (softmax boosting) with string labels', async () => {
    const t = multiclassTable(800);
    const r = await runAutopilot({ table: trainingOf(t, 600), target: 'cls', modelType: 'XGBOOST', seed: 5 });
    expect(r.problemType).toBe('MULTICLASS_CLASSIFICATION');
    await expectSqlEqualsJs(r.model, 'multi', inputsOf({ columns: t.columns, rows: t.rows.slice(600) }, 'cls'));
  });
  it('regression (float8 result identical)', async () => {
    const t = regressionTable(800);
    for (const modelType of ['XGBOOST', 'LINEAR_LEARNER'] as const) {
      const r = await runAutopilot({ table: trainingOf(t, 600), target: 'y', modelType, seed: 6 });
      expect(r.problemType).toBe('REGRESSION');
      await expectSqlEqualsJs(r.model, `reg_${modelType.toLowerCase()}`, inputsOf({ columns: t.columns, rows: t.rows.slice(600) }, 'y'));
    }
  });
  it('k-means cluster ids', async () => {
    const t = regressionTable(700);
    const r = await runAutopilot({ table: t, target: '', modelType: 'KMEANS', auto: false, hyperparameters: { K: '4' }, seed: 7 });
    await expectSqlEqualsJs(r.model, 'km', [...t.rows.slice(0, 200), [Number.NaN, 1, 2], [null, Number.NaN, null]]);
  });
  it('the prediction function is inlined and hands the feature vector, computed once, to one scorer call', async () => {
    const plan = await pg.db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN VERBOSE SELECT ml_bin_xgboost(c0, c1, c2, c3, c4, c5, c6) FROM t_bin_xgboost`,
    );
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    // the caller's plan holds one call of the PL/pgSQL decision function, not the trees' CASE nodes
    expect(text.match(/ml_bin_xgboost__decide\(/g)).toHaveLength(1);
    expect(text).not.toMatch(/ml_bin_xgboost\(/);
    const body = await pg.db.query<{ lang: string; src: string }>(
      `SELECT l.lanname AS lang, p.prosrc AS src FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = 'ml_bin_xgboost__decide'`,
    );
    expect(body.rows[0]?.lang).toBe('plpgsql');
    // the trees compare the float8 arguments directly (no cast or COALESCE per node)
    expect(body.rows[0]?.src).toMatch(/CASE WHEN \$\d+ <= '[^']+'::float8 THEN/);
    expect(body.rows[0]?.src).not.toContain('COALESCE');
  });
});
