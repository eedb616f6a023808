import type { SqlBackend } from '../../backend/backend';
import type { WorkspaceStore } from '../../workspace/workspace-store';
import { listBlobs, PRIMARY_ROOT, putBlob } from './blob-store';
import { writeManifest, type SchemaEntry, type ViewEntry, type SnapshotManifest, type SnapshotType, type StoreFileEntry, type TableEntry } from './manifest';
import { captureExternalSchemas } from '../spectrum/snapshot-support';
import { listColumnGrants } from './column-grants';
import { listComments } from './comments';
import { listConstraints } from './constraints';
import { listDefaultPrivileges } from './default-privileges';
import { listDropGrants } from './drop-grants';
import { captureRls } from './rls-state';
import { listSequences } from './sequences';
import { snapshotStorePrefixes, snapshotSystemTables } from './store-prefixes';
import { dumpTable, listUserTables, tableFingerprint, tableHeader, SYSTEM_SCHEMA_FILTER } from './table-dump';
import { relationExists } from './catalog-exists';

/** The last dump of each table, so an unchanged table is recognised without dumping it again. */
interface FingerprintCache {
  [qualifiedName: string]: { fingerprint: string; header: string; entry: TableEntry };
}

const FINGERPRINTS = `${PRIMARY_ROOT}/fingerprints.json`;

export interface SnapshotRequest {
  identifier: string;
  type: SnapshotType;
  source: string;
  createTime: Date;
  retentionDays: number;
}

/** What a snapshot captured, reusable for several manifests taken at the same moment. */
export interface SnapshotContent {
  users: SnapshotManifest['users'];
  schemas: SchemaEntry[];
  tables: TableEntry[];
  views: ViewEntry[];
  functions: NonNullable<SnapshotManifest['functions']>;
  sequences: NonNullable<SnapshotManifest['sequences']>;
  constraints: NonNullable<SnapshotManifest['constraints']>;
  dropGrants: NonNullable<SnapshotManifest['dropGrants']>;
  columnGrants: NonNullable<SnapshotManifest['columnGrants']>;
  defaultPrivileges: NonNullable<SnapshotManifest['defaultPrivileges']>;
  comments: NonNullable<SnapshotManifest['comments']>;
  rls?: SnapshotManifest['rls'];
  externalSchemas: NonNullable<SnapshotManifest['externalSchemas']>;
  systemTables: Record<string, unknown[]>;
  storeFiles: StoreFileEntry[];
  incrementalBytes: number;
}

/**
 * Captures the database (as the backend superuser): tables whose fingerprint changed are dumped
 * and stored if their content is new; the others point at the blobs they already have.
 */
export async function captureContent(backend: SqlBackend, store: WorkspaceStore): Promise<SnapshotContent> {
  const cache = (await store.readJson<FingerprintCache>(FINGERPRINTS)) ?? {};
  const known = new Set((await listBlobs(store, PRIMARY_ROOT)).keys());
  const nextCache: FingerprintCache = {};
  const grants = await relationGrants(backend);
  const tables: TableEntry[] = [];
  let incrementalBytes = 0;
  for (const table of await listUserTables(backend)) {
    if (!table.backup) continue;
    const key = `${table.schema}.${table.table}`;
    const { fingerprint, rows } = await tableFingerprint(backend, table);
    const header = await tableHeader(backend, table, rows);
    const headerText = JSON.stringify(header);
    const previous = cache[key];
    if (previous && previous.fingerprint === fingerprint && previous.header === headerText && known.has(previous.entry.blob)) {
      tables.push({ ...previous.entry, grants: grants.get(table.oid) ?? [] });
      nextCache[key] = previous;
      continue;
    }
    const stored = await putBlob(store, PRIMARY_ROOT, await dumpTable(backend, header), known);
    if (stored.written) incrementalBytes += stored.storedBytes;
    const entry: TableEntry = { schema: table.schema, table: table.table, blob: stored.hash, rows, bytes: stored.bytes, storedBytes: stored.storedBytes };
    if (header.attrs?.sortkey_type === 'interleaved') entry.interleaved = true;
    tables.push({ ...entry, grants: grants.get(table.oid) ?? [] });
    nextCache[key] = { fingerprint, header: headerText, entry };
  }
  await store.writeJson(FINGERPRINTS, nextCache);

  const storeFiles: StoreFileEntry[] = [];
  for (const prefix of snapshotStorePrefixes) {
    for (const file of await store.listFiles(prefix)) {
      const data = await store.readFile(file.path);
      if (!data) continue;
      const stored = await putBlob(store, PRIMARY_ROOT, data, known);
      if (stored.written) incrementalBytes += stored.storedBytes;
      storeFiles.push({ path: file.path, blob: stored.hash, bytes: stored.bytes });
    }
  }
  const externalSchemas = await captureExternalSchemas(store);
  const views = await listViews(backend, grants, new Set(Object.keys(externalSchemas.schemas)));
  const rls = await captureRls(backend);
  return {
    users: await listUsers(backend),
    schemas: await listSchemas(backend),
    tables,
    views,
    functions: await listFunctions(backend),
    sequences: await listSequences(backend),
    constraints: await listConstraints(backend),
    dropGrants: await listDropGrants(backend),
    columnGrants: await listColumnGrants(backend),
    defaultPrivileges: await listDefaultPrivileges(backend),
    comments: await listComments(backend),
    ...(rls ? { rls } : {}),
    externalSchemas,
    systemTables: await systemTableRows(backend),
    storeFiles,
    incrementalBytes,
  };
}

