/**
 * The compiled scorer's edge cases, on hand-built models whose answers are known: the early exit of the
 * binary decision at and around the threshold, NaN and NULL inputs, more features than PostgreSQL allows
 * function arguments (array-argument scorer), NaN in k-means / multiclass argmax, and that the function
 * names reported for DROP MODEL are exactly the functions created.
 */
import { describe, expect, it } from 'vitest';
import type { CellValue, TrainedModel } from '../../engine/ml/index.js';
import { compileModelToSql, predict } from '../../engine/ml/index.js';
import { compiledFunctionNames } from '../../engine/ml/sql/compile-model.js';
import type { FeatureSpec } from '../../engine/ml/features.js';
import type { Predictor } from '../../engine/ml/learners/predictor.js';
import type { TreeModel } from '../../engine/ml/learners/tree-model.js';
import { MODEL_FORMAT } from '../../engine/ml/model.js';
import { pgliteForTests } from './helpers.js';

const pg = pgliteForTests();

/** x[feature] <= threshold → left leaf, else right leaf. */
function stump(feature: number, threshold: number, left: number, right: number): TreeModel {
  return { feature: [feature, -1, -1], threshold: [threshold, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, left, right], cover: [2, 1, 1], width: 1 };
}

function model(parts: Partial<TrainedModel> & Pick<TrainedModel, 'predictor' | 'link' | 'features'>, inputs: string[]): TrainedModel {
  return {
    format: MODEL_FORMAT,
    version: 1,
    problemType: parts.link === 'identity' ? 'REGRESSION' : parts.link === 'cluster' ? null : 'BINARY_CLASSIFICATION',
    objective: null,
    target: parts.link === 'cluster' ? null : { name: 'y', type: parts.link === 'identity' ? 'number' : 'boolean' },
    inputColumns: inputs.map((name) => ({ name, type: 'number' as const })),
    labels: [false, true],
    positiveIndex: 1,
    scaler: null,
    threshold: 0.5,
    algorithm: 'gbdt',
    params: {},
    ...parts,
  };
}

const sqlNumber = (v: CellValue): string => (v === null ? 'NULL' : `'${String(v)}'::float8`);

/** Creates the functions, then returns the SQL prediction of every row (one SELECT over a VALUES list). */
async function sqlPredict(m: TrainedModel, name: string, rows: CellValue[][]): Promise<unknown[]> {
  for (const stmt of compileModelToSql(m, { functionName: name })) await pg.db.exec(stmt);
  const cols = m.inputColumns.map((_, j) => `c${j}`);
  const values = rows.map((r, i) => `(${i}, ${r.map(sqlNumber).join(', ')})`).join(', ');
  const res = await pg.db.query<{ p: unknown }>(`SELECT ${name}(${cols.join(', ')}) AS p FROM (VALUES ${values}) AS v(id, ${cols.join(', ')}) ORDER BY id`);
  return res.rows.map((r) => r.p);
}

