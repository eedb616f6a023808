/** worker_threads entry: runs one training job posted by worker-trainer.ts and posts progress and the result. */
import { parentPort } from 'node:worker_threads';
import { trainModel, type TrainingRequest } from '../trainer';

parentPort?.once('message', (request: TrainingRequest) => {
  trainModel(request, (progress) => parentPort?.postMessage({ type: 'progress', progress }))
    .then((output) => parentPort?.postMessage({ type: 'done', output }))
    .catch((e: unknown) => {
      const error = e as { message?: string; code?: string };
      parentPort?.postMessage({ type: 'error', message: String(error?.message ?? e), code: error?.code ?? 'invalid_input' });
    });
});
