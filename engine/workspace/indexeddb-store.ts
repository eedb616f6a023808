/// <reference lib="webworker" />
import { encodeJson, readJsonVia, type StoredFile, type WorkspaceStore } from './workspace-store';

const FILES = 'files';

interface Row {
  path: string;
  data: Uint8Array;
  modified: number;
}

/** The workspace's files (metadata JSON, local S3 objects) in an IndexedDB database (browser). */
export class IndexedDbStore implements WorkspaceStore {
  readonly kind = 'indexeddb' as const;

  private constructor(
    private readonly db: IDBDatabase,
    readonly location: string,
  ) {}

  static async open(name: string, factory: IDBFactory = indexedDB): Promise<IndexedDbStore> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(FILES, { keyPath: 'path' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return new IndexedDbStore(db, name);
  }

  /** Deletes the whole database (workspace reset). */
  static remove(name: string, factory: IDBFactory = indexedDB): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = factory.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => resolve();
    });
  }

  close(): void {
    this.db.close();
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const row = await this.request<Row | undefined>('readonly', (s) => s.get(path));
    return row?.data;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    await this.request('readwrite', (s) => s.put({ path, data: bytes, modified: Date.now() } satisfies Row));
  }

  async removeFile(path: string): Promise<void> {
    await this.request('readwrite', (s) => s.delete(path));
  }

  async listFiles(prefix: string): Promise<StoredFile[]> {
    // Keys sort as strings, so the prefix is a key range ['prefix', 'prefix\uffff'].
    const range = IDBKeyRange.bound(prefix, prefix + '\uffff');
    const rows = await this.request<Row[]>('readonly', (s) => s.getAll(prefix ? range : undefined));
    return rows.map((r) => ({ path: r.path, size: r.data.byteLength, modified: r.modified })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readJson<T>(path: string): Promise<T | undefined> {
    return (await readJsonVia(this, path)) as T | undefined;
  }

  async writeJson(path: string, value: unknown): Promise<void> {
    await this.writeFile(path, encodeJson(value));
  }

  private request<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const tx = this.db.transaction(FILES, mode);
      const request = work(tx.objectStore(FILES));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error ?? request.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  }
}
