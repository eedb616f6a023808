import type { WorkspaceStore } from '../../workspace/workspace-store';

/**
 * Content-addressed snapshot storage: each table dump is gzip-compressed and stored once under
 * `<root>/blobs/<sha256>.gz`, however many snapshots refer to it. That is what makes snapshots
 * incremental: an unchanged table costs a manifest line, not a copy.
 */
export const PRIMARY_ROOT = 'snapshots';

export function blobPath(root: string, hash: string): string {
  return `${root}/blobs/${hash}.gz`;
}

export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function sha256(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface StoredBlob {
  hash: string;
  /** Uncompressed size. */
  bytes: number;
  /** Compressed size, what the snapshot storage bills. */
  storedBytes: number;
  /** False when an identical blob was already stored (nothing written). */
  written: boolean;
}

/** Stores `data` unless identical content is already there. */
export async function putBlob(store: WorkspaceStore, root: string, data: Uint8Array, known?: Set<string>): Promise<StoredBlob> {
  const hash = await sha256(data);
  const path = blobPath(root, hash);
  const existing = known ? (known.has(hash) ? await storedSize(store, path) : undefined) : await storedSize(store, path);
  if (existing !== undefined) return { hash, bytes: data.length, storedBytes: existing, written: false };
  const compressed = await gzip(data);
  await store.writeFile(path, compressed);
  known?.add(hash);
  return { hash, bytes: data.length, storedBytes: compressed.length, written: true };
}

export async function getBlob(store: WorkspaceStore, root: string, hash: string): Promise<Uint8Array | undefined> {
  const compressed = await store.readFile(blobPath(root, hash));
  return compressed ? gunzip(compressed) : undefined;
}

async function storedSize(store: WorkspaceStore, path: string): Promise<number | undefined> {
  const files = await store.listFiles(path);
  return files.find((f) => f.path === path)?.size;
}

/** Hashes of the blobs stored under a root. */
export async function listBlobs(store: WorkspaceStore, root: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const f of await store.listFiles(`${root}/blobs/`)) {
    const m = /\/blobs\/([0-9a-f]+)\.gz$/.exec(f.path);
    if (m) out.set(m[1]!, f.size);
  }
  return out;
}

/** Removes blobs no manifest refers to any more (after snapshots are deleted or expire). */
export async function collectGarbage(store: WorkspaceStore, root: string, referenced: Set<string>): Promise<number> {
  let removed = 0;
  for (const hash of (await listBlobs(store, root)).keys()) {
    if (!referenced.has(hash)) {
      await store.removeFile(blobPath(root, hash));
      removed++;
    }
  }
  return removed;
}