/** Writes a snapshot's manifest; `content` captured earlier is shared (`firstUse`: this manifest is billed for its new blobs). */
export async function takeSnapshot(
  backend: SqlBackend,
  store: WorkspaceStore,
  request: SnapshotRequest,
  content?: SnapshotContent,
  firstUse = content === undefined,
): Promise<SnapshotManifest> {
  const captured = content ?? (await captureContent(backend, store));
  const manifest: SnapshotManifest = {
    identifier: request.identifier,
    type: request.type,
    source: request.source,
    createTime: request.createTime.toISOString(),
    retentionDays: request.retentionDays,
    status: 'available',
    ...captured,
    // A manifest reusing content captured for an earlier one adds nothing.
    incrementalBytes: firstUse ? captured.incrementalBytes : 0,
  };
  await writeManifest(store, PRIMARY_ROOT, manifest);
  return manifest;
}

async function listUsers(backend: SqlBackend): Promise<SnapshotManifest['users']> {
  const r = await backend.query("SELECT rolname, rolsuper FROM pg_roles WHERE rolcanlogin AND rolname <> 'postgres' ORDER BY rolname");
  return r.rows.map((row) => ({ name: String(row[0]), superuser: row[1] === true }));
}

async function listSchemas(backend: SqlBackend): Promise<SchemaEntry[]> {
  const r = await backend.query(`
    SELECT n.nspname, pg_get_userbyid(n.nspowner), ${ACL_PAIRS('n.nspacl', 'n.nspowner')}
    FROM pg_namespace n WHERE ${SYSTEM_SCHEMA_FILTER} ORDER BY n.nspname`);
  return r.rows.map((row) => ({ name: String(row[0]), owner: String(row[1]), grants: parsePairs(row[2]) }));
}

const ACL_PAIRS = (acl: string, owner: string) => `coalesce((SELECT json_agg(json_build_array(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, a.privilege_type))
  FROM aclexplode(${acl}) a WHERE a.grantee <> ${owner}), '[]')`;

const parsePairs = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Array<[string, string]>;

/** Privileges granted on each table and view (by relation oid), without the owner's own. */
async function relationGrants(backend: SqlBackend): Promise<Map<number, Array<[string, string]>>> {
  const r = await backend.query(`
    SELECT c.oid::int, ${ACL_PAIRS('c.relacl', 'c.relowner')}
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm') AND c.relacl IS NOT NULL AND ${SYSTEM_SCHEMA_FILTER}`);
  return new Map(r.rows.map((row) => [Number(row[0]), parsePairs(row[1])]));
}

/** Views, without those standing in for external tables (a restore rebuilds them from the catalog). */
async function listViews(backend: SqlBackend, grants: Map<number, Array<[string, string]>>, externalSchemas: Set<string>): Promise<ViewEntry[]> {
  const r = await backend.query(`
    SELECT c.oid::int, n.nspname, c.relname, pg_get_userbyid(c.relowner), pg_get_viewdef(c.oid), c.relkind = 'm'
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${SYSTEM_SCHEMA_FILTER} ORDER BY c.oid`);
  return r.rows.filter((row) => !externalSchemas.has(String(row[1]))).map((row) => ({
    schema: String(row[1]),
    name: String(row[2]),
    owner: String(row[3]),
    definition: String(row[4]),
    materialized: row[5] === true,
    grants: grants.get(Number(row[0])) ?? [],
  }));
}

async function listFunctions(backend: SqlBackend): Promise<NonNullable<SnapshotManifest['functions']>> {
  const r = await backend.query(`
    SELECT n.nspname, pg_get_userbyid(p.proowner), pg_get_functiondef(p.oid)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prokind IN ('f', 'p') AND ${SYSTEM_SCHEMA_FILTER}
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    ORDER BY p.oid`);
  return r.rows.map((row) => ({ schema: String(row[0]), owner: String(row[1]), definition: String(row[2]) }));
}

async function systemTableRows(backend: SqlBackend): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of snapshotSystemTables) {
    if (!(await relationExists(backend, table))) continue;
    const r = await backend.query(`SELECT coalesce(json_agg(t), '[]') FROM ${table} t`);
    const value = r.rows[0]![0];
    out[table] = (typeof value === 'string' ? JSON.parse(value) : value) as unknown[];
  }
  return out;
}
