import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ADMIN_USER, type Progress } from '../../../engine/api/types';
import type { CatalogSnapshot, WorkspaceStatus } from '../../../engine/host/contract';
import { host } from '../host';
import { loadPersisted, savePersisted } from '../util/persisted';

/** The engine host as the UI sees it: status, users, "run as", catalog and progress. */
export const useEngine = defineStore('engine', () => {
  const status = ref<WorkspaceStatus>();
  const startError = ref<string>();
  const users = ref<{ name: string; superuser: boolean }[]>([]);
  const currentUser = ref<string>(loadPersisted('user', ADMIN_USER));
  const catalog = ref<CatalogSnapshot>({ schemas: [], externalSchemas: [], tables: [], models: [], functions: [] });
  const progress = ref<Progress & { requestId?: string }>();
  const restartNotice = ref<string>();

  host().on('progress', (p) => {
    progress.value = p.total !== undefined && p.done >= p.total ? undefined : p;
  });
  // Read by bench/web-startup.bench.ts and the e2e tests before they reload a new workspace.
  host().on('stored', () => performance.mark('warehouse-lab:stored'));
  host().on('restarted', ({ reason }) => {
    restartNotice.value = reason;
    progress.value = undefined;
    setTimeout(() => {
      if (restartNotice.value === reason) restartNotice.value = undefined;
    }, 8000);
  });

  /** Clears the progress of a request that has finished. */
  function endProgress(requestId: string): void {
    if (progress.value?.requestId === requestId) progress.value = undefined;
  }

  /**
   * Opens the workspace. The user list and catalog follow, not awaited; `after` delays them until
   * the screen's own first request is answered (they share the one database connection).
   */
  async function start(after: Promise<unknown> = Promise.resolve()): Promise<void> {
    try {
      status.value = await host().call('workspace.open', {});
      progress.value = undefined;
      void after
        .catch(() => undefined)
        .then(refreshUsers)
        .then(refreshCatalog)
        .catch((e: unknown) => (startError.value = e instanceof Error ? e.message : String(e)));
    } catch (e) {
      startError.value = e instanceof Error ? e.message : String(e);
    }
  }

  async function refreshUsers(): Promise<void> {
    users.value = await host().call('users.list', {});
    if (!users.value.some((u) => u.name === currentUser.value)) setUser(ADMIN_USER);
  }

  async function refreshCatalog(): Promise<void> {
    catalog.value = await host().call('catalog.get', {});
  }

  /** Puts the workspace back to the course's starting state (a fresh copy of the template). */
  async function resetWorkspace(): Promise<void> {
    status.value = undefined;
    status.value = await host().call('workspace.open', { reset: true });
    setUser(ADMIN_USER);
    await refreshUsers();
    await refreshCatalog();
  }

  function setUser(name: string): void {
    currentUser.value = name;
    savePersisted('user', name);
  }

  return { status, startError, users, currentUser, catalog, progress, restartNotice, endProgress, start, refreshUsers, refreshCatalog, setUser, resetWorkspace };
});