describe('compiled scorer edge cases', () => {
  it('binary early exit answers exactly at, just below and just above the threshold', async () => {
    // 48 stumps (three chunks of 16): tree t adds 1 when x > t, so the score is #{t < x} / 48 against 0.5
    const trees = Array.from({ length: 48 }, (_, t) => stump(0, t, 0, 1));
    const predictor: Predictor = { kind: 'trees', outputs: 1, trees, treeOutput: trees.map(() => 0), base: [0], scale: 1 / 48 };
    const m = model({ predictor, link: 'proba', features: [{ kind: 'number', name: 'x', col: 0, fill: 23.5 }] }, ['x']);
    const rows: CellValue[][] = [];
    for (let x = -2; x <= 50; x += 0.25) rows.push([x]);
    rows.push([null], [Number.NaN], [Infinity], [-Infinity], [24], [24.000000001], [23.999999999]);
    const got = await sqlPredict(m, 'edge_stumps', rows);
    expect(got).toEqual(rows.map((r) => predict(m, r)));
    // x = 24: 24 trees (t < 24) → exactly 0.5, not > 0.5; x = 24.25: 25 trees → true
    expect(got[rows.findIndex((r) => r[0] === 24)]).toBe(false);
    expect(got[rows.findIndex((r) => r[0] === 24.25)]).toBe(true);
    expect(got[rows.length - 6]).toBe(true); // NaN goes right in every tree
    // the decision function has early exits after the second chunk (where 16 remaining trees cannot reach 24)
    const src = await pg.db.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = 'edge_stumps__decide'`);
    expect(src.rows[0]?.src).toContain('RETURN false');
  });

  it('mixed-sign margins (boosting with a logit link): early exit never changes a label', async () => {
    const trees = Array.from({ length: 40 }, (_, t) => stump(t % 2, (t % 7) - 3, t % 3 === 0 ? -0.4 : 0.3, t % 3 === 0 ? 0.5 : -0.2));
    const predictor: Predictor = { kind: 'trees', outputs: 1, trees, treeOutput: trees.map(() => 0), base: [-0.1], scale: 1 };
    const m = model(
      {
        predictor,
        link: 'logit',
        threshold: 0.35,
        features: [
          { kind: 'number', name: 'a', col: 0, fill: 0 },
          { kind: 'number', name: 'b', col: 1, fill: 1 },
        ],
      },
      ['a', 'b'],
    );
    const rows: CellValue[][] = [];
    for (let a = -5; a <= 5; a += 0.5) for (let b = -5; b <= 5; b += 1) rows.push([a, b]);
    rows.push([null, null], [Number.NaN, 2], [2, Number.NaN]);
    expect(await sqlPredict(m, 'edge_logit', rows)).toEqual(rows.map((r) => predict(m, r)));
    // DECIMAL parameters (Redshift tables often use them): each is cast to float8 once per row, same labels
    for (const stmt of compileModelToSql(m, { functionName: 'edge_numeric', paramTypes: ['numeric', 'numeric'] })) await pg.db.exec(stmt);
    const decimals = await pg.db.query<{ a: string; b: string; p: boolean }>(
      `SELECT a::text, b::text, edge_numeric(a, b) AS p FROM (SELECT (i / 4.0 - 5)::numeric(6,2) AS a, (i % 11 - 5)::numeric(6,2) AS b FROM generate_series(0, 40) i) d`,
    );
    expect(decimals.rows).toHaveLength(41);
    for (const r of decimals.rows) expect(r.p).toBe(predict(m, [Number(r.a), Number(r.b)]));
    // infinite leaves (no early exit possible): +∞ + −∞ is NaN, and NaN > threshold is false in both engines
    const inf = [stump(0, 0, Infinity, 0), stump(1, 0, -Infinity, 1)];
    const mi = model({ ...m, predictor: { kind: 'trees', outputs: 1, trees: inf, treeOutput: [0, 0], base: [0], scale: 1 } }, ['a', 'b']);
    const infRows: CellValue[][] = [[-1, -1], [-1, 1], [1, -1], [1, 1]];
    const got = await sqlPredict(mi, 'edge_inf', infRows);
    expect(got).toEqual(infRows.map((r) => predict(mi, r)));
    expect(got).toEqual([false, true, false, true]);
  });

  it('more features than function arguments: the scorer takes a float8[]', async () => {
    // 105 features over 2 inputs (each input imputed with different fills); trees read features 0, 57 and 104
    const features: FeatureSpec[] = Array.from({ length: 105 }, (_, j) => ({ kind: 'number', name: `f${j}`, col: j % 2, fill: j }));
    const trees = [stump(0, 1.5, 10, 20), stump(57, 60, 1, 2), stump(104, -1, 0.25, 0.5)];
    const predictor: Predictor = { kind: 'trees', outputs: 1, trees, treeOutput: [0, 0, 0], base: [0.125], scale: 1 };
    const m = model({ predictor, link: 'identity', features }, ['u', 'v']);
    const rows: CellValue[][] = [[0, 0], [2, 70], [null, null], [null, 59], [Number.NaN, -3], [1.5, Number.NaN]];
    const got = await sqlPredict(m, 'edge_wide', rows);
    expect(got).toEqual(rows.map((r) => predict(m, r)));
    // NULLs take each feature's own fill: f0 = 0 ≤ 1.5 → 10, f57 = 57 ≤ 60 → 1, f104 = 104 > -1 → 0.5
    expect(got[2]).toBe(0.125 + 10 + 1 + 0.5);
    const args = await pg.db.query<{ args: string }>(`SELECT pg_get_function_identity_arguments('edge_wide__scores'::regproc) AS args`);
    expect(args.rows[0]?.args).toBe('double precision[]');
  });

  it('k-means and multiclass argmax treat NaN scores like JS (a NaN never wins)', async () => {
    const features: FeatureSpec[] = [
      { kind: 'number', name: 'a', col: 0, fill: 0 },
      { kind: 'number', name: 'b', col: 1, fill: 0 },
    ];
    const km = model(
      { predictor: { kind: 'kmeans', centroids: [[0, 0], [5, 5], [10, 0]] }, link: 'cluster', features, labels: [0, 1, 2], scaler: { mean: [0, 0], std: [1, 1] } },
      ['a', 'b'],
    );
    const rows: CellValue[][] = [[0, 0], [5, 4], [9, 1], [Number.NaN, 5], [10, Number.NaN], [null, 5], [7.5, 2.5]];
    const got = await sqlPredict(km, 'edge_km', rows);
    expect(got).toEqual(rows.map((r) => predict(km, r)));
    expect(got[3]).toBe(0);
    // multiclass trees: NaN goes right in every tree, so class scores stay finite and the argmax is exact
    const trees = [stump(0, 1, 1, 0), stump(0, 2, 0, 1), stump(1, 0.5, 0.2, 0.7)];
    const multi = model(
      {
        predictor: { kind: 'trees', outputs: 3, trees, treeOutput: [0, 1, 2], base: [0, 0, 0], scale: 1 },
        link: 'softmax',
        problemType: 'MULTICLASS_CLASSIFICATION',
        target: { name: 'cls', type: 'string' },
        labels: ['low', 'mid', 'high'],
        features,
      },
      ['a', 'b'],
    );
    const mrows: CellValue[][] = [[0, 0], [1.5, 0], [3, 0], [3, 1], [Number.NaN, Number.NaN], [null, null], [1, 0.5]];
    expect(await sqlPredict(multi, 'edge_multi', mrows)).toEqual(mrows.map((r) => predict(multi, r)));
  });

  it('compiledFunctionNames lists exactly the functions each model creates', async () => {
    const cases: Array<[string, TrainedModel]> = [];
    const tree = stump(0, 1, 0, 1);
    const features: FeatureSpec[] = [{ kind: 'number', name: 'a', col: 0, fill: 0 }];
    cases.push(['names_rf', model({ predictor: { kind: 'trees', outputs: 1, trees: [tree], treeOutput: [0], base: [0], scale: 1 }, link: 'proba', features }, ['a'])]);
    cases.push(['names_lin', model({ predictor: { kind: 'linear', weights: [[2]], intercepts: [1] }, link: 'logit', features }, ['a'])]);
    cases.push(['names_reg', model({ predictor: { kind: 'mlp', hiddenWeights: [[1]], hiddenBias: [0], outWeights: [[1]], outBias: [0] }, link: 'identity', features }, ['a'])]);
    cases.push(['names_km', model({ predictor: { kind: 'kmeans', centroids: [[0], [1]] }, link: 'cluster', features, labels: [0, 1] }, ['a'])]);
    for (const [name, m] of cases) {
      for (const stmt of compileModelToSql(m, { functionName: name })) await pg.db.exec(stmt);
      const created = await pg.db.query<{ proname: string }>(`SELECT proname FROM pg_proc WHERE proname LIKE '${name}%' ORDER BY 1`);
      expect(created.rows.map((r) => r.proname)).toEqual([...compiledFunctionNames(m, name)].sort());
    }
  });
});
