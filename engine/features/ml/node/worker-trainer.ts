/**
 * Node trainer: each training job runs in its own worker_threads Worker, so the engine's thread keeps
 * answering SQL at full speed. The worker script is bundled from training-worker.ts with esbuild the
 * first time it is needed (once per process); when esbuild is not available (a packaged app without
 * dev tools) jobs fall back to the cooperative in-thread trainer.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MlError, type AutopilotProgress } from '../../../ml/index';
import { packageRoot } from '../../../workspace/node/paths';
import { inThreadTrainer, type Trainer, type TrainingOutput, type TrainingRequest } from '../trainer';

let workerSource: Promise<string | null> | undefined;

function entryFile(): string | null {
  const candidates = [join(dirname(fileURLToPath(import.meta.url)), 'training-worker.ts')];
  try {
    candidates.push(join(packageRoot(), 'engine', 'features', 'ml', 'node', 'training-worker.ts'));
  } catch {
    // no package root: only the file next to this module
  }
  return candidates.find((f) => existsSync(f)) ?? null;
}

async function bundleWorker(): Promise<string | null> {
  const entry = entryFile();
  if (!entry) return null;
  try {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
    return out.outputFiles[0]?.text ?? null;
  } catch {
    return null;
  }
}

export const workerTrainer: Trainer = (request: TrainingRequest, onProgress: (p: AutopilotProgress) => void) => {
  let worker: Worker | null = null;
  let cancelled = false;
  let fallback: ReturnType<Trainer> | null = null;
  let rejectDone: (e: unknown) => void = () => {};
  const done = new Promise<TrainingOutput>((resolve, reject) => {
    rejectDone = reject;
    workerSource ??= bundleWorker();
    void workerSource.then((source) => {
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
