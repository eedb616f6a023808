/**
 * A model's files in the workspace store (`meta/models/<schema>/<model>/…`, included in cluster
 * snapshots): its definition (what CREATE MODEL said, state, results), the training data it was
 * given (so a job interrupted by the process exiting can resume), the trained model, the reports and
 * the progress of a running job.
 */
import type { WorkspaceStore } from '../../workspace/workspace-store';
import type { AutopilotProgress, LeaderboardEntry, ModelType, ProblemType, ValidationPredictions } from '../../ml/index';
import type { ModelSettings } from './create-model-parser';
import type { TrainingOutput, TrainingRequest } from './trainer';

export const MODELS_PREFIX = 'meta/models/';

export type ModelState = 'TRAINING' | 'READY' | 'FAILED';

export interface ModelDefinition {
  schema: string;
  name: string;
  owner: string;
  createdAt: string;
  jobName: string;
  from: { kind: 'table' | 'query'; text: string };
  target: string | null;
  functionName: string;
  paramNames: string[];
  paramTypes: string[];
  returnType: string;
  /** As written in CREATE MODEL ('default' or an ARN) and as resolved. */
  iamRole: string;
  iamRoleArn: string;
  settings: ModelSettings;
  auto: boolean;
  modelType: ModelType | null;
  problemType: ProblemType | null;
  objective: string | null;
  preprocessors: string | null;
  hyperparameters: Record<string, string>;
  /** Key prefix of the exported training data in the S3 bucket. */
  exportPrefix: string;
  state: ModelState;
  failureReason?: string;
  result?: {
    problemType: ProblemType | null;
    objective: string | null;
    metricName: string;
    validationMetric: number;
    trainingJobStatus: string;
    elapsedSec: number;
    rowsUsed: number;
    estimatedCostUsd: number;
    finishedAt: string;
    algorithm: string;
  };
}

export interface ModelProgress {
  phase: AutopilotProgress['phase'] | 'queued';
  done: number;
  total: number;
  elapsedSec: number;
  leaderboard: LeaderboardEntry[];
}

export interface ModelReports {
  leaderboard: LeaderboardEntry[];
  dataReport: TrainingOutput['dataReport'];
  candidateReport: TrainingOutput['candidateReport'];
  featureEngineering: TrainingOutput['featureEngineering'];
  explain: TrainingOutput['explain'];
}

export function modelKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

function dir(schema: string, name: string): string {
  return `${MODELS_PREFIX}${encodeURIComponent(schema)}/${encodeURIComponent(name)}/`;
}

export class ModelStore {
  constructor(readonly store: WorkspaceStore) {}

  definition(schema: string, name: string): Promise<ModelDefinition | undefined> {
    return this.store.readJson<ModelDefinition>(`${dir(schema, name)}definition.json`);
  }

  async saveDefinition(def: ModelDefinition): Promise<void> {
    await this.store.writeJson(`${dir(def.schema, def.name)}definition.json`, def);
  }

  trainingRequest(schema: string, name: string): Promise<TrainingRequest | undefined> {
    return this.store.readJson<TrainingRequest>(`${dir(schema, name)}training-request.json`);
  }

  async saveTrainingRequest(schema: string, name: string, request: TrainingRequest): Promise<void> {
    await this.store.writeFile(`${dir(schema, name)}training-request.json`, JSON.stringify(request));
  }

  async saveModel(schema: string, name: string, modelJson: string): Promise<void> {
    await this.store.writeFile(`${dir(schema, name)}model.json`, modelJson);
  }

  async modelJson(schema: string, name: string): Promise<string | undefined> {
    const bytes = await this.store.readFile(`${dir(schema, name)}model.json`);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  }

  async saveReports(schema: string, name: string, reports: ModelReports): Promise<void> {
    await this.store.writeFile(`${dir(schema, name)}reports.json`, JSON.stringify(reports));
  }

  reports(schema: string, name: string): Promise<ModelReports | undefined> {
    return this.store.readJson<ModelReports>(`${dir(schema, name)}reports.json`);
  }

  /** The best candidate's out-of-fold predictions (classification), for the confusion matrix and ROC curve. */
  async saveValidationPredictions(schema: string, name: string, predictions: ValidationPredictions): Promise<void> {
    await this.store.writeFile(`${dir(schema, name)}validation-predictions.json`, JSON.stringify(predictions));
  }

  validationPredictions(schema: string, name: string): Promise<ValidationPredictions | undefined> {
    return this.store.readJson<ValidationPredictions>(`${dir(schema, name)}validation-predictions.json`);
  }

  async saveProgress(schema: string, name: string, progress: ModelProgress): Promise<void> {
    await this.store.writeJson(`${dir(schema, name)}progress.json`, progress);
  }

  progress(schema: string, name: string): Promise<ModelProgress | undefined> {
    return this.store.readJson<ModelProgress>(`${dir(schema, name)}progress.json`);
  }

  async all(): Promise<ModelDefinition[]> {
    const files = await this.store.listFiles(MODELS_PREFIX);
    const defs: ModelDefinition[] = [];
    for (const f of files) {
      if (!f.path.endsWith('/definition.json')) continue;
      const def = await this.store.readJson<ModelDefinition>(f.path);
      if (def) defs.push(def);
    }
    return defs.sort((a, b) => a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name));
  }

  async remove(schema: string, name: string): Promise<void> {
    for (const f of await this.store.listFiles(dir(schema, name))) await this.store.removeFile(f.path);
  }
}
