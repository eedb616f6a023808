/**
 * Training jobs of one open workspace: starts them (through the chosen Trainer), records progress and
 * the leaderboard as candidates finish, and when a job ends installs the compiled prediction
 * functions (READY) or records the failure (FAILED). Jobs run in the background: CREATE MODEL has
 * returned long before. Completion takes the connection like any internal work, after waiting for
 * open user transactions to end.
 */
import type { SqlBackend } from '../../backend/backend';
import type { AutopilotProgress } from '../../ml/index';
import { addCost } from '../cluster/cost-meter';
import { simulatedNow } from '../cluster/clock';
import { LocalS3 } from '../s3/local-s3';
import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { estimatedTrainingCost } from './estimated-cost';
import { modelKey, ModelStore, type ModelDefinition, type ModelProgress } from './model-store';
import { createPlaceholders, dropPredictionFunctions, installCompiledModel, type ModelGrantee } from './prediction-functions';
import { trainer, type TrainingJob, type TrainingOutput, type TrainingRequest } from './trainer';

export interface ModelEvent {
  schema: string;
  name: string;
  state: ModelDefinition['state'];
  progress: ModelProgress;
}

interface RunningJob {
  job: TrainingJob;
  progress: ModelProgress;
  finished: Promise<void>;
  detached: boolean;
}

const FEATURE_KEY = 'ml';

export class MlRuntime {
  readonly models: ModelStore;
  private readonly jobs = new Map<string, RunningJob>();
  private readonly listeners = new Set<(e: ModelEvent) => void>();
  private progressWrites = Promise.resolve();

  constructor(readonly warehouse: EmbeddedWarehouse) {
    this.models = new ModelStore(warehouse.store);
  }

  static of(warehouse: { features: Map<string, unknown> } & Partial<EmbeddedWarehouse>): MlRuntime {
    let runtime = warehouse.features.get(FEATURE_KEY) as MlRuntime | undefined;
    if (!runtime) {
      runtime = new MlRuntime(warehouse as EmbeddedWarehouse);
      warehouse.features.set(FEATURE_KEY, runtime);
    }
    return runtime;
  }

