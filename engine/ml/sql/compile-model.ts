/**
 * Compile a TrainedModel to PostgreSQL functions whose results equal the JS `predict` / `predictProba`
 * on every row.
 *
 * Statements (for functionName f):
 *   f__scores(features) float8[]     PL/pgSQL: every raw score of one feature vector (not for linear models)
 *   f__decide(features) bool         PL/pgSQL: binary tree ensembles, score > threshold with early exit
 *   f__argmax(float8[]) int          PL/pgSQL: first index of the maximum (multiclass / k-means only)
 *   f(params) <returnType>           SQL, inlined into the calling query: computes the feature vector once
 *                                    and hands it to f__decide / f__scores (linear models: the whole sum)
 *   f__proba(float8[]) jsonb|json    probabilities from scores
 *   f_probabilities(params)          {"probabilities":[…],"labels":[…]} sorted by probability desc
 *                                    (classification only; Redshift's <function>_probabilities)
 *
 * Why this shape. Benchmark (bench/ml-inference.bench.ts): the churn random forest chosen by AUTO, 150 trees
 * of depth 16 (43,804 nodes) over 21 features; `SELECT count(*) FROM big WHERE predict_churn(19 columns) =
 * 'True'` over 99,990 rows vs the same query without the function (42 ms). PGlite on a shared 2-core machine;
 * variants compared by process CPU time on 9,999 rows (wall time was dominated by other load):
 *   - one inlined SQL expression (each feature expression, COALESCE and cast substituted into every tree
 *     node; every plan also re-parses the 4.8 MB inlined body): 1.17 ms CPU per row; bench 71.3 s (1,658×);
 *   - features computed once by the inlined caller, trees in a PL/pgSQL `RETURN ARRAY[<nested CASE>]` over
 *     float8 arguments: 0.28 ms per row;
 *   - the same scorer as a non-inlined SQL function (FROM clause): stopped after 10 minutes on 9,999 rows
 *     (the executor and the 44k-node expression are set up again for every call), abandoned;
 *   - f__decide with an early exit checked every 2 / 4 / 8 / 16 trees: 0.18 / 0.16 / 0.16 / 0.19 ms per row
 *     (93-100 of the 150 trees walked per row instead of 150); every 8 kept. Bench: 15.2 s (360×).
 * What remains is the tree walk itself: ~125 ns per visited node in PGlite's expression interpreter and
 * ~1,100 visited nodes per row; the per-row overhead of the call and the features is 6.5 µs (a one-tree
 * model: 70 ms per 9,999 rows). Even the nested CASE inlined over precomputed float8 columns (no call, no
 * parameters) takes 1.9 s vs 2.2 s for the PL/pgSQL scorer (all 150 trees, 9,999 rows), so the interpreter
 * is the floor: a plain scan's 1.5× is out of reach for an ensemble this size in SQL.
 *
 * Exactness: every threshold and weight is printed as the shortest round-trip decimal ('…'::float8), so
 * comparisons and sums use bit-identical float8 values in the same order as JS; predicted labels are
 * therefore identical (the early exit of f__decide keeps a margin far above rounding error). Probabilities
 * go through exp(), whose last bit may differ between libm and V8: compare them with a tolerance.
 */
import { MlError } from '../errors.js';
import type { TrainedModel } from '../model.js';
import { outputCount } from '../learners/predictor.js';
import type { CellValue, ColumnType } from '../types.js';
import { featureSqlList } from './feature-sql.js';
import { predictorSql } from './predictor-sql.js';
import { probabilitiesBody } from './probabilities-sql.js';
import { ARGMAX_BODY, POSTGRES_MAX_FUNCTION_ARGS, aboveThreshold, decideBody, decidePlan, scorerSignature, scoresBody } from './scorer-sql.js';
import { qualifiedName, quoteIdent, textLiteral } from './sql-text.js';

export { POSTGRES_MAX_FUNCTION_ARGS };

export interface CompileSqlOptions {
  /** Prediction function name, optionally schema-qualified. */
  functionName: string;
  /** Model input column names in the order of the function's parameters (default: the model's order). */
  paramNames?: string[];
  /** SQL type of each parameter (default from the column type: float8 / varchar / bool). */
  paramTypes?: string[];
  /** SQL return type of the prediction (default from the target: bool / int4 / float8 / varchar). */
  returnType?: string;
  /** Type of the probabilities function result (default jsonb; json keeps Redshift's key order). */
  probabilitiesType?: 'jsonb' | 'json';
  /** Name of the probabilities function (default `<functionName>_probabilities`). */
  probabilitiesFunctionName?: string;
}

function defaultParamType(t: ColumnType): string {
  return t === 'number' ? 'float8' : t === 'boolean' ? 'bool' : 'varchar';
}

function defaultReturnType(model: TrainedModel): string {
  if (model.link === 'identity') return 'float8';
  if (model.link === 'cluster') return 'int4';
  const t = model.target?.type;
  if (t === 'boolean') return 'bool';
  if (t === 'number') return model.labels.every((l) => Number.isInteger(l)) ? 'int4' : 'float8';
  return 'varchar';
}

function labelSql(label: CellValue, returnType: string): string {
  return `CAST(${textLiteral(String(label))} AS ${returnType})`;
}

