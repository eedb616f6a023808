/**
 * SHOW MODEL ALL → `Schema Name | Model Name`; SHOW MODEL m → `Key | Value` rows as in Redshift's
 * documentation and tutorials. IAM Role, S3 Bucket and Estimated Cost are shown to the owner (and
 * superusers) only. Other users need EXECUTE ON MODEL to see a model at all.
 */
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { keyword } from '../../sql/tokenizer';
import { asSecurityAdmin, type Query } from '../security/catalog-access';
import { isSuperuser } from '../security/principals';
import { WordCursor } from '../security/word-cursor';
import { MlRuntime } from './ml-runtime';
import { requireModel } from './model-lookup';
import type { ModelDefinition } from './model-store';
import { showModelQueryText } from './show-model-query';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `Tue, 14.06.2022 17:15:52` (UTC). */
export function creationTime(iso: string): string {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const PROBLEM_TYPE_TEXT: Record<string, string> = {
  BINARY_CLASSIFICATION: 'BinaryClassification',
  MULTICLASS_CLASSIFICATION: 'MulticlassClassification',
  REGRESSION: 'Regression',
};

const ALGORITHM_MODEL_TYPE: Record<string, string> = {
  gbdt: 'xgboost',
  logistic_regression: 'linear_learner',
  linear_regression: 'linear_learner',
  mlp: 'mlp',
  kmeans: 'kmeans',
  random_forest: 'random_forest',
  decision_tree: 'decision_tree',
};

/** Users who may see a model: owner, superusers, holders of EXECUTE ON MODEL (directly, via roles/groups, PUBLIC). */
async function maySee(q: Query, user: string, schema: string, name: string, owner: string): Promise<boolean> {
  if (user === owner || (await isSuperuser(q, user))) return true;
  const rows = await q(
    `SELECT 1 FROM wl_sys.ml_model_grants g WHERE g.schema_name = $2 AND g.model_name = $3 AND (
       g.grantee_kind = 'public' OR (g.grantee_kind = 'user' AND g.grantee = $1) OR
       (g.grantee_kind IN ('role', 'group') AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = g.grantee AND pg_catalog.pg_has_role($1, r.oid, 'MEMBER'))))`,
    [user, schema, name],
  );
  return rows.length > 0;
}

export function showModelRows(def: ModelDefinition, full: boolean): string[][] {
  const r = def.result;
  const metric = r ? `validation:${r.metricName.toLowerCase()}` : 'validation:';
  const problem = r?.problemType ?? def.problemType;
  const rows: string[][] = [
    ['Model Name', def.name],
    ['Schema Name', def.schema],
    ['Owner', def.owner],
    ['Creation Time', creationTime(def.createdAt)],
    ['Model State', def.state],
  ];
  if (def.state === 'FAILED') rows.push(['Failure Reason', def.failureReason ?? '']);
  rows.push(['Training Job Status', r?.trainingJobStatus ?? (def.state === 'TRAINING' ? 'InProgress' : 'Failed')]);
  rows.push([metric, r ? String(Number(r.validationMetric.toFixed(6))) : '']);
  if (full) rows.push(['Estimated Cost', r ? r.estimatedCostUsd.toFixed(6) : '']);
  rows.push(['', ''], ['TRAINING DATA:', '']);
  rows.push([def.from.kind === 'table' ? 'Table' : 'Query', def.from.kind === 'table' ? def.from.text : showModelQueryText(def.from.text)]);
  if (def.target) rows.push(['Target Column', def.target.toUpperCase()]);
  rows.push(['', ''], ['PARAMETERS:', '']);
  rows.push(['Model Type', r ? (ALGORITHM_MODEL_TYPE[r.algorithm] ?? r.algorithm) : (def.modelType ?? 'auto').toLowerCase()]);
  rows.push(['Problem Type', problem ? PROBLEM_TYPE_TEXT[problem]! : '']);
  rows.push(['Objective', r?.objective ?? def.objective ?? '']);
  rows.push(['AutoML Job Name', def.jobName]);
  rows.push(['Function Name', def.functionName]);
  rows.push(['Function Parameters', def.paramNames.join(' ')]);
  rows.push(['Function Parameter Types', def.paramTypes.join(' ')]);
  if (full) {
    rows.push(['IAM Role', def.iamRole.toLowerCase() === 'default' ? 'default-aws-iam-role' : def.iamRole]);
    rows.push(['S3 Bucket', def.settings.s3Bucket]);
  }
  rows.push(['Max Runtime', String(def.settings.maxRuntime)]);
  if (def.settings.kmsKeyId && full) rows.push(['KMS Key', def.settings.kmsKeyId]);
  if (!def.auto) {
    if (def.preprocessors) rows.push(['Preprocessors', def.preprocessors]);
    for (const [k, v] of Object.entries(def.hyperparameters)) rows.push([`Hyperparameter ${k.toLowerCase()}`, v]);
  }
  return rows;
}

async function showModel(context: StatementContext) {
  const cursor = new WordCursor(context.statement);
  cursor.expect('SHOW', 'MODEL');
  const user = context.session.currentUser;
  if (cursor.accept('ALL')) {
    cursor.expectEnd();
    const rows = await asSecurityAdmin(context, async (q) => {
      const all = await q('SELECT schema_name, model_name, owner_name FROM wl_sys.ml_models ORDER BY schema_name, model_name');
      const visible: string[][] = [];
      for (const [schema, name, owner] of all) if (await maySee(q, user, String(schema), String(name), String(owner))) visible.push([String(schema), String(name)]);
      return visible;
    });
    return context.rows('SHOW MODEL', [{ name: 'Schema Name', type: 'varchar' }, { name: 'Model Name', type: 'varchar' }], rows);
  }
  const at = cursor.position();
  const name = cursor.qualifiedName();
  cursor.expectEnd();
  const model = await requireModel(context, name.parts, at);
  const { see, superuser } = await asSecurityAdmin(context, async (q) => ({
    see: await maySee(q, user, model.schema, model.name, model.owner),
    superuser: await isSuperuser(q, user),
  }));
  if (!see) throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied for model ${model.name}`, { position: at });
  const def = await MlRuntime.of(context.services).models.definition(model.schema, model.name);
  if (!def) throw new SqlError(SQLSTATE.internalError, `model "${model.name}" has no definition in the workspace (meta/models)`);
  const rows = showModelRows({ ...def, state: model.state as ModelDefinition['state'] }, user === def.owner || superuser);
  return context.rows('SHOW MODEL', [{ name: 'Key', type: 'varchar' }, { name: 'Value', type: 'varchar' }], rows);
}

export const showModelHandler: StatementHandler = {
  name: 'show-model',
  matches: (s) => keyword(s.words[0]) === 'SHOW' && keyword(s.words[1]) === 'MODEL',
  run: showModel,
};
