/// <reference lib="webworker" />
/**
 * The Web Worker's entry. It starts the downloads first (web-assets), then PGlite (web-database) and
 * the engine's code in parallel; requests that arrive meanwhile wait in order. The page talks to it
 * with RequestMessage/ResponseMessage (see contract.ts).
 */
import { webAssets } from './web-assets';
import type { RequestMessage, ResponseMessage } from './contract';
import { emit, templateProgress } from './web-events';

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
// PGlite starts while the engine's code is still arriving; the host takes the database when it is ready.
const database = import('./web-database').then(({ openDatabase }) => openDatabase(webAssets, false, templateProgress));
const host = import('./web-worker-host').then(({ startWebHost }) => startWebHost(webAssets, database, { emit, templateProgress }));

scope.onmessage = (event: MessageEvent) => {
  const message = event.data as RequestMessage;
  if (!message || message.kind !== 'request' || typeof message.id !== 'number') return;
  void host
    .then((handleRequest) => handleRequest(message))
    .then(
      (response) => scope.postMessage(response),
      (e: unknown) => scope.postMessage(unloadable(message, e)),
    );
};

/** The engine's code failed to load (e.g. the server went away): every request says so. */
function unloadable(message: RequestMessage, e: unknown): ResponseMessage {
  return { kind: 'response', id: message.id, ok: false, error: { code: 'XX000', message: `the engine could not be loaded: ${e instanceof Error ? e.message : String(e)}` } };
}
