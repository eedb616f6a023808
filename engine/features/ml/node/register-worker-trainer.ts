/** Imported by engine/node.ts: in Node, Redshift ML training jobs run in worker threads. */
import { useTrainer } from '../trainer';
import { workerTrainer } from './worker-trainer';

useTrainer(workerTrainer);
