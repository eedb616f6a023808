import { DATABASE_NAME } from '../api/types';
import { PgliteBackend, type PgliteOpenOptions } from '../backend/pglite-backend';
import { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import { MemoryStore } from './memory-store';
import type { WorkspaceStore } from './workspace-store';

export interface TarballWorkspaceOptions {
  /** The template tarball (`dist/template/seeded.tar` or `empty.tar`); omit to reopen `dataDir`. */
  template?: Blob;
  /** `idb://name` in a browser for a persistent workspace; omit for memory. */
  dataDir?: string;
  store?: WorkspaceStore;
  name?: string;
}

/** Opens a workspace from a template tarball (in memory, or in an `idb://` data dir). */
export async function openTarballWorkspace(options: TarballWorkspaceOptions): Promise<EmbeddedWarehouse> {
  const open: PgliteOpenOptions = { database: DATABASE_NAME };
  if (options.dataDir) open.dataDir = options.dataDir;
  if (options.template) open.loadDataDir = options.template;
  const backend = await PgliteBackend.open(open);
  return EmbeddedWarehouse.start(backend, options.store ?? new MemoryStore(), options.name ?? options.dataDir ?? 'memory');
}
