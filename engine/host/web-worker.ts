/// <reference lib="webworker" />
/**
 * The browser host: the engine in a Web Worker. First visit loads the seeded template tarball (a
 * build asset) into the browser's storage; later visits reopen it. The page talks to it with
 * RequestMessage/ResponseMessage (see contract.ts).
 *
 * Where the database lives: the Origin Private File System when the browser has one
 * (`memfs2opfs://`: PostgreSQL works in memory and flushes only the byte ranges a statement changed,
 * in order, in the background — relaxed durability: a crash may lose the last moments of work, not
 * consistency; close waits for every flush), else IndexedDB (`idb://`: Emscripten's IDBFS walks every
 * stored file and rewrites changed files whole on each statement). Measured in Chromium under the
 * same load, PGlite start with the seeded template: OPFS first load 2.2–2.6 s durable vs 0.59 s
 * relaxed, reopen 1.2–1.4 s; IndexedDB reopen 1.3 s + 0.38 s for its first statement's sync.
 * Our own files (meta JSON, local S3) stay in IndexedDB either way.
 */
import { openTarballWorkspace, type TarballWorkspaceOptions } from '../workspace/open-tarball-workspace';
import type { PgliteBackend } from '../backend/pglite-backend';
import { IndexedDbStore } from '../workspace/indexeddb-store';
import { WORKSPACE_META } from '../warehouse/embedded-warehouse';
import templateMeta from '../../dist/template/seeded/workspace.json';
import { version } from '../../package.json';
import { createHostHandlers, dispatchRequest, type OpenedWorkspace } from './host-core';
import type { EventMessage, HostEventName, HostEvents, RequestMessage } from './contract';
import { labsFromModules } from './labs-adapter';
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';

const PGLITE_DIR = 'warehouse-lab';
const FILES_DB = 'warehouse-lab-files';
/** Written once the template is stored: later opens must not load it again; names the data dir. */
const LOADED_MARKER = 'browser-workspace.json';
const IDB_DATA_DIR = `idb://${PGLITE_DIR}`;
const OPFS_DATA_DIR = `memfs2opfs://${PGLITE_DIR}`;

interface LoadedMarker {
  loadedAt: string;
  /** Absent in workspaces made before OPFS was used: those live in IndexedDB. */
  dataDir?: string;
}

async function opfsRoot(): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    return await navigator.storage?.getDirectory?.();
  } catch {
    return undefined; // e.g. a browser profile that denies storage
  }
}

async function removeDatabaseFiles(): Promise<void> {
  await IndexedDbStore.remove(`/pglite/${PGLITE_DIR}`);
  const root = await opfsRoot();
  await root?.removeEntry(PGLITE_DIR, { recursive: true }).catch((e: unknown) => {
    if (!(e instanceof DOMException && e.name === 'NotFoundError')) throw e;
  });
}
const templateUrl = new URL('../../dist/template/seeded.tar.gz', import.meta.url);
// Optional at build time: an empty match means the build has no labs.
const labRuntime = import.meta.glob('../labs/index.ts');
const labBundle = import.meta.glob('../../labs/bundle.json');

/**
 * PGlite's WASM (9 MB) and file bundle (6 MB) are fetched and compiled from the moment the worker
 * starts, alongside the IndexedDB reads and the template download, instead of one after another
 * inside PGlite's own start.
 */
function prefetchPgliteAssets(): Promise<NonNullable<TarballWorkspaceOptions['assets']>> {
  const fsBundle = fetch(pgliteDataUrl).then((r) => r.blob());
  const pgliteWasmModule = WebAssembly.compileStreaming(fetch(pgliteWasmUrl));
  return Promise.all([pgliteWasmModule, fsBundle]).then(
    ([m, b]) => ({ pgliteWasmModule: m, fsBundle: b }),
    () => ({}), // PGlite fetches them itself then, and reports what failed
  );
}
const pgliteAssets = prefetchPgliteAssets();

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };

function emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
  scope.postMessage({ kind: 'event', event, payload } satisfies EventMessage<E>);
}

/** The seeded template, downloaded gzipped (a quarter of the bytes) and inflated as it arrives. */
async function fetchTemplate(signal?: AbortSignal): Promise<Blob> {
  const response = await fetch(templateUrl, signal ? { signal } : {});
  if (!response.ok || !response.body) throw new Error(`cannot load the workspace template (${response.status})`);
  // A server that sends it with Content-Encoding: gzip has had the browser inflate it already.
  if (response.headers.get('Content-Encoding') === 'gzip') return response.blob();
  return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).blob();
}

/**
 * The download starts with the worker, before IndexedDB says whether this is a first visit (it
 * overlaps with opening storage and compiling PGlite); a reopen cancels it.
 */
const speculation = new AbortController();
let speculativeTemplate: Promise<Blob> | undefined = fetchTemplate(speculation.signal);
speculativeTemplate.catch(() => undefined);

function takeTemplate(): Promise<Blob> {
  const template = speculativeTemplate ?? fetchTemplate();
  speculativeTemplate = undefined;
  return template;
}

function dropSpeculativeTemplate(): void {
  if (speculativeTemplate) speculation.abort();
  speculativeTemplate = undefined;
}

let store: IndexedDbStore | undefined;

/** Opens the database in `dataDir` (from `template` on a first visit); OPFS ones with relaxed durability. */
async function openAt(files: IndexedDbStore, dataDir: string, template?: Blob): Promise<OpenedWorkspace> {
  const opfs = dataDir === OPFS_DATA_DIR;
  const options = { dataDir, store: files, name: dataDir, assets: await pgliteAssets, relaxedDurability: opfs };
  const warehouse = await openTarballWorkspace(template ? { ...options, template } : options);
  return { warehouse, created: template !== undefined, location: dataDir, kind: opfs ? 'opfs' : 'indexeddb' };
}

async function openWorkspace(reset: boolean): Promise<OpenedWorkspace> {
  if (reset) {
    store?.close();
    await IndexedDbStore.remove(FILES_DB); // without its marker, the database files go below
  }
  store = await IndexedDbStore.open(FILES_DB);
  const marker = await store.readJson<LoadedMarker>(LOADED_MARKER);
  if (marker) {
    dropSpeculativeTemplate();
    return openAt(store, marker.dataDir ?? IDB_DATA_DIR);
  }
  emit('progress', { phase: 'workspace', done: 0, total: 2, message: 'template' });
  const download = takeTemplate();
  // A reset, or a first visit that stopped before the marker, may have left database files behind.
  await removeDatabaseFiles();
  const dataDir = (await opfsRoot()) ? OPFS_DATA_DIR : IDB_DATA_DIR;
  const template = await download;
  emit('progress', { phase: 'workspace', done: 1, total: 2, message: 'template' });
  await store.writeJson(WORKSPACE_META, { ...templateMeta, createdAt: new Date().toISOString() });
  const opened = await openAt(store, dataDir, template);
  const { warehouse } = opened;
  emit('progress', { phase: 'workspace', done: 2, total: 2, message: 'template' });
  // The marker goes in only once the whole template is stored: a first visit closed before that
  // starts again from the template next time instead of opening half-written files.
  const written = store;
  void (warehouse.backend as PgliteBackend)
    .persisted()
    .then(() => written.writeJson(LOADED_MARKER, { loadedAt: new Date().toISOString(), dataDir } satisfies LoadedMarker))
    .then(
      () => emit('stored', { location: dataDir }),
      () => undefined, // closed or reset meanwhile: the next open loads the template again
    );
  return opened;
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

handlers.prepare();

scope.onmessage = (event: MessageEvent) => {
  const message = event.data as RequestMessage;
  if (!message || message.kind !== 'request' || typeof message.id !== 'number') return;
  void dispatchRequest(handlers, message).then((response) => scope.postMessage(response));
};
