/**
 * Compile a TrainedModel to PostgreSQL functions (LANGUAGE sql IMMUTABLE) whose results equal the JS
 * `predict` / `predictProba` on every row.
 *
 * Statements (for functionName f, K output scores):
 *   f__s0 … f__s{K-1}(params) float8   raw scores (trees: base + Σ nested CASE; linear/MLP: multiply-adds)
 *   f__argmax(float8[]) int             first index of the maximum (multiclass / k-means only)
 *   f(params) <returnType>              prediction (binary: score > threshold; multiclass: argmax)
 *   f_probabilities(params) jsonb|json  {"probabilities":[…],"labels":[…]} sorted by probability desc
 *                                       (classification only; Redshift's <function>_probabilities)
 * The score functions and the binary/regression prediction are single-SELECT SQL functions that the
 * planner inlines into the calling query (no per-row function call), which keeps the per-row cost close
 * to that of evaluating the CASE expressions themselves.
 *
 * Exactness: every threshold and weight is printed as the shortest round-trip decimal ('…'::float8), so
 * comparisons and sums use bit-identical float8 values in the same order as JS; predicted labels are
 * therefore identical. Probabilities go through exp(), whose last bit may differ between libm and V8:
 * compare them with a tolerance (~1e-15 relative).
 */
import { MlError } from '../errors.js';
import type { TrainedModel } from '../model.js';
import { outputCount } from '../learners/predictor.js';
import type { CellValue, ColumnType } from '../types.js';
import { featureSqlList } from './feature-sql.js';
import { predictorSql } from './predictor-sql.js';
import { float8, qualifiedName, quoteIdent, textLiteral } from './sql-text.js';

/** PostgreSQL's FUNC_MAX_ARGS. */
export const POSTGRES_MAX_FUNCTION_ARGS = 100;

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

function labelJson(label: CellValue): string {
  return `${textLiteral(JSON.stringify(label))}::jsonb`;
}

/** Names of the helper functions created for `functionName` (for DROP MODEL). */
export function compiledFunctionNames(model: TrainedModel, functionName: string, probabilitiesName?: string): string[] {
  const k = outputCount(model.predictor);
  const names = Array.from({ length: k }, (_, i) => `${functionName}__s${i}`);
  if (k > 1) names.push(`${functionName}__argmax`);
  names.push(functionName);
  if (model.link !== 'identity' && model.link !== 'cluster') {
    names.push(`${functionName}__proba`, probabilitiesName ?? `${functionName}_probabilities`);
  }
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
  const args = names.map((_, i) => `$${i + 1}`).join(', ');
  const create = (name: string, params: string, returns: string, body: string): string =>
    `CREATE OR REPLACE FUNCTION ${qualifiedName(name)}(${params}) RETURNS ${returns} LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ ${body} $fn$`;

  const x = featureSqlList(model.features, model.scaler, (col) => `$${position[col]}`);
  const scores = predictorSql(model.predictor, x);
  const statements = scores.map((s, k) => create(`${fn}__s${k}`, signature, 'float8', `SELECT ${s}`));
  const scoreCalls = scores.map((_, k) => `${qualifiedName(`${fn}__s${k}`)}(${args})`);
  const K = scores.length;
  if (K > 1) {
    statements.push(
      create(`${fn}__argmax`, 's float8[]', 'int4', 'SELECT i::int4 FROM unnest(s) WITH ORDINALITY AS u(v, i) ORDER BY v DESC, i LIMIT 1'),
    );
  }
  const scoreArray = `ARRAY[${scoreCalls.join(', ')}]`;
  let prediction: string;
  if (model.link === 'identity') prediction = `(${scoreCalls[0]})::${returnType}`;
  else if (model.link === 'cluster') prediction = `(${qualifiedName(`${fn}__argmax`)}(${scoreArray}) - 1)::${returnType}`;
  else if (K === 1) {
    prediction = `CASE WHEN ${scoreCalls[0]} > ${float8(model.threshold)} THEN ${labelSql(model.labels[1] ?? null, returnType)} ELSE ${labelSql(model.labels[0] ?? null, returnType)} END`;
  } else {
    prediction = `(ARRAY[${model.labels.map((l) => labelSql(l, returnType)).join(', ')}])[${qualifiedName(`${fn}__argmax`)}(${scoreArray})]`;
  }
  statements.push(create(fn, signature, returnType, `SELECT ${prediction}`));

  if (model.link === 'logit' || model.link === 'proba' || model.link === 'softmax') {
    const jsonType = options.probabilitiesType ?? 'jsonb';
    const probs =
      model.link === 'logit'
        ? `SELECT ARRAY[1 - p1, p1] AS p FROM (SELECT 1 / (1 + exp(-least(${float8(700)}, greatest(${float8(-700)}, s[1])))) AS p1) q`
        : model.link === 'proba' && K === 1
          ? 'SELECT ARRAY[1 - s[1], s[1]] AS p'
          : model.link === 'proba'
            ? 'SELECT s AS p'
            : `SELECT array_agg(e / z ORDER BY i) AS p FROM (SELECT e, i, sum(e) OVER () AS z FROM (SELECT exp(v - max(v) OVER ()) AS e, i FROM unnest(s) WITH ORDINALITY AS u(v, i)) a) b`;
    const labels = `ARRAY[${model.labels.map(labelJson).join(', ')}]`;
    const build = jsonType === 'json' ? 'json_build_object' : 'jsonb_build_object';
    const agg = jsonType === 'json' ? 'json_agg' : 'jsonb_agg';
    const body =
      `SELECT ${build}('probabilities', ${agg}(pr ORDER BY pr DESC, i), 'labels', ${agg}(lb ORDER BY pr DESC, i)) ` +
      `FROM (${probs}) pp, unnest(pp.p, ${labels}) WITH ORDINALITY AS u(pr, lb, i)`;
    statements.push(create(`${fn}__proba`, 's float8[]', jsonType, body));
    const probaName = options.probabilitiesFunctionName ?? `${fn}_probabilities`;
    statements.push(create(probaName, signature, jsonType, `SELECT ${qualifiedName(`${fn}__proba`)}(${scoreArray})`));
  }
  return statements;
}
