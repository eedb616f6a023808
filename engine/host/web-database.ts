/// <reference lib="webworker" />
/// <reference lib="webworker.asynciterable" />
/**
 * The browser workspace's storage and its PostgreSQL: decides first visit or reopen and starts PGlite.
 * The worker's entry starts this while the rest of the engine's code is still loading (measured in
 * Chromium, first visit: PGlite's start took 0.7–0.8 s after an engine load of 0.4–1.2 s; now the two
 * overlap), so this module and its imports must stay free of the engine (see vite.config.ts).
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
import { DATABASE_NAME } from '../api/types';
import { MemfsFrontendFS } from '@electric-sql/pglite/memfs-frontend';
import { OpfsBackend } from '@electric-sql/pglite/memfs2opfs';
import { PgliteBackend } from '../backend/pglite-backend';
import { IndexedDbStore } from '../workspace/indexeddb-store';
import type { WebAssets } from './web-assets';

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

export interface OpenedDatabase {
  /** Our own files (meta JSON, local S3). */
  store: IndexedDbStore;
  backend: PgliteBackend;
  dataDir: string;
  kind: 'opfs' | 'indexeddb';
  /** A first visit (or a reset): the database was loaded from the template. */
  created: boolean;
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

const LOCK_WAIT_MS = 10_000;
const LOCK_POLL_MS = 50;

/** True while another context (an engine being torn down, another tab) holds a sync access handle on the file. */
async function isLocked(file: FileSystemFileHandle): Promise<boolean> {
  try {
    (await file.createSyncAccessHandle()).close();
    return false;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'NoModificationAllowedError') return true;
    throw e;
  }
}

/**
 * PostgreSQL's WAL segments stay open between flushes (sync access handles, which lock the file).
 * After a cancel the old worker is terminated and the new one starts at once, but Chromium releases
 * the dead worker's handles later (measured: 1.5–1.6 s): until then every flush of the new engine
 * would fail ("Access Handles cannot be created …").
 */
async function waitForWalLocks(): Promise<void> {
  const root = await opfsRoot();
  const walDir = await root
    ?.getDirectoryHandle(PGLITE_DIR)
    .then((dir) => dir.getDirectoryHandle('pg_wal'))
    .catch(() => undefined);
  if (!walDir) return;
  const segments: FileSystemFileHandle[] = [];
  for await (const handle of walDir.values()) if (handle instanceof FileSystemFileHandle) segments.push(handle);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (const segment of segments) {
    while (await isLocked(segment)) {
      if (Date.now() > deadline) throw new Error('The workspace is open in another tab or window of this browser: close it there and reload.');
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
}

/** OPFS storage whose flushes wait until the files are free: reading them needs no lock, so PGlite starts meanwhile. */
class LockWaitingOpfsBackend extends OpfsBackend {
  constructor(
    dataDir: string,
    private readonly filesFree: Promise<void>,
  ) {
    super(dataDir);
  }

  override async apply(...args: Parameters<OpfsBackend['apply']>): Promise<void> {
    await this.filesFree;
    return super.apply(...args);
  }
}

/** Starts PGlite in `dataDir` (from `template` on a first visit); OPFS ones with relaxed durability. */
async function startAt(store: IndexedDbStore, assets: WebAssets, dataDir: string, template?: Blob): Promise<OpenedDatabase> {
  const opfs = dataDir === OPFS_DATA_DIR;
  const filesFree = opfs && !template ? waitForWalLocks() : Promise.resolve();
  filesFree.catch(() => undefined); // awaited below, once PGlite is up
  const backend = await PgliteBackend.open({
    database: DATABASE_NAME,
    dataDir,
    ...(await assets.pglite),
    ...(template ? { loadDataDir: template } : {}),
    ...(opfs ? { fs: new MemfsFrontendFS(new LockWaitingOpfsBackend(PGLITE_DIR, filesFree)) } : {}),
    relaxedDurability: opfs,
  });
  await filesFree;
  return { store, backend, dataDir, kind: opfs ? 'opfs' : 'indexeddb', created: template !== undefined };
}

/**
 * Opens the browser's workspace database; with `reset` (the caller closed the old one) or on a first
 * visit, from the seeded template. `onTemplate` hears when the template download starts and ends.
 */
export async function openDatabase(assets: WebAssets, reset: boolean, onTemplate: (done: number) => void): Promise<OpenedDatabase> {
  if (reset) await IndexedDbStore.remove(FILES_DB); // without its marker, the database files go below
  const store = await IndexedDbStore.open(FILES_DB);
  const marker = await store.readJson<LoadedMarker>(LOADED_MARKER);
  if (marker) {
    assets.dropSpeculativeTemplate();
    return startAt(store, assets, marker.dataDir ?? IDB_DATA_DIR);
  }
  onTemplate(0);
  const download = assets.takeTemplate();
  // A reset, or a first visit that stopped before the marker, may have left database files behind.
  await removeDatabaseFiles();
  const dataDir = (await opfsRoot()) ? OPFS_DATA_DIR : IDB_DATA_DIR;
  const template = await download;
  onTemplate(1);
  return startAt(store, assets, dataDir, template);
}

/**
 * The marker goes in only once the whole template is stored: a first visit closed before that
 * starts again from the template next time instead of opening half-written files.
 */
export async function markTemplateStored(opened: OpenedDatabase): Promise<void> {
  await opened.backend.persisted();
  await opened.store.writeJson(LOADED_MARKER, { loadedAt: new Date().toISOString(), dataDir: opened.dataDir } satisfies LoadedMarker);
}