/** Whether the prediction function keeps the whole model inline (cheap, each feature used once). */
function inlineScores(model: TrainedModel): boolean {
  return model.predictor.kind === 'linear';
}

function usesDecide(model: TrainedModel): boolean {
  return (model.link === 'logit' || model.link === 'proba') && model.predictor.kind === 'trees' && model.predictor.outputs === 1;
}

function isClassification(model: TrainedModel): boolean {
  return model.link !== 'identity' && model.link !== 'cluster';
}

/** Names of the functions created for `functionName` (all of them go at DROP MODEL). */
export function compiledFunctionNames(model: TrainedModel, functionName: string, probabilitiesName?: string): string[] {
  const names: string[] = [];
  if (!inlineScores(model)) names.push(`${functionName}__scores`);
  if (usesDecide(model)) names.push(`${functionName}__decide`);
  if (outputCount(model.predictor) > 1) names.push(`${functionName}__argmax`);
  names.push(functionName);
  if (isClassification(model)) names.push(`${functionName}__proba`, probabilitiesName ?? `${functionName}_probabilities`);
  return names;
}

export function compileModelToSql(model: TrainedModel, options: CompileSqlOptions): string[] {
  const names = options.paramNames ?? model.inputColumns.map((c) => c.name);
  if (names.length > POSTGRES_MAX_FUNCTION_ARGS) {
    throw new MlError(`A prediction function can take at most ${POSTGRES_MAX_FUNCTION_ARGS} arguments here; the model has ${names.length}.`);
  }
  const position = model.inputColumns.map((c) => {
    const i = names.findIndex((n) => n.toLowerCase() === c.name.toLowerCase());
    if (i < 0) throw new MlError(`Model input column "${c.name}" is missing from the function parameters.`);
    return i + 1;
  });
  const types = options.paramTypes ?? names.map((n) => {
    const col = model.inputColumns.find((c) => c.name.toLowerCase() === n.toLowerCase());
    return defaultParamType(col?.type ?? 'string');
  });
  if (types.length !== names.length) throw new MlError('paramTypes and paramNames must have the same length.');
  const fn = options.functionName;
  const returnType = options.returnType ?? defaultReturnType(model);
  const signature = names.map((n, i) => `${quoteIdent(n)} ${types[i]}`).join(', ');
  const createFunction = (language: 'sql' | 'plpgsql', name: string, params: string, returns: string, body: string): string =>
    `CREATE OR REPLACE FUNCTION ${qualifiedName(name)}(${params}) RETURNS ${returns} LANGUAGE ${language} IMMUTABLE PARALLEL SAFE AS $fn$ ${body} $fn$`;

  const features = featureSqlList(model.features, model.scaler, (col) => `$${position[col]}`);
  const scorer = scorerSignature(features.length);
  const statements: string[] = [];
  let scoreArray: string;
  if (inlineScores(model)) {
    scoreArray = `ARRAY[${predictorSql(model.predictor, features).join(', ')}]::float8[]`;
  } else {
    statements.push(createFunction('plpgsql', `${fn}__scores`, scorer.params, 'float8[]', scoresBody(model.predictor, scorer.refs)));
    scoreArray = `${qualifiedName(`${fn}__scores`)}(${scorer.args(features)})`;
  }
  const K = outputCount(model.predictor);
  if (K > 1) statements.push(createFunction('plpgsql', `${fn}__argmax`, 'float8[]', 'int4', ARGMAX_BODY));
  const argmax = `${qualifiedName(`${fn}__argmax`)}(${scoreArray})`;
  let prediction: string;
  if (model.link === 'identity') prediction = `(${scoreArray})[1]::${returnType}`;
  else if (model.link === 'cluster') prediction = `(${argmax} - 1)::${returnType}`;
  else if (K === 1) {
    let decision = aboveThreshold(`(${scoreArray})[1]`, model.threshold);
    const plan = usesDecide(model) ? decidePlan(model.predictor, scorer.refs) : null;
    if (plan) {
      statements.push(createFunction('plpgsql', `${fn}__decide`, scorer.params, 'bool', decideBody(plan, model.threshold)));
      decision = `${qualifiedName(`${fn}__decide`)}(${scorer.args(features)})`;
    }
    prediction = `CASE WHEN ${decision} THEN ${labelSql(model.labels[1] ?? null, returnType)} ELSE ${labelSql(model.labels[0] ?? null, returnType)} END`;
  } else {
    prediction = `(ARRAY[${model.labels.map((l) => labelSql(l, returnType)).join(', ')}])[${argmax}]`;
  }
  statements.push(createFunction('sql', fn, signature, returnType, `SELECT ${prediction}`));

  if (isClassification(model)) {
    const jsonType = options.probabilitiesType ?? 'jsonb';
    const proba = probabilitiesBody(model, K, jsonType);
    statements.push(createFunction(proba.language, `${fn}__proba`, 'float8[]', jsonType, proba.body));
    const probaName = options.probabilitiesFunctionName ?? `${fn}_probabilities`;
    statements.push(createFunction('sql', probaName, signature, jsonType, `SELECT ${qualifiedName(`${fn}__proba`)}(${scoreArray})`));
  }
  return statements;
}
