/** worker_threads entry: counts the pieces of lines posted by worker-count-helper.ts. */
import { parentPort } from 'node:worker_threads';
import { KeyCounter, type KeyCounterOptions } from '../key-counter';

type Message = { type: 'start'; options: KeyCounterOptions } | { type: 'piece'; piece: Uint8Array } | { type: 'finish' };

let counter: KeyCounter | undefined;
let ok = true;
let rowsPerPiece: number[] = [];

parentPort?.on('message', (m: Message) => {
  if (m.type === 'start') {
    counter = new KeyCounter(m.options);
    ok = true;
    rowsPerPiece = [];
  } else if (m.type === 'piece') {
    const before = counter?.rows ?? 0;
    ok = ok && counter !== undefined && counter.countLines(m.piece);
    rowsPerPiece.push((counter?.rows ?? 0) - before);
  } else {
    parentPort?.postMessage(ok && counter ? { share: counter.share(), rowsPerPiece } : { failed: true });
    counter = undefined;
  }
});
