/** Imported by engine/node.ts: in Node, the Spectrum count pushdown counts on two threads. */
import { useCountHelper } from '../count-helper';
import { workerCountHelper } from './worker-count-helper';

useCountHelper(workerCountHelper);
