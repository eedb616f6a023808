import type { WorkspaceStore } from '../../workspace/workspace-store';
import type { ExternalSchemasBackup } from '../spectrum/snapshot-support';
import type { ColumnGrantEntry } from './column-grants';
import type { CommentEntry } from './comments';
import type { ConstraintEntry } from './constraints';
import type { DefaultPrivilegeEntry } from './default-privileges';
import type { DropGrantEntry } from './drop-grants';
import type { RlsState } from './rls-state';
import type { SequenceEntry } from './sequences';

/** What kind of backup a manifest is; recovery points are automated snapshots of a namespace. */
export type SnapshotType = 'manual' | 'automated' | 'recovery-point' | 'serverless';

export interface TableEntry {
  schema: string;
  table: string;
  /** Blob of the table dump (header + rows). */
  blob: string;
  rows: number;
  /** Uncompressed dump size. */
  bytes: number;
  /** Compressed size stored. */
  storedBytes: number;
  /** `grantee privilege` pairs of the table's ACL, re-applied by a cluster restore (not by a table restore). */
  grants?: Array<[string, string]>;
  /** Tables with an INTERLEAVED sort key can't be restored on their own (Redshift's rule). */
  interleaved?: boolean;
}

export interface ViewEntry {
  schema: string;
  name: string;
  owner: string;
  definition: string;
  materialized: boolean;
  grants: Array<[string, string]>;
}

export interface SchemaEntry {
  name: string;
  owner: string;
  /** `grantee privilege` pairs from the schema's ACL (grantee `PUBLIC` for everyone). */
  grants: Array<[string, string]>;
}

export interface StoreFileEntry {
  path: string;
  blob: string;
  bytes: number;
}

/** One snapshot: a list of references into the blob store plus what it cost to take. */
export interface SnapshotManifest {
  identifier: string;
  type: SnapshotType;
  /** Cluster identifier, or the namespace name for serverless backups. */
  source: string;
  createTime: string;
  /** Days; -1 forever. Automated: the cluster's automated retention when taken. */
  retentionDays: number;
  status: 'available';
  users: Array<{ name: string; superuser: boolean }>;
  schemas: SchemaEntry[];
  tables: TableEntry[];
  /** Views in creation order (absent in manifests written before views were captured). */
  views?: ViewEntry[];
  /** User-defined functions (e.g. Redshift ML prediction functions): owner and CREATE text. */
  functions?: Array<{ schema: string; owner: string; definition: string }>;
  /** PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK constraints (absent in older manifests). */
  constraints?: ConstraintEntry[];
  /** COMMENT ON texts of schemas, tables, views and columns (absent in older manifests). */
  comments?: CommentEntry[];
  /** ALTER DEFAULT PRIVILEGES … IN SCHEMA grants (absent in older manifests). */
  defaultPrivileges?: DefaultPrivilegeEntry[];
  /** Column-level privileges of tables and views (absent in older manifests). */
  columnGrants?: ColumnGrantEntry[];
  /** `GRANT DROP ON table` privileges, by table name (absent in older manifests). */
  dropGrants?: DropGrantEntry[];
  /** Sequences made with CREATE SEQUENCE (absent in older manifests). */
  sequences?: SequenceEntry[];
  /** RLS attachments and per-table RLS settings by table name (absent in older manifests). */
  rls?: RlsState;
  /** External schemas and the catalog databases they point at (absent in older manifests). */
  externalSchemas?: ExternalSchemasBackup;
  /** Rows of registered wl_sys bookkeeping tables, as JSON arrays of row objects. */
  systemTables?: Record<string, unknown[]>;
  storeFiles: StoreFileEntry[];
  /** Stored bytes this snapshot added (new blobs). */
  incrementalBytes: number;
  /** Copied from another region's snapshot (cross-region copy). */
  sourceRegion?: string;
}

export function manifestPath(root: string, identifier: string): string {
  return `${root}/manifests/${encodeURIComponent(identifier)}.json`;
}

export async function readManifest(store: WorkspaceStore, root: string, identifier: string): Promise<SnapshotManifest | undefined> {
  return store.readJson<SnapshotManifest>(manifestPath(root, identifier));
}

export async function writeManifest(store: WorkspaceStore, root: string, manifest: SnapshotManifest): Promise<void> {
  await store.writeJson(manifestPath(root, manifest.identifier), manifest);
}

export async function removeManifest(store: WorkspaceStore, root: string, identifier: string): Promise<void> {
  await store.removeFile(manifestPath(root, identifier));
}

/** Every manifest under a root, oldest first. */
export async function listManifests(store: WorkspaceStore, root: string): Promise<SnapshotManifest[]> {
  const out: SnapshotManifest[] = [];
  for (const f of await store.listFiles(`${root}/manifests/`)) {
    if (!f.path.endsWith('.json')) continue;
    const m = await store.readJson<SnapshotManifest>(f.path);
    if (m) out.push(m);
  }
  return out.sort((a, b) => a.createTime.localeCompare(b.createTime) || a.identifier.localeCompare(b.identifier));
}

export function referencedBlobs(manifests: SnapshotManifest[]): Set<string> {
  const out = new Set<string>();
  for (const m of manifests) {
    for (const t of m.tables) out.add(t.blob);
    for (const f of m.storeFiles) out.add(f.blob);
  }
  return out;
}

/** Days left before a snapshot with a retention period expires (undefined: kept forever). */
export function remainingDays(manifest: SnapshotManifest, now: Date): number | undefined {
  if (manifest.retentionDays < 0) return undefined;
  const end = Date.parse(manifest.createTime) + manifest.retentionDays * 86_400_000;
  return Math.max(0, Math.ceil((end - now.getTime()) / 86_400_000));
}

export function isExpired(manifest: SnapshotManifest, now: Date): boolean {
  if (manifest.retentionDays < 0) return false;
  return Date.parse(manifest.createTime) + manifest.retentionDays * 86_400_000 <= now.getTime();
}
