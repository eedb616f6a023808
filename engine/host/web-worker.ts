/// <reference lib="webworker" />
/**
 * The browser host: the engine in a Web Worker, the workspace persisted in IndexedDB. First visit
 * loads the seeded template tarball (a build asset) into `idb://warehouse-lab`; later visits reopen
 * it. The page talks to it with RequestMessage/ResponseMessage (see contract.ts).
 */
import { openTarballWorkspace } from '../workspace/open-tarball-workspace';
import { IndexedDbStore } from '../workspace/indexeddb-store';
import { WORKSPACE_META } from '../warehouse/embedded-warehouse';
import templateMeta from '../../dist/template/seeded/workspace.json';
import { version } from '../../package.json';
import { createHostHandlers, dispatchRequest, type OpenedWorkspace } from './host-core';
import type { EventMessage, HostEventName, HostEvents, RequestMessage } from './contract';
import { labsFromModules } from './labs-adapter';

const PGLITE_DIR = 'warehouse-lab';
const FILES_DB = 'warehouse-lab-files';
/** Written once the template is in IndexedDB: later opens must not load it again. */
const LOADED_MARKER = 'browser-workspace.json';
const templateUrl = new URL('../../dist/template/seeded.tar', import.meta.url);
// Optional at build time: an empty match means the build has no labs.
const labRuntime = import.meta.glob('../labs/index.ts');
const labBundle = import.meta.glob('../../labs/bundle.json');

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };

function emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
  scope.postMessage({ kind: 'event', event, payload } satisfies EventMessage<E>);
}

let store: IndexedDbStore | undefined;

async function openWorkspace(reset: boolean): Promise<OpenedWorkspace> {
  if (reset) {
    store?.close();
    await IndexedDbStore.remove(FILES_DB);
    await IndexedDbStore.remove(`/pglite/${PGLITE_DIR}`);
  }
  store = await IndexedDbStore.open(FILES_DB);
  const dataDir = `idb://${PGLITE_DIR}`;
  const loaded = (await store.readJson(LOADED_MARKER)) !== undefined;
  if (loaded) return { warehouse: await openTarballWorkspace({ dataDir, store, name: dataDir }), created: false, location: dataDir, kind: 'indexeddb' };

  emit('progress', { phase: 'workspace', done: 0, total: 2, message: 'template' });
  const response = await fetch(templateUrl);
  if (!response.ok) throw new Error(`cannot load the workspace template (${response.status})`);
  const template = await response.blob();
  emit('progress', { phase: 'workspace', done: 1, total: 2, message: 'template' });
  await store.writeJson(WORKSPACE_META, { ...templateMeta, createdAt: new Date().toISOString() });
  let warehouse;
  try {
    warehouse = await openTarballWorkspace({ template, dataDir, store, name: dataDir });
  } catch (e) {
    // A previous first visit got the data into IndexedDB but stopped before the marker.
    if (!(e instanceof Error && /already exists/.test(e.message))) throw e;
    warehouse = await openTarballWorkspace({ dataDir, store, name: dataDir });
  }
  await store.writeJson(LOADED_MARKER, { loadedAt: new Date().toISOString() });
  emit('progress', { phase: 'workspace', done: 2, total: 2, message: 'template' });
  return { warehouse, created: true, location: dataDir, kind: 'indexeddb' };
}

const handlers = createHostHandlers({
  openWorkspace,
  emit,
  engineVersion: version,
  loadLabs: async (warehouse) => {
    const runtime = Object.values(labRuntime)[0];
    const bundle = Object.values(labBundle)[0];
    if (!runtime || !bundle) return undefined;
    return labsFromModules({ runtime: await runtime(), bundle: await bundle() }, warehouse);
  },
});

scope.onmessage = (event: MessageEvent) => {
  const message = event.data as RequestMessage;
  if (!message || message.kind !== 'request' || typeof message.id !== 'number') return;
  void dispatchRequest(handlers, message).then((response) => scope.postMessage(response));
};
