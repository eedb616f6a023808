/**
 * The Node count helper: one long-lived worker thread. It is started when an external table is
 * created or by the first query that could use it (that query counts alone: starting takes longer
 * than counting), and is unref'd while idle, so it never keeps a process alive; during a job it is
 * ref'd, so the job's answer is awaited.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerSource } from '../../../workspace/node/worker-source';
import type { CountHelper, CountJob } from '../count-helper';
import type { CountShare } from '../key-counter';

type Answer = { share: CountShare; rowsPerPiece: number[] } | { failed: true };

let worker: Worker | undefined;
let ready = false;
let busy = false;
let starting: Promise<void> | undefined;

function startWorker(): void {
  starting ??= workerSource(dirname(fileURLToPath(import.meta.url)), 'features/spectrum/node/count-worker.ts').then((source) => {
    if (!source) return;
    const started = new Worker(source, { eval: true });
    started.unref();
    started.once('online', () => (ready = true));
    const lost = () => {
      worker = undefined;
      ready = false;
      starting = undefined; // the next query starts a new one
    };
    started.once('error', lost);
    started.once('exit', lost);
    worker = started;
  });
}

export const workerCountHelper: CountHelper = {
  warm() {
    if (!worker) startWorker();
  },
  start(options): CountJob | undefined {
    const w = worker;
    if (!w || !ready || busy) {
      if (!w) startWorker();
      return undefined;
    }
    busy = true;
    w.ref();
    w.postMessage({ type: 'start', options });
    return {
      count: (piece) => w.postMessage({ type: 'piece', piece }),
      finish: () =>
        new Promise((resolve) => {
          const done = (answer: Answer | undefined) => {
            w.off('message', done);
            w.off('exit', gone);
            if (worker === w) w.unref();
            busy = false;
            resolve(answer && !('failed' in answer) ? answer : undefined);
          };
          const gone = () => done(undefined);
          w.on('message', done);
          w.once('exit', gone);
          w.postMessage({ type: 'finish' });
        }),
    };
  },
};
