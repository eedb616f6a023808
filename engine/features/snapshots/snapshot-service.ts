import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import type { WorkspaceStore } from '../../workspace/workspace-store';
import { blobPath, collectGarbage, listBlobs, PRIMARY_ROOT } from './blob-store';
import { isExpired, listManifests, readManifest, referencedBlobs, removeManifest, writeManifest, type SnapshotManifest } from './manifest';
import { takeSnapshot, type SnapshotRequest } from './take-snapshot';

/** Snapshot operations shared by the console commands and the clock's catch-up work. */

/** AWS's rule: 1–255 letters, digits or hyphens, starting with a letter, no trailing hyphen or `--`. */
export function snapshotIdentifierError(identifier: string, what = 'snapshot identifier'): string | undefined {
  if (identifier.length < 1 || identifier.length > 255) return `The ${what} must be 1 to 255 characters long.`;
  if (!/^[A-Za-z]/.test(identifier)) return `The ${what} must begin with a letter: ${identifier}`;
  if (!/^[A-Za-z0-9-]+$/.test(identifier)) return `The ${what} can contain only alphanumeric characters and hyphens: ${identifier}`;
  if (identifier.endsWith('-') || identifier.includes('--')) return `The ${what} cannot end with a hyphen or contain two consecutive hyphens: ${identifier}`;
  return undefined;
}

export function createSnapshot(warehouse: EmbeddedWarehouse, request: SnapshotRequest): Promise<SnapshotManifest> {
  return warehouse.runAsSystem((backend) => takeSnapshot(backend, warehouse.store, request));
}

export async function findSnapshot(store: WorkspaceStore, identifier: string): Promise<SnapshotManifest | undefined> {
  return readManifest(store, PRIMARY_ROOT, identifier);
}

export async function allSnapshots(store: WorkspaceStore, root = PRIMARY_ROOT): Promise<SnapshotManifest[]> {
  return listManifests(store, root);
}

/** Deletes snapshots and the blobs nothing refers to any more. */
export async function deleteSnapshots(store: WorkspaceStore, identifiers: string[], root = PRIMARY_ROOT): Promise<void> {
  for (const id of identifiers) await removeManifest(store, root, id);
  await collectGarbage(store, root, referencedBlobs(await listManifests(store, root)));
}

/** Deletes what has passed its retention (automated, manual with a period, recovery points). */
export async function expireSnapshots(store: WorkspaceStore, now: Date, root = PRIMARY_ROOT): Promise<string[]> {
  const expired = (await listManifests(store, root)).filter((m) => isExpired(m, now)).map((m) => m.identifier);
  if (expired.length) await deleteSnapshots(store, expired, root);
  return expired;
}

export function regionRoot(region: string): string {
  return `${PRIMARY_ROOT}/regions/${region}`;
}

/** Copies a snapshot (manifest and the blobs the destination lacks) into another region's folder. */
export async function copyToRegion(store: WorkspaceStore, manifest: SnapshotManifest, region: string, sourceRegion: string, retentionDays: number): Promise<void> {
  const root = regionRoot(region);
  const present = await listBlobs(store, root);
  for (const hash of referencedBlobs([manifest])) {
    if (present.has(hash)) continue;
    const data = await store.readFile(blobPath(PRIMARY_ROOT, hash));
    if (data) await store.writeFile(blobPath(root, hash), data);
  }
  await writeManifest(store, root, { ...manifest, retentionDays, sourceRegion });
}

/** Bytes stored under a root (manifests are negligible): what snapshot storage bills. */
export async function storedBytes(store: WorkspaceStore, root = PRIMARY_ROOT): Promise<number> {
  let total = 0;
  for (const size of (await listBlobs(store, root)).values()) total += size;
  return total;
}

export function toMegabytes(bytes: number): number {
  return Math.round((bytes / 1_048_576) * 100) / 100;
}

export function totalBytes(manifest: SnapshotManifest): number {
  return manifest.tables.reduce((sum, t) => sum + t.storedBytes, 0) + manifest.storeFiles.reduce((sum, f) => sum + f.bytes, 0);
}
