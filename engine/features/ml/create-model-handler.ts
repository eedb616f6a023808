/**
 * CREATE MODEL: checks the statement, the privileges, the IAM role (S3 + SageMaker) and the bucket,
 * reads the training data as the user (so table privileges and RLS apply), exports it to
 * s3://bucket/redshiftml_<job>/ as Redshift does, registers the model (TRAINING) with placeholder
 * prediction functions, starts the training job in the background and returns at once.
 */
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { MlError } from '../../ml/index';
import { validateTable } from '../../ml/validate-input';
import { simulatedNow } from '../cluster/clock';
import { checkRoleFor } from '../iam/check-role';
import { LocalS3 } from '../s3/local-s3';
import { asSecurityAdmin } from '../security/catalog-access';
import { isCreateModel, parseCreateModel, type CreateModelStatement } from './create-model-parser';
import { MlRuntime } from './ml-runtime';
import { currentSchema } from './model-lookup';
import { requireCreateModel } from './model-privileges';
import type { ModelDefinition } from './model-store';
import { createPlaceholders } from './prediction-functions';
import type { TrainingRequest } from './trainer';
import { checkTarget, returnTypeFor, shortTypeName, toDataTable } from './training-data';
import type { DataTable } from '../../ml/index';

export const TRAINING_SEED = 42;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `redshiftml-YYYYMMDDhhmmssffffff` (UTC, microseconds). */
export function automlJobName(at: Date): string {
  return `redshiftml-${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}${pad(at.getUTCMilliseconds() * 1000, 6)}`;
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function trainingCsv(table: DataTable): string {
  const lines = [table.columns.map((c) => csvField(c.name)).join(',')];
  for (const row of table.rows) lines.push(row.map(csvField).join(','));
  return lines.join('\n') + '\n';
}

async function readTrainingData(context: StatementContext, parsed: CreateModelStatement) {
  const prefix = parsed.from.kind === 'query' ? 'SELECT * FROM (' : 'SELECT * FROM ';
  const sql = prefix + parsed.from.text + (parsed.from.kind === 'query' ? ') AS training_data' : '');
  const at = parsed.from.at;
  return context.runAsUser(sql, (offset) => Math.max(0, offset - prefix.length) + at);
}

async function createModel(context: StatementContext) {
  const parsed = parseCreateModel(context.statement);
  const user = context.session.currentUser;
  const { services } = context;
  await asSecurityAdmin(context, (q) => requireCreateModel(q, user));
  const schema = parsed.schema ?? (await currentSchema(context));
  const clash = await asSecurityAdmin(context, async (q) => ({
    schema: (await q('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema])).length > 0,
    model: (await q('SELECT 1 FROM wl_sys.ml_models WHERE schema_name = $1 AND model_name = $2', [schema, parsed.name])).length > 0,
    fn: (await q(
      `SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $1 AND p.proname IN ($2, $3)`, [schema, parsed.functionName, `${parsed.functionName}_probabilities`])).length > 0,
  }));
  if (!clash.schema) throw new SqlError('3F000', `schema "${schema}" does not exist`, { position: parsed.nameAt });
  if (clash.model) throw new SqlError(SQLSTATE.duplicateObject, `Model "${parsed.name}" already exists`, { position: parsed.nameAt });
  if (clash.fn) throw new SqlError('42723', `function "${parsed.functionName}" already exists in schema "${schema}"`, { position: parsed.functionAt });
  const roleArn = await checkRoleFor(services, parsed.iamRole, ['s3', 's3-write', 'sagemaker'], { user });
  const s3 = new LocalS3(services.store);
  if (!(await s3.bucketExists(parsed.settings.s3Bucket))) {
    throw new SqlError(SQLSTATE.internalError, `S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket,Bucket ${parsed.settings.s3Bucket}`);
  }

  const result = await readTrainingData(context, parsed);
  const table = toDataTable(result);
  let targetColumn = null;
  if (parsed.target) {
    const index = result.columns.findIndex((c) => c.name.toLowerCase() === parsed.target!.name.toLowerCase());
    if (index < 0) throw new SqlError('42703', `Target column "${parsed.target.name}" does not exist in the training data`, { position: parsed.target.at });
    targetColumn = result.columns[index]!;
    checkTarget(targetColumn, parsed.problemType, parsed.target.at);
  }
  try {
    validateTable(table, targetColumn ? targetColumn.name : null);
  } catch (e) {
    if (e instanceof MlError) throw new SqlError(SQLSTATE.internalError, e.message);
    throw e;
  }
  const features = result.columns.filter((c) => c !== targetColumn);
  if (parsed.functionTypes && parsed.functionTypes.length !== features.length) {
    throw new SqlError(SQLSTATE.invalidParameterValue, `The prediction function has ${parsed.functionTypes.length} argument types but the training data has ${features.length} input columns`, { position: parsed.functionAt });
  }

  const now = await simulatedNow(services.store);
  const jobName = automlJobName(now);
  const def: ModelDefinition = {
    schema,
    name: parsed.name,
    owner: user,
    createdAt: now.toISOString(),
    jobName,
    from: { kind: parsed.from.kind, text: parsed.from.text.trim() },
    target: targetColumn?.name ?? null,
    functionName: parsed.functionName,
    paramNames: features.map((c) => c.name),
    paramTypes: parsed.functionTypes ?? features.map(shortTypeName),
    returnType: returnTypeFor(targetColumn),
    iamRole: parsed.iamRole,
    iamRoleArn: roleArn,
    settings: parsed.settings,
    auto: parsed.auto,
    modelType: parsed.modelType,
    problemType: parsed.problemType,
    objective: parsed.objective,
    preprocessors: parsed.preprocessors,
    hyperparameters: parsed.hyperparameters,
    exportPrefix: `redshiftml_${jobName}/`,
    state: 'TRAINING',
  };
  const request: TrainingRequest = {
    table,
    target: def.target,
    problemType: parsed.problemType,
    objective: parsed.objective,
    modelType: parsed.modelType,
    auto: parsed.auto,
    hyperparameters: parsed.hyperparameters,
    maxRuntimeSec: parsed.settings.maxRuntime,
    maxCells: parsed.settings.maxCells,
    seed: TRAINING_SEED,
  };

  await context.atomic(() =>
    context.asAdmin(async () => {
      await context.backend.query('INSERT INTO wl_sys.ml_models (schema_name, model_name, owner_name, state, function_name, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        schema, parsed.name, user, 'TRAINING', parsed.functionName, now.toISOString(),
      ]);
      await createPlaceholders(context.backend, def, []);
    }),
  );
  await s3.put(parsed.settings.s3Bucket, `${def.exportPrefix}train_data/data_part_0000.csv`, trainingCsv(table));
  const runtime = MlRuntime.of(services);
  await runtime.models.saveTrainingRequest(schema, parsed.name, request);
  await runtime.models.saveDefinition(def);
  runtime.start(def, request);
  context.options.onProgress?.({
    phase: 'CREATE MODEL',
    done: table.rows.length,
    unit: 'rows',
    message: `${table.rows.length} rows exported to s3://${parsed.settings.s3Bucket}/${def.exportPrefix}; training job ${jobName} started`,
  });
  return context.done('CREATE MODEL');
}

export const createModelHandler: StatementHandler = {
  name: 'create-model',
  matches: isCreateModel,
  run: createModel,
};
