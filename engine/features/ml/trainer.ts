/**
 * Where a training job runs. The job itself (`trainModel`) is pure and serialisable in and out, so it
 * runs the same in the engine's thread or in a worker:
 * - default: a cooperative loop in the engine's own thread (runAutopilot yields to the event loop
 *   between candidates, so SQL keeps being answered, only slower while a candidate fits) — used in
 *   the browser Web Worker host;
 * - Node: `node/worker-trainer.ts` installs a worker_threads trainer (engine/node.ts loads it), so
 *   training never competes with SQL on the engine's thread.
 */
import type {
  AutopilotProgress,
  AutopilotResult,
  DataTable,
  ExplainModelResult,
  LeaderboardEntry,
  ModelType,
  ProblemType,
} from '../../ml/index';
import { explainModel, runAutopilot, serializeModel } from '../../ml/index';

export interface TrainingRequest {
  table: DataTable;
  target: string | null;
  problemType: ProblemType | null;
  objective: string | null;
  modelType: ModelType | null;
  auto: boolean;
  hyperparameters: Record<string, string>;
  maxRuntimeSec: number;
  maxCells: number;
  seed: number;
}

/** runAutopilot's result with the model serialised, plus EXPLAIN_MODEL's JSON. */
export interface TrainingOutput extends Omit<AutopilotResult, 'model'> {
  model: string;
  explain: ExplainModelResult | null;
  leaderboard: LeaderboardEntry[];
}

export interface TrainingJob {
  readonly done: Promise<TrainingOutput>;
  cancel(): void;
}

export type Trainer = (request: TrainingRequest, onProgress: (p: AutopilotProgress) => void) => TrainingJob;

/** Rows EXPLAIN_MODEL's SHAP values are averaged over (evenly spaced over the training data). */
export const EXPLAIN_SAMPLE_ROWS = 100;

export async function trainModel(request: TrainingRequest, onProgress: (p: AutopilotProgress) => void, signal?: AbortSignal): Promise<TrainingOutput> {
  const result = await runAutopilot({
    table: request.table,
    target: request.target ?? '',
    ...(request.problemType ? { problemType: request.problemType } : {}),
    ...(request.objective ? { objective: request.objective } : {}),
    modelType: request.modelType ?? 'AUTO',
    auto: request.auto,
    hyperparameters: request.hyperparameters,
    maxRuntimeSec: request.maxRuntimeSec,
    maxCells: request.maxCells,
    seed: request.seed,
    onProgress,
    ...(signal ? { signal } : {}),
  });
  const model = result.model;
  let explain: ExplainModelResult | null = null;
  if (model.link !== 'cluster') {
    const names = model.inputColumns.map((c) => c.name.toLowerCase());
    const index = names.map((n) => request.table.columns.findIndex((c) => c.name.toLowerCase() === n));
    const step = Math.max(1, Math.floor(request.table.rows.length / EXPLAIN_SAMPLE_ROWS));
    const sample = [];
    for (let r = 0; r < request.table.rows.length && sample.length < EXPLAIN_SAMPLE_ROWS; r += step) {
      const row = request.table.rows[r]!;
      sample.push(index.map((i) => (i < 0 ? null : row[i] ?? null)));
    }
    explain = explainModel(model, sample);
  }
  return { ...result, model: serializeModel(model), explain };
}

/** Trains in the engine's own thread, cooperatively. */
export const inThreadTrainer: Trainer = (request, onProgress) => {
  const controller = new AbortController();
  return { done: trainModel(request, onProgress, controller.signal), cancel: () => controller.abort() };
};

let current: Trainer = inThreadTrainer;

/** Chooses where training jobs run (Node installs a worker_threads trainer). */
export function useTrainer(trainer: Trainer): void {
  current = trainer;
}

export function trainer(): Trainer {
  return current;
}
