import { mkdir, open, readFile, readdir, rm, stat, writeFile, rename } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { encodeJson, readJsonVia, type StoredFile, type WorkspaceStore } from '../workspace-store';

const CHUNK_BYTES = 4 * 1024 * 1024;

/** A workspace store in a folder on disk (the desktop app and the CLI). */
export class FolderStore implements WorkspaceStore {
  readonly kind = 'node-dir' as const;

  constructor(readonly location: string) {}

  private resolve(path: string): string {
    const full = join(this.location, ...path.split('/'));
    if (relative(this.location, full).startsWith('..')) throw new Error(`path escapes the workspace: ${path}`);
    return full;
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.resolve(path)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async *readChunks(path: string): AsyncIterable<Uint8Array> {
    const file = await open(this.resolve(path), 'r');
    try {
      for (;;) {
        const chunk = new Uint8Array(CHUNK_BYTES);
        const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, null);
        if (bytesRead === 0) return;
        yield bytesRead < CHUNK_BYTES ? chunk.subarray(0, bytesRead) : chunk;
      }
    } finally {
      await file.close();
    }
  }

  /** Writes via a temporary file and a rename, so a crash never leaves half a file. */
  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const full = this.resolve(path);
    await mkdir(dirname(full), { recursive: true });
    const tmp = `${full}.tmp-${process.pid}-${Date.now()}`;
    await writeFile(tmp, data);
    await rename(tmp, full);
  }

  async removeFile(path: string): Promise<void> {
    await rm(this.resolve(path), { force: true });
  }

  async listFiles(prefix: string): Promise<StoredFile[]> {
    const slash = prefix.lastIndexOf('/');
    const baseDir = slash === -1 ? '' : prefix.slice(0, slash);
    const out: StoredFile[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && !entry.name.includes('.tmp-')) {
          const path = relative(this.location, full).split(sep).join('/');
          if (!path.startsWith(prefix)) continue;
          const s = await stat(full);
          out.push({ path, size: s.size, modified: s.mtimeMs });
        }
      }
    };
    await walk(this.resolve(baseDir || '.'));
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  async readJson<T>(path: string): Promise<T | undefined> {
    return (await readJsonVia(this, path)) as T | undefined;
  }

  async writeJson(path: string, value: unknown): Promise<void> {
    await this.writeFile(path, encodeJson(value));
  }
}
