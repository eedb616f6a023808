import type { SqlBackend } from '../../backend/backend';
import { PgliteBackend } from '../../backend/pglite-backend';
import type { StoredFile, WorkspaceStore } from '../../workspace/workspace-store';

const HOST_MOUNT = '/wl_workspace';
const COPY_ROOT = '/tmp/wl_s3';
const mounted = new WeakSet<object>();

/**
 * Where the backend can read a workspace file server-side. A folder workspace is mounted into
 * PGlite's file system once (NODEFS), so PostgreSQL streams the user's file from disk and memory
 * stays bounded; other stores (browser, memory) get a copy written into the backend's memory FS.
 */
export async function serverPathOf(backend: SqlBackend, store: WorkspaceStore, file: StoredFile): Promise<string> {
  if (mountWorkspace(backend, store)) return `${HOST_MOUNT}/${file.path}`;
  const path = `${COPY_ROOT}/${file.path}`;
  const data = await store.readFile(file.path);
  if (!data || !backend.writeServerFile) throw new Error(`cannot read ${file.path}`);
  backend.writeServerFile(path, data);
  return path;
}

/** The path of a workspace file inside a mounted folder workspace; undefined for other stores. */
export function mountedPathOf(backend: SqlBackend, store: WorkspaceStore, storePath: string): string | undefined {
  return mountWorkspace(backend, store) ? `${HOST_MOUNT}/${storePath}` : undefined;
}

/** Writes generated text (e.g. decoded Parquet) where the backend can read it. */
export function writeGenerated(backend: SqlBackend, name: string, text: string): string {
  const path = `${COPY_ROOT}/generated/${name}`;
  if (!backend.writeServerFile) throw new Error('this backend cannot read files');
  backend.writeServerFile(path, text);
  return path;
}

function mountWorkspace(backend: SqlBackend, store: WorkspaceStore): boolean {
  if (!(backend instanceof PgliteBackend) || store.kind !== 'node-dir' || !store.location) return false;
  if (mounted.has(backend)) return true;
  const module = backend.db.Module as unknown as { NODEFS?: unknown; FS: { mkdirTree(p: string): void; mount(fs: unknown, o: { root: string }, p: string): void } };
  if (!module.NODEFS) return false;
  module.FS.mkdirTree(HOST_MOUNT);
  module.FS.mount(module.NODEFS, { root: store.location }, HOST_MOUNT);
  mounted.add(backend);
  return true;
}
