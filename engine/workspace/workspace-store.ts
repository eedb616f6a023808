import type { WorkspaceKind } from '../api/types';

export interface StoredFile {
  /** Path relative to the workspace root, with `/` separators (e.g. `s3/bucket/key.csv`). */
  path: string;
  size: number;
  /** Last modification, ms since the epoch. */
  modified: number;
}

/**
 * The files of a workspace besides the database itself: our metadata (JSON) and the local S3
 * objects. Node keeps them in a folder, the browser in IndexedDB, tests in memory.
 */
export interface WorkspaceStore {
  readonly kind: WorkspaceKind;
  /** Folder (Node), database name (browser) or undefined (memory). */
  readonly location: string | undefined;
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** A file in pieces of bounded size, for stores whose files are not in memory anyway (a folder). */
  readChunks?(path: string): AsyncIterable<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  removeFile(path: string): Promise<void>;
  /** Files whose path starts with `prefix`, sorted by path. */
  listFiles(prefix: string): Promise<StoredFile[]>;
  readJson<T>(path: string): Promise<T | undefined>;
  writeJson(path: string, value: unknown): Promise<void>;
}

/** JSON helpers shared by the stores. */
export async function readJsonVia(store: Pick<WorkspaceStore, 'readFile'>, path: string): Promise<unknown> {
  const bytes = await store.readFile(path);
  return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
}

export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}
