/**
 * Redshift ML's SQL surface over the AutoPilot library (engine/ml): CREATE MODEL (training in the
 * background), SHOW MODEL, DROP MODEL, GRANT/REVOKE CREATE MODEL and EXECUTE ON MODEL,
 * STV_ML_MODEL_INFO, EXPLAIN_MODEL, prediction functions compiled into SQL — and the TypeScript API
 * of the app's Models panel.
 */
import type { StatementHandler } from '../../session/statement-handler';
import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { includeInSnapshots } from '../snapshots/store-prefixes';
import { createModelHandler } from './create-model-handler';
import { dropModelHandler } from './drop-model-handler';
import { MlRuntime, type ModelEvent } from './ml-runtime';
import { modelGrantsHandler } from './model-grants-handler';
import { MODELS_PREFIX, type ModelDefinition, type ModelProgress, type ModelReports } from './model-store';
import { showModelHandler } from './show-model-handler';

export { ML_INSTALL_SQL } from './install-sql';
export { useTrainer, inThreadTrainer, type Trainer } from './trainer';
export type { ModelDefinition, ModelEvent, ModelProgress, ModelReports };

includeInSnapshots(MODELS_PREFIX);

/** Must run before the security handlers (they would claim GRANT … ON MODEL). */
export const mlHandlers: StatementHandler[] = [createModelHandler, showModelHandler, dropModelHandler, modelGrantsHandler];

/** Workspace-open hook: creates the runtime and resumes jobs interrupted by a process exit. */
export async function onWorkspaceOpen(warehouse: EmbeddedWarehouse): Promise<void> {
  await MlRuntime.of(warehouse).resume();
}

export interface ModelSummary {
  definition: ModelDefinition;
  state: ModelDefinition['state'];
  /** Live while training (candidates done/total, leaderboard so far), else the last stored one. */
  progress: ModelProgress | null;
  /** Leaderboard, data report, candidate definitions, feature engineering, explanation (READY only). */
  reports: ModelReports | null;
}

/** Every model of the workspace, for the Models panel. */
export async function listModels(warehouse: EmbeddedWarehouse): Promise<ModelSummary[]> {
  const runtime = MlRuntime.of(warehouse);
  const out: ModelSummary[] = [];
  for (const def of await runtime.models.all()) {
    const live = runtime.progressOf(def.schema, def.name);
    out.push({
      definition: def,
      state: def.state,
      progress: live ? { ...live, leaderboard: [...live.leaderboard] } : ((await runtime.models.progress(def.schema, def.name)) ?? null),
      reports: def.state === 'READY' ? ((await runtime.models.reports(def.schema, def.name)) ?? null) : null,
    });
  }
  return out;
}

/** Progress and state changes of training jobs (one event per finished candidate). Returns unsubscribe. */
export function onModelEvent(warehouse: EmbeddedWarehouse, listener: (e: ModelEvent) => void): () => void {
  return MlRuntime.of(warehouse).onEvent(listener);
}

/** Resolves when no training job is running any more. */
export function waitForTraining(warehouse: EmbeddedWarehouse): Promise<void> {
  return MlRuntime.of(warehouse).idle();
}

export function trainingJobsRunning(warehouse: EmbeddedWarehouse): number {
  return MlRuntime.of(warehouse).runningCount();
}

/** Stops running jobs, leaving their models TRAINING (resumed when the workspace opens again). */
export function detachTraining(warehouse: EmbeddedWarehouse): void {
  MlRuntime.of(warehouse).detach();
}

/** The trained model (engine/ml JSON) of a READY model, e.g. for JS predictions. */
export async function trainedModelJson(warehouse: EmbeddedWarehouse, schema: string, name: string): Promise<string | undefined> {
  return MlRuntime.of(warehouse).models.modelJson(schema, name);
}
