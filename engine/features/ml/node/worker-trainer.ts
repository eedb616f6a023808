/**
 * Node trainer: each training job runs in its own worker_threads Worker, so the engine's thread keeps
 * answering SQL at full speed. The worker script is training-worker.ts, prebuilt or bundled on first
 * use (see worker-source.ts); when neither is available jobs fall back to the cooperative in-thread
 * trainer.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MlError, type AutopilotProgress } from '../../../ml/index';
import { workerSource } from '../../../workspace/node/worker-source';
import { inThreadTrainer, type Trainer, type TrainingOutput, type TrainingRequest } from '../trainer';

export const workerTrainer: Trainer = (request: TrainingRequest, onProgress: (p: AutopilotProgress) => void) => {
  let worker: Worker | null = null;
  let cancelled = false;
  let fallback: ReturnType<Trainer> | null = null;
  let rejectDone: (e: unknown) => void = () => {};
  const done = new Promise<TrainingOutput>((resolve, reject) => {
    rejectDone = reject;
    void workerSource(dirname(fileURLToPath(import.meta.url)), 'features/ml/node/training-worker.ts').then((source) => {
      if (cancelled) return reject(new MlError('Model training was cancelled.', 'cancelled'));
      if (!source) {
        fallback = inThreadTrainer(request, onProgress);
        return fallback.done.then(resolve, reject);
      }
      worker = new Worker(source, { eval: true });
      worker.unref(); // MlRuntime.idle() keeps the process alive while someone waits for the job
      worker.on('message', (m: { type: string; progress?: AutopilotProgress; output?: TrainingOutput; message?: string; code?: MlError['code'] }) => {
        if (m.type === 'progress' && m.progress) onProgress(m.progress);
        else if (m.type === 'done') {
          resolve(m.output as TrainingOutput);
          void worker?.terminate();
        } else if (m.type === 'error') {
          reject(new MlError(m.message ?? 'training failed', m.code));
          void worker?.terminate();
        }
      });
      worker.on('error', (e) => reject(e));
      worker.on('exit', (code) => {
        if (cancelled) reject(new MlError('Model training was cancelled.', 'cancelled'));
        else if (code !== 0) reject(new MlError(`training worker exited with code ${code}`));
      });
      worker.postMessage(request);
    }, reject);
  });
  return {
    done,
    cancel() {
      cancelled = true;
      if (fallback) fallback.cancel();
      if (worker) void worker.terminate();
      else rejectDone(new MlError('Model training was cancelled.', 'cancelled'));
    },
  };
};
