import { encodeJson, readJsonVia, type StoredFile, type WorkspaceStore } from './workspace-store';

/** A workspace store that lives in memory (tests, throw-away sessions). */
export class MemoryStore implements WorkspaceStore {
  readonly kind = 'memory' as const;
  readonly location = undefined;
  private readonly files = new Map<string, { data: Uint8Array; modified: number }>();

  async readFile(path: string): Promise<Uint8Array | undefined> {
    return this.files.get(path)?.data;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.files.set(path, { data: bytes, modified: Date.now() });
  }

  async removeFile(path: string): Promise<void> {
    this.files.delete(path);
  }

  async listFiles(prefix: string): Promise<StoredFile[]> {
    return [...this.files.entries()]
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, f]) => ({ path, size: f.data.byteLength, modified: f.modified }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  async readJson<T>(path: string): Promise<T | undefined> {
    return (await readJsonVia(this, path)) as T | undefined;
  }

  async writeJson(path: string, value: unknown): Promise<void> {
    await this.writeFile(path, encodeJson(value));
  }
}