  onEvent(listener: (e: ModelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  progressOf(schema: string, name: string): ModelProgress | undefined {
    return this.jobs.get(modelKey(schema, name))?.progress;
  }

  isRunning(schema: string, name: string): boolean {
    return this.jobs.has(modelKey(schema, name));
  }

  runningCount(): number {
    return this.jobs.size;
  }

  /** Resolves when every job running now (and any started meanwhile) has ended. */
  async idle(): Promise<void> {
    // training workers do not keep a process alive by themselves (a process that does not wait for
    // them may exit; the job resumes on the next open): waiting does
    const keepAlive = setInterval(() => undefined, 1000);
    try {
      while (this.jobs.size) await Promise.all([...this.jobs.values()].map((j) => j.finished));
      await this.progressWrites;
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Stops the jobs without changing the models' state (they stay TRAINING and resume on the next open). */
  detach(): void {
    for (const running of this.jobs.values()) {
      running.detached = true;
      running.job.cancel();
    }
  }

  /** DROP MODEL: cancels the job (its result, if any arrives, is ignored); resolves once no progress write is pending. */
  async cancel(schema: string, name: string): Promise<void> {
    const running = this.jobs.get(modelKey(schema, name));
    if (running) {
      running.detached = true;
      running.job.cancel();
      this.jobs.delete(modelKey(schema, name));
    }
    await this.progressWrites;
  }

  start(def: ModelDefinition, request: TrainingRequest): void {
    const key = modelKey(def.schema, def.name);
    const progress: ModelProgress = { phase: 'queued', done: 0, total: 0, elapsedSec: 0, leaderboard: [] };
    const running = { progress, detached: false, finished: Promise.resolve() } as RunningJob;
    const job = trainer()(request, (p) => {
      if (!running.detached) this.recordProgress(def, progress, p);
    });
    running.job = job;
    running.finished = job.done
      .then((output) => (running.detached ? undefined : this.complete(def, request, output)))
      .catch((error: unknown) => (running.detached ? undefined : this.fail(def, error)))
      .catch(() => undefined)
      .finally(() => {
      if (this.jobs.get(key) === running) this.jobs.delete(key);
    });
    this.jobs.set(key, running);
    this.emit(def, 'TRAINING', progress);
  }

  private recordProgress(def: ModelDefinition, progress: ModelProgress, p: AutopilotProgress): void {
    progress.phase = p.phase;
    progress.done = p.done;
    progress.total = p.total;
    progress.elapsedSec = p.elapsedSec;
    if (p.entry) progress.leaderboard.push(p.entry);
    const snapshot = { ...progress, leaderboard: [...progress.leaderboard] };
    this.progressWrites = this.progressWrites.then(() => this.models.saveProgress(def.schema, def.name, snapshot)).catch(() => undefined);
    this.emit(def, 'TRAINING', progress);
  }

  private emit(def: ModelDefinition, state: ModelDefinition['state'], progress: ModelProgress): void {
    for (const l of this.listeners) l({ schema: def.schema, name: def.name, state, progress });
  }

  /** Internal work once no user transaction holds the connection (then it would run inside it). */
  private async withConnection<T>(work: (backend: SqlBackend) => Promise<T>): Promise<T> {
    for (;;) {
      const outcome = await this.warehouse.runAsSystem(async (backend) => {
        if (backend.inTransaction()) return { busy: true as const };
        return { busy: false as const, value: await work(backend) };
      });
      if (!outcome.busy) return outcome.value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async stillCurrent(def: ModelDefinition): Promise<boolean> {
    const stored = await this.models.definition(def.schema, def.name);
    return stored?.jobName === def.jobName;
  }

  private async complete(def: ModelDefinition, request: TrainingRequest, output: TrainingOutput): Promise<void> {
    if (!(await this.stillCurrent(def))) return;
    const cost = estimatedTrainingCost(output.rowsUsed, request.table.columns.length, def.settings.maxRuntime, def.auto);
    await this.models.saveModel(def.schema, def.name, output.model);
    if (output.validationPredictions) await this.models.saveValidationPredictions(def.schema, def.name, output.validationPredictions);
    await this.models.saveReports(def.schema, def.name, {
      leaderboard: output.leaderboard,
      dataReport: output.dataReport,
      candidateReport: output.candidateReport,
      featureEngineering: output.featureEngineering,
      explain: output.explain,
    });
    const ready: ModelDefinition = {
      ...def,
      state: 'READY',
      result: {
        problemType: output.problemType,
        objective: output.objective,
        metricName: output.metricName,
        validationMetric: output.validationMetric,
        trainingJobStatus: output.trainingJobStatus,
        elapsedSec: output.elapsedSec,
        rowsUsed: output.rowsUsed,
        estimatedCostUsd: cost,
        finishedAt: new Date().toISOString(),
        algorithm: JSON.parse(output.model).algorithm as string,
      },
    };
    const installed = await this.withConnection(async (backend) => {
      const exists = await backend.query('SELECT 1 FROM wl_sys.ml_models WHERE schema_name = $1 AND model_name = $2', [def.schema, def.name]);
      if (!exists.rows.length) return false;
      await backend.exec('BEGIN');
      try {
        await installCompiledModel(backend, ready, output.model, await modelGrantees(backend, def));
        await backend.query(`UPDATE wl_sys.ml_models SET state = 'READY', explain_json = $3 WHERE schema_name = $1 AND model_name = $2`, [
          def.schema, def.name, output.explain ? JSON.stringify(output.explain) : null,
        ]);
        await backend.exec('COMMIT');
        return true;
      } catch (e) {
        await backend.exec('ROLLBACK');
        throw e;
      }
    });
    if (!installed) return;
    await this.models.saveDefinition(ready);
    await this.collectGarbage(ready);
    await addCost(this.warehouse.store, 'ml', cost, `CREATE MODEL ${def.schema}.${def.name} (${def.jobName})`, 1, await simulatedNow(this.warehouse.store));
    this.emit(ready, 'READY', this.progressOf(def.schema, def.name) ?? { phase: 'done', done: 0, total: 0, elapsedSec: output.elapsedSec, leaderboard: output.leaderboard });
  }

  private async fail(def: ModelDefinition, error: unknown): Promise<void> {
    if (!(await this.stillCurrent(def))) return;
    const failed: ModelDefinition = { ...def, state: 'FAILED', failureReason: String((error as Error)?.message ?? error) };
    await this.withConnection(async (backend) => {
      const exists = await backend.query('SELECT 1 FROM wl_sys.ml_models WHERE schema_name = $1 AND model_name = $2', [def.schema, def.name]);
      if (!exists.rows.length) return;
      await backend.exec('BEGIN');
      try {
        await backend.query(`UPDATE wl_sys.ml_models SET state = 'FAILED' WHERE schema_name = $1 AND model_name = $2`, [def.schema, def.name]);
        await dropPredictionFunctions(backend, failed);
        await createPlaceholders(backend, failed, await modelGrantees(backend, def));
        await backend.exec('COMMIT');
      } catch (e) {
        await backend.exec('ROLLBACK');
        throw e;
      }
    });
    await this.models.saveDefinition(failed);
    await this.collectGarbage(failed);
    this.emit(failed, 'FAILED', this.progressOf(def.schema, def.name) ?? { phase: 'done', done: 0, total: 0, elapsedSec: 0, leaderboard: [] });
  }

  /** S3_GARBAGE_COLLECT ON: the exported training data is removed once the job ended. */
  async collectGarbage(def: ModelDefinition): Promise<void> {
    if (!def.settings.s3GarbageCollect) return;
    const s3 = new LocalS3(this.warehouse.store);
    for (const object of await s3.list(def.settings.s3Bucket, def.exportPrefix)) await s3.remove(def.settings.s3Bucket, object.key);
  }

  /** Workspace open: jobs that were TRAINING when their process exited start again. */
  async resume(): Promise<void> {
    for (const def of await this.models.all()) {
      if (def.state !== 'TRAINING' || this.isRunning(def.schema, def.name)) continue;
      const request = await this.models.trainingRequest(def.schema, def.name);
      if (request) this.start(def, request);
      else await this.fail(def, new Error('the training data of the interrupted job is missing'));
    }
  }
}

/** Holders of EXECUTE ON MODEL (kind user/role/group/public). */
export async function modelGrantees(backend: SqlBackend, def: { schema: string; name: string }): Promise<ModelGrantee[]> {
  const r = await backend.query('SELECT grantee_kind, grantee FROM wl_sys.ml_model_grants WHERE schema_name = $1 AND model_name = $2', [def.schema, def.name]);
  return r.rows.map((row) => ({ kind: String(row[0]), name: String(row[1]) }));
}
