/**
 * The prediction function `f(…)` and `f_probabilities(…)` of a model, inside PostgreSQL.
 *
 * While the model trains (or after it failed) they are placeholders raising
 *   `model "<schema>.<model>" is not ready (state: TRAINING)` SQLSTATE 55000
 * (Redshift's own wording for this case is not documented; this names the model and its state so the
 * student knows to wait for SHOW MODEL … READY). Once READY they are the model compiled to SQL
 * (`compileModelToSql`). All of a model's functions are owned by the model's owner, PUBLIC's default
 * EXECUTE is revoked, and EXECUTE is granted to the holders of EXECUTE ON MODEL.
 */
import type { SqlBackend } from '../../backend/backend';
import { quoteIdent, quoteLiteral } from '../../sql/quote';
import { compileModelToSql, deserializeModel } from '../../ml/index';
import type { ModelDefinition } from './model-store';

const PROBABILITIES_SUFFIX = '_probabilities';

export interface ModelGrantee {
  kind: string;
  name: string;
}

function fn(def: ModelDefinition, name: string): string {
  return `${quoteIdent(def.schema)}.${quoteIdent(name)}`;
}

function signature(def: ModelDefinition): string {
  return def.paramNames.map((n, i) => `${quoteIdent(n)} ${def.paramTypes[i]}`).join(', ');
}

/** Whether the model may get a `_probabilities` function (classification, as far as known now). */
export function mayHaveProbabilities(def: ModelDefinition): boolean {
  if (def.modelType === 'KMEANS') return false;
  const problem = def.result?.problemType ?? def.problemType;
  // unknown until training infers it: the placeholder is replaced (or dropped) at READY
  return problem ? problem !== 'REGRESSION' : true;
}

/** Every function of the model's schema that belongs to the model (by name), as regprocedure text. */
async function modelFunctions(backend: SqlBackend, def: ModelDefinition): Promise<string[]> {
  const base = def.functionName;
  const r = await backend.query(
    `SELECT p.oid::regprocedure::text FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND (p.proname = $2 OR p.proname = $3 OR p.proname LIKE $4 ESCAPE '!')`,
    [def.schema, base, base + PROBABILITIES_SUFFIX, base.replace(/[!%_]/g, '!$&') + '!_!_%'],
  );
  return r.rows.map((row) => String(row[0]));
}

export async function dropPredictionFunctions(backend: SqlBackend, def: ModelDefinition): Promise<void> {
  for (const f of await modelFunctions(backend, def)) await backend.query(`DROP FUNCTION IF EXISTS ${f} CASCADE`);
}

function granteeSql(g: ModelGrantee): string {
  return g.kind === 'public' ? 'PUBLIC' : quoteIdent(g.name);
}

async function applyOwnershipAndGrants(backend: SqlBackend, def: ModelDefinition, grantees: ModelGrantee[]): Promise<void> {
  for (const f of await modelFunctions(backend, def)) {
    await backend.query(`ALTER FUNCTION ${f} OWNER TO ${quoteIdent(def.owner)}`);
    await backend.query(`REVOKE ALL ON FUNCTION ${f} FROM PUBLIC`);
    for (const g of grantees) await backend.query(`GRANT EXECUTE ON FUNCTION ${f} TO ${granteeSql(g)}`);
  }
}

export async function grantExecute(backend: SqlBackend, def: ModelDefinition, grantees: ModelGrantee[], revoke = false): Promise<void> {
  for (const f of await modelFunctions(backend, def)) {
    for (const g of grantees) {
      await backend.query(revoke ? `REVOKE EXECUTE ON FUNCTION ${f} FROM ${granteeSql(g)}` : `GRANT EXECUTE ON FUNCTION ${f} TO ${granteeSql(g)}`);
    }
  }
}

/** Placeholders raising "not ready" (TRAINING) or the failure (FAILED). */
export async function createPlaceholders(backend: SqlBackend, def: ModelDefinition, grantees: ModelGrantee[]): Promise<void> {
  const message =
    def.state === 'FAILED'
      ? `model "${def.schema}.${def.name}" is not ready (state: FAILED): ${def.failureReason ?? 'training failed'}`
      : `model "${def.schema}.${def.name}" is not ready (state: ${def.state})`;
  const body = `BEGIN RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = ${quoteLiteral(message)}; END`;
  const create = (name: string, returns: string) =>
    backend.query(`CREATE FUNCTION ${fn(def, name)}(${signature(def)}) RETURNS ${returns} LANGUAGE plpgsql VOLATILE AS $wl$ ${body} $wl$`);
  await create(def.functionName, def.returnType);
  if (mayHaveProbabilities(def)) await create(def.functionName + PROBABILITIES_SUFFIX, 'json');
  await applyOwnershipAndGrants(backend, def, grantees);
}

/** Replaces the placeholders by the compiled model. */
export async function installCompiledModel(backend: SqlBackend, def: ModelDefinition, modelJson: string, grantees: ModelGrantee[]): Promise<void> {
  const model = deserializeModel(modelJson);
  const statements = compileModelToSql(model, {
    functionName: `${def.schema}.${def.functionName}`,
    paramNames: def.paramNames,
    paramTypes: def.paramTypes,
    returnType: def.returnType,
    probabilitiesType: 'json',
  });
  await dropPredictionFunctions(backend, def);
  for (const sql of statements) await backend.query(sql);
  await applyOwnershipAndGrants(backend, def, grantees);
}
