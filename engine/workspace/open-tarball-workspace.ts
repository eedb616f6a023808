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
  /** PGlite's compiled WASM and file bundle when the host fetched them ahead. */
  assets?: Pick<PgliteOpenOptions, 'pgliteWasmModule' | 'fsBundle'>;
  relaxedDurability?: boolean;
}

/** Opens a workspace from a template tarball (browser workspaces and in-memory ones). */
export async function openTarballWorkspace(options: TarballWorkspaceOptions): Promise<EmbeddedWarehouse> {
  const open: PgliteOpenOptions = { database: DATABASE_NAME, ...options.assets, relaxedDurability: options.relaxedDurability ?? false };
  if (options.dataDir) open.dataDir = options.dataDir;
  if (options.template) open.loadDataDir = options.template;
  const backend = await PgliteBackend.open(open);
  return EmbeddedWarehouse.start(backend, options.store ?? new MemoryStore(), options.name ?? options.dataDir ?? 'memory');
}
