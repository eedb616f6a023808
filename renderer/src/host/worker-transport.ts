import type { EventMessage, RequestMessage, ResponseMessage } from '../../../engine/host/contract';
import type { Transport } from './transport';

/** The web build's host: the engine in a Web Worker; restart = terminate and start anew. */
export function workerTransport(): Transport {
  let worker: Worker;
  const listeners: Array<(m: ResponseMessage | EventMessage) => void> = [];
  const start = () => {
    worker = new Worker(new URL('../../../engine/host/web-worker.ts', import.meta.url), { type: 'module', name: 'warehouse-engine' });
    worker.onmessage = (e: MessageEvent) => listeners.forEach((l) => l(e.data as ResponseMessage | EventMessage));
  };
  start();
  return {
    name: 'web-worker',
    send: (message: RequestMessage) => worker.postMessage(message),
    onMessage: (listener) => listeners.push(listener),
    async restart() {
      worker.terminate();
      start();
    },
  };
}
