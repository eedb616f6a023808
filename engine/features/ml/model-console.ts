/**
 * `models list` and `models describe <schema.model>`: the Redshift ML models of the workspace as
 * JSON (state, training progress, leaderboard, data-exploration report, EXPLAIN_MODEL, and a
 * confusion matrix / ROC curve) — what SageMaker's console shows for the Autopilot job behind a model.
 */
import { AwsError, ok, type ConsoleContext, type ConsoleOperation } from '../../console/console-command';
import { evaluateOnTrainingSample, evaluateValidation } from './model-evaluation';
import { ModelStore, type ModelDefinition, type ModelProgress } from './model-store';

function summary(def: ModelDefinition, progress: ModelProgress | undefined) {
  return {
    Schema: def.schema,
    ModelName: def.name,
    ModelState: def.state,
    Owner: def.owner,
    CreatedAt: def.createdAt,
    AutoMLJobName: def.jobName,
    FunctionName: def.functionName,
    Target: def.target,
    ProblemType: def.result?.problemType ?? def.problemType,
    ModelType: def.modelType ?? 'AUTO',
    ...(def.result
      ? { ValidationMetric: { Name: def.result.metricName, Value: def.result.validationMetric }, Algorithm: def.result.algorithm, TrainingJobStatus: def.result.trainingJobStatus, EstimatedCostUsd: def.result.estimatedCostUsd, ElapsedSeconds: def.result.elapsedSec, FinishedAt: def.result.finishedAt }
      : {}),
    ...(def.failureReason ? { FailureReason: def.failureReason } : {}),
    ...(progress && def.state === 'TRAINING' ? { Progress: { Phase: progress.phase, Done: progress.done, Total: progress.total, ElapsedSeconds: progress.elapsedSec } } : {}),
  };
}

function modelName(context: ConsoleContext): { schema: string; name: string } {
  const raw = (typeof context.options.get('model-name') === 'string' ? (context.options.get('model-name') as string) : context.positionals[0]) ?? '';
  if (!raw) throw new AwsError('ValidationException', 'the following arguments are required: --model-name');
  const parts = raw.split('.');
  if (parts.length > 2 || parts.some((p) => !p)) throw new AwsError('ValidationException', `Invalid model name: ${raw}`);
  return parts.length === 2 ? { schema: parts[0]!.toLowerCase(), name: parts[1]!.toLowerCase() } : { schema: 'public', name: parts[0]!.toLowerCase() };
}

const listModels: ConsoleOperation = {
  service: 'models',
  name: 'list',
  summary: 'list the Redshift ML models with their state and training progress',
  async run(context) {
    const store = new ModelStore(context.warehouse.store);
    const models = [];
    for (const def of await store.all()) models.push(summary(def, def.state === 'TRAINING' ? await store.progress(def.schema, def.name) : undefined));
    return ok({ Models: models });
  },
};

const describeModel: ConsoleOperation = {
  service: 'models',
  name: 'describe',
  summary: 'one model: progress, leaderboard, data report, feature importance, confusion matrix and ROC curve',
  async run(context) {
    const { schema, name } = modelName(context);
    const store = new ModelStore(context.warehouse.store);
    const def = await store.definition(schema, name);
    if (!def) throw new AwsError('ResourceNotFound', `Model ${schema}.${name} does not exist.`, 'DescribeModel');
    const progress = await store.progress(schema, name);
    const reports = def.state === 'READY' ? await store.reports(schema, name) : undefined;
    let evaluation;
    if (def.state === 'READY' && def.target) {
      const predictions = await store.validationPredictions(schema, name);
      if (predictions) evaluation = evaluateValidation(predictions);
      else {
        const [modelJson, request] = await Promise.all([store.modelJson(schema, name), store.trainingRequest(schema, name)]);
        if (modelJson && request) evaluation = evaluateOnTrainingSample(modelJson, request.table, def.target);
      }
    }
    return ok({
      Model: summary(def, progress),
      Leaderboard: reports?.leaderboard ?? progress?.leaderboard ?? [],
      ...(reports ? { DataReport: reports.dataReport, Explain: reports.explain, CandidateReport: reports.candidateReport } : {}),
      ...(evaluation ? { Evaluation: evaluation } : {}),
    });
  },
};

export const modelConsoleOperations: ConsoleOperation[] = [listModels, describeModel];
