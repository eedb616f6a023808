import { ADMIN_USER, DATABASE_NAME } from '../../api/types';
import type { SqlBackend } from '../../backend/backend';
import { AwsError } from '../../console/console-command';
import type { WorkspaceStore } from '../../workspace/workspace-store';
import { getBlob } from './blob-store';
import type { SnapshotManifest } from './manifest';
import { loadTable } from './table-dump';

/**
 * Table restore requests (`restore-table-from-cluster-snapshot`, serverless
 * `restore-table-from-snapshot` / `-from-recovery-point`), kept in `meta/table-restores.json` with
 * AWS's field names. A request is accepted (PENDING) after validation, then runs in the same
 * process: IN_PROGRESS → SUCCEEDED or FAILED.
 */
export type RestoreStatus = 'PENDING' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

export interface TableRestoreRecord {
  TableRestoreRequestId: string;
  Status: RestoreStatus;
  Message?: string;
  RequestTime: string;
  ProgressInMegaBytes: number;
  TotalDataInMegaBytes: number;
  ClusterIdentifier?: string;
  NamespaceName?: string;
  WorkgroupName?: string;
  SnapshotIdentifier: string;
  SourceDatabaseName: string;
  SourceSchemaName: string;
  SourceTableName: string;
  TargetDatabaseName: string;
  TargetSchemaName: string;
  NewTableName: string;
  /** Where the snapshot's blobs live (not shown). */
  root: string;
  blob: string;
}

const RESTORES_PATH = 'meta/table-restores.json';

export async function listTableRestores(store: WorkspaceStore): Promise<TableRestoreRecord[]> {
  return (await store.readJson<TableRestoreRecord[]>(RESTORES_PATH)) ?? [];
}

async function saveRecord(store: WorkspaceStore, record: TableRestoreRecord): Promise<void> {
  const all = await listTableRestores(store);
  const i = all.findIndex((r) => r.TableRestoreRequestId === record.TableRestoreRequestId);
  if (i === -1) all.push(record);
  else all[i] = record;
  await store.writeJson(RESTORES_PATH, all);
}

export interface TableRestoreArgs {
  sourceDatabase: string;
  sourceSchema: string;
  sourceTable: string;
  targetDatabase: string;
  targetSchema: string;
  newTable: string;
}

/** Checks a request the way AWS does before accepting it; `errorCode` differs between the two APIs. */
export async function validateTableRestore(backend: SqlBackend, manifest: SnapshotManifest, args: TableRestoreArgs, errorCode: string) {
  const fail = (message: string) => new AwsError(errorCode, message);
  if (args.sourceDatabase !== DATABASE_NAME) throw fail(`Database ${args.sourceDatabase} doesn't exist in the snapshot ${manifest.identifier}.`);
  if (args.targetDatabase !== DATABASE_NAME) throw fail(`Database ${args.targetDatabase} doesn't exist.`);
  if (!/^[A-Za-z_][A-Za-z0-9_$]{0,126}$/.test(args.newTable)) {
    throw fail(`The new table name ${args.newTable} isn't valid: use 1 to 127 letters, digits, underscores or dollar signs, starting with a letter or underscore.`);
  }
  const entry = manifest.tables.find((t) => t.schema === args.sourceSchema && t.table === args.sourceTable);
  if (!entry) throw fail(`Table ${args.sourceSchema}.${args.sourceTable} doesn't exist in the snapshot ${manifest.identifier}.`);
  if (entry.interleaved) throw fail(`Table ${args.sourceSchema}.${args.sourceTable} has an interleaved sort key; tables with interleaved sort keys can't be restored from a snapshot.`);
  const schema = await backend.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [args.targetSchema]);
  if (!schema.rows.length) throw fail(`Schema ${args.targetSchema} doesn't exist in database ${args.targetDatabase}.`);
  const existing = await backend.query(
    'SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
    [args.targetSchema, args.newTable],
  );
  if (existing.rows.length) {
    throw fail(
      `Table ${args.targetSchema}.${args.newTable} already exists. The new table name cannot be the name of an existing table; rename or drop the existing table before you restore.`,
    );
  }
  return entry;
}

export function newRestoreRecord(manifest: SnapshotManifest, root: string, args: TableRestoreArgs, blob: string, bytes: number, requestTime: Date): TableRestoreRecord {
  return {
    TableRestoreRequestId: crypto.randomUUID(),
    Status: 'PENDING',
    RequestTime: requestTime.toISOString(),
    ProgressInMegaBytes: 0,
    TotalDataInMegaBytes: Math.max(1, Math.ceil(bytes / 1_048_576)),
    SnapshotIdentifier: manifest.identifier,
    SourceDatabaseName: args.sourceDatabase,
    SourceSchemaName: args.sourceSchema,
    SourceTableName: args.sourceTable,
    TargetDatabaseName: args.targetDatabase,
    TargetSchemaName: args.targetSchema,
    NewTableName: args.newTable,
    root,
    blob,
  };
}

/** Runs an accepted request to its end, recording each state change. */
export async function runTableRestore(backend: SqlBackend, store: WorkspaceStore, record: TableRestoreRecord, progress?: (message: string) => void): Promise<TableRestoreRecord> {
  await saveRecord(store, record);
  const running: TableRestoreRecord = { ...record, Status: 'IN_PROGRESS' };
  await saveRecord(store, running);
  progress?.(`Restoring ${record.SourceSchemaName}.${record.SourceTableName} as ${record.TargetSchemaName}.${record.NewTableName} (${record.TotalDataInMegaBytes} MB)…`);
  try {
    const dump = await getBlob(store, record.root, record.blob);
    if (!dump) throw new Error(`the snapshot ${record.SnapshotIdentifier} no longer holds this table's data`);
    await backend.exec('BEGIN');
    try {
      const rows = await loadTable(backend, dump, record.TargetSchemaName, record.NewTableName, ADMIN_USER, async (loaded, total) => {
        if (loaded >= total) return;
        running.ProgressInMegaBytes = Math.floor((loaded / total) * record.TotalDataInMegaBytes);
        await saveRecord(store, running);
        progress?.(`  ${running.ProgressInMegaBytes} of ${record.TotalDataInMegaBytes} MB`);
      });
      await backend.exec('COMMIT');
      const done: TableRestoreRecord = { ...running, Status: 'SUCCEEDED', ProgressInMegaBytes: record.TotalDataInMegaBytes, Message: `Table restored: ${rows} rows.` };
      await saveRecord(store, done);
      return done;
    } catch (e) {
      await backend.exec('ROLLBACK');
      throw e;
    }
  } catch (e) {
    const failed: TableRestoreRecord = { ...running, Status: 'FAILED', Message: e instanceof Error ? e.message : String(e) };
    await saveRecord(store, failed);
    return failed;
  }
}

/** The record as AWS shows it (without our internal fields). */
export function publicRecord(record: TableRestoreRecord): Omit<TableRestoreRecord, 'root' | 'blob'> {
  const { root: _root, blob: _blob, ...rest } = record;
  return rest;
}
