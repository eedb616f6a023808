/// <reference lib="webworker" />
/**
 * The browser host: the engine in a Web Worker (loaded by web-worker.ts). The database is started by
 * web-database.ts, often before this module's code has arrived; here it becomes a warehouse and the
 * host answers the page's requests.
 */
import { WORKSPACE_META, EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import templateMeta from '../../dist/template/seeded/workspace.json';
import { version } from '../../package.json';
import { createHostHandlers, dispatchRequest, type OpenedWorkspace } from './host-core';
import type { RequestMessage, ResponseMessage } from './contract';
import { labsFromModules } from './labs-adapter';
import type { IndexedDbStore } from '../workspace/indexeddb-store';
import type { WebAssets } from './web-assets';
import { markTemplateStored, openDatabase, type OpenedDatabase } from './web-database';
import type { WebEvents } from './web-events';

// Optional at build time: an empty match means the build has no labs.
const labRuntime = import.meta.glob('../labs/index.ts');
const labBundle = import.meta.glob('../../labs/bundle.json');

/**
 * Starts the host with the downloads web-assets started and the database web-database is opening
 * (consumed by the first open; a reset opens anew); returns its request handler.
 */
export function startWebHost(
  assets: WebAssets,
  early: Promise<OpenedDatabase>,
  { emit, templateProgress }: WebEvents,
): (message: RequestMessage) => Promise<ResponseMessage> {
  let pending: Promise<OpenedDatabase> | undefined = early;
  pending.catch(() => undefined); // reported by the open that consumes it
  let store: IndexedDbStore | undefined;

  async function openWorkspace(reset: boolean): Promise<OpenedWorkspace> {
    if (reset) store?.close(); // the files database is deleted next: no connection may hold it
    const database = !reset && pending ? pending : openDatabase(assets, reset, templateProgress);
    pending = undefined;
    const opened = await database;
    store = opened.store;
    if (opened.created) await opened.store.writeJson(WORKSPACE_META, { ...templateMeta, createdAt: new Date().toISOString() });
    const warehouse = await EmbeddedWarehouse.start(opened.backend, opened.store, opened.dataDir);
    if (opened.created) {
      templateProgress(2);
      void markTemplateStored(opened).then(
        () => emit('stored', { location: opened.dataDir }),
        () => undefined, // closed or reset meanwhile: the next open loads the template again
      );
    }
    return { warehouse, created: opened.created, location: opened.dataDir, kind: opened.kind };
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
  return (message) => dispatchRequest(handlers, message);
}
