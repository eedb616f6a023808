import type { SqlBackend } from '../../backend/backend';
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { quoteIdent, quoteLiteral } from '../../sql/quote';
import type { StoredFile, WorkspaceStore } from '../../workspace/workspace-store';
import { parseS3Uri } from '../s3/s3-uri';
import { S3_ROOT } from '../s3/local-s3';
import type { ExternalColumn, ExternalTable } from './catalog';
import { parquetToCsv } from './parquet-text';
import { serverPathOf, writeGenerated } from './server-files';

/** One object of an external table as it was loaded for the current statement. */
export interface ScannedFile {
  uri: string;
  size: number;
  rows: number;
  cacheTable: string;
}

export const CACHE_SCHEMA = 'wl_spectrum';

/** Private bookkeeping: which object version each cache table holds, and each view's current make-up. */
export const MATERIALIZE_SQL = /* sql */ `
CREATE SCHEMA IF NOT EXISTS ${CACHE_SCHEMA};
REVOKE ALL ON SCHEMA ${CACHE_SCHEMA} FROM PUBLIC;
GRANT USAGE ON SCHEMA ${CACHE_SCHEMA} TO PUBLIC;
CREATE TABLE IF NOT EXISTS wl_sys.spectrum_files (cache_table text PRIMARY KEY, store_path text NOT NULL, size bigint NOT NULL,
  modified double precision NOT NULL, rows bigint NOT NULL);
CREATE TABLE IF NOT EXISTS wl_sys.spectrum_views (view_name text PRIMARY KEY, signature text NOT NULL);
`;

/** Redshift external column types → PostgreSQL column types. */
export function pgType(type: string): string {
  const t = type.trim().toLowerCase();
  if (t === 'string') return 'text';
  if (t === 'int' || t === 'int4') return 'integer';
  if (t === 'double' || t === 'float8' || t === 'float') return 'double precision';
  if (t === 'tinyint') return 'smallint';
  return t;
}

/** The objects of a table (or of its partitions), ignoring Hive's `_`/`.` marker files. */
export async function tableFiles(store: WorkspaceStore, table: ExternalTable): Promise<Array<{ file: StoredFile; uri: string; partition?: string[] }>> {
  const under = async (location: string, partition?: string[]) => {
    const loc = parseS3Uri(location);
    if (!loc) return [];
    const prefix = loc.key === '' || loc.key.endsWith('/') ? loc.key : `${loc.key}/`;
    const files = await store.listFiles(`${S3_ROOT}${loc.bucket}/${prefix}`);
    return files
      .filter((f) => !/(^|\/)[_.][^/]*$/.test(f.path))
      .map((file) => ({ file, uri: `s3://${file.path.slice(S3_ROOT.length)}`, ...(partition ? { partition } : {}) }));
  };
  if (table.partitionKeys.length === 0) return under(table.location);
  const all = await Promise.all(table.partitions.map((p) => under(p.location, p.values)));
  return all.flat();
}

function hash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619);
    h2 = Math.imul(h2 + text.charCodeAt(i), 2246822519);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

/**
 * Brings the external table's PostgreSQL stand-ins up to date with its current objects: each object
 * version is loaded once into an unlogged cache table (PostgreSQL streams it from the file), and the
 * view `schema.table` (plus `wl_spectrum."schema.table"` with "$path"/"$size") unions them. Runs as
 * the internal superuser.
 */
export async function materialize(
  backend: SqlBackend,
  store: WorkspaceStore,
  schemaName: string,
  table: ExternalTable,
): Promise<Array<ScannedFile & { partition?: string[] }>> {
  const files = await tableFiles(store, table);
  const known = new Map(
    (await backend.query('SELECT cache_table, rows FROM wl_sys.spectrum_files')).rows.map((r) => [String(r[0]), Number(r[1])]),
  );
  const scanned: Array<ScannedFile & { partition?: string[] }> = [];
  for (const { file, uri, partition } of files) {
    const cacheTable = `c_${hash(`${file.path}|${file.size}|${file.modified}|${table.format}|${table.delimiter}|${table.skipHeaderLines}|${JSON.stringify(table.columns)}`)}`;
    let rows = known.get(cacheTable);
    if (rows === undefined) rows = await loadObject(backend, store, table, file, uri, cacheTable);
    scanned.push({ uri, size: file.size, rows, cacheTable, ...(partition ? { partition } : {}) });
  }
  await defineViews(backend, schemaName, table, scanned);
  await dropStale(backend, table, scanned);
  return scanned;
}

async function loadObject(backend: SqlBackend, store: WorkspaceStore, table: ExternalTable, file: StoredFile, uri: string, cacheTable: string): Promise<number> {
  const qualified = `${CACHE_SCHEMA}.${quoteIdent(cacheTable)}`;
  const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${pgType(c.type)}`).join(', ');
  let path: string;
  let options: string;
  if (table.format === 'PARQUET') {
    const bytes = await store.readFile(file.path);
    path = writeGenerated(backend, `${cacheTable}.csv`, await parquetToCsv(bytes ?? new Uint8Array(), table.columns.map((c) => c.name)));
    options = 'FORMAT csv';
  } else {
    path = await serverPathOf(backend, store, file);
    options = `FORMAT csv, DELIMITER ${quoteLiteral(table.delimiter)}, HEADER ${table.skipHeaderLines > 0}`;
    if (table.nullFormat !== undefined) options += `, NULL ${quoteLiteral(table.nullFormat)}`;
  }
  let rows: number;
  // Created and filled in one transaction, the rows can be written frozen (no hint-bit writes on the first scan).
  const freeze = !backend.inTransaction();
  try {
    if (freeze) await backend.exec('BEGIN');
    // A 3,000-row statistics sample (target 10) instead of 30,000: ANALYZE of a 1M-row object took 544–734 ms,
    // now 145–183 ms (same loaded 2-core machine); the row count and rough distinct counts the planner needs
    // for a fact ⋈ dimension join stay right.
    const statistics = table.columns.map((c) => `ALTER COLUMN ${quoteIdent(c.name)} SET STATISTICS 10`).join(', ');
    await backend.exec(`DROP TABLE IF EXISTS ${qualified}; CREATE UNLOGGED TABLE ${qualified} (${columns});${statistics ? ` ALTER TABLE ${qualified} ${statistics}` : ''}`);
    const result = await backend.query(`COPY ${qualified} FROM ${quoteLiteral(path)} WITH (${options}${freeze ? ', FREEZE' : ''})`);
    rows = result.affectedRows;
    if (freeze) await backend.exec('COMMIT');
    // Statistics let the planner hash the small side of the lecture's fact ⋈ dimension join.
    await backend.exec(`ANALYZE ${qualified}`);
  } catch (e) {
    if (freeze && backend.inTransaction()) await backend.exec('ROLLBACK');
    await backend.exec(`DROP TABLE IF EXISTS ${qualified}`);
    const message = e instanceof Error ? e.message : String(e);
    throw new SqlError(SQLSTATE.internalError, `Spectrum Scan Error: file '${uri}' could not be read as ${table.format}: ${message}`);
  } finally {
    if (table.format === 'PARQUET') backend.removeServerFile?.(path);
  }
  await backend.query('INSERT INTO wl_sys.spectrum_files VALUES ($1, $2, $3, $4, $5) ON CONFLICT (cache_table) DO UPDATE SET rows = excluded.rows', [
    cacheTable, file.path, file.size, file.modified, rows,
  ]);
  return rows;
}

function literal(value: string, column: ExternalColumn): string {
  return `${quoteLiteral(value)}::${pgType(column.type)}`;
}

async function defineViews(backend: SqlBackend, schemaName: string, table: ExternalTable, files: Array<ScannedFile & { partition?: string[] }>): Promise<void> {
  const data = table.columns.map((c) => quoteIdent(c.name));
  const branch = (f: ScannedFile & { partition?: string[] }, pseudo: boolean) => {
    const parts = table.partitionKeys.map((k, i) => `${literal(f.partition?.[i] ?? '', k)} AS ${quoteIdent(k.name)}`);
    const extra = pseudo ? [`${quoteLiteral(f.uri)}::varchar(512) AS "$path"`, `${f.size}::bigint AS "$size"`] : [];
    return `SELECT ${[...data, ...parts, ...extra].join(', ')} FROM ${CACHE_SCHEMA}.${quoteIdent(f.cacheTable)}`;
  };
  const empty = (pseudo: boolean) => {
    const cols = [...table.columns, ...table.partitionKeys].map((c) => `NULL::${pgType(c.type)} AS ${quoteIdent(c.name)}`);
    if (pseudo) cols.push(`NULL::varchar(512) AS "$path"`, `NULL::bigint AS "$size"`);
    return `SELECT ${cols.join(', ')} WHERE false`;
  };
  const body = (pseudo: boolean) => (files.length ? files.map((f) => branch(f, pseudo)).join('\nUNION ALL ') : empty(pseudo));
  const view = `${quoteIdent(schemaName)}.${quoteIdent(table.name)}`;
  const pseudoView = `${CACHE_SCHEMA}.${quoteIdent(`${schemaName}.${table.name}`)}`;
  const signature = hash(body(true));
  const current = await backend.query('SELECT signature FROM wl_sys.spectrum_views WHERE view_name = $1', [view]);
  const exists = await backend.query('SELECT to_regclass($1) IS NOT NULL', [view]);
  if (current.rows[0]?.[0] === signature && exists.rows[0]?.[0] === true) return;
  await backend.exec(`DROP VIEW IF EXISTS ${view}; DROP VIEW IF EXISTS ${pseudoView};
    CREATE VIEW ${view} AS ${body(false)};
    CREATE VIEW ${pseudoView} AS ${body(true)};
    GRANT SELECT ON ${view}, ${pseudoView} TO PUBLIC;`);
  await backend.query('INSERT INTO wl_sys.spectrum_views VALUES ($1, $2) ON CONFLICT (view_name) DO UPDATE SET signature = excluded.signature', [view, signature]);
}

/** Drops cache tables of object versions under this table's locations that no longer exist. */
async function dropStale(backend: SqlBackend, table: ExternalTable, current: ScannedFile[]): Promise<void> {
  const keep = new Set(current.map((f) => f.cacheTable));
  const locations = [table.location, ...table.partitions.map((p) => p.location)].map((l) => {
    const loc = parseS3Uri(l);
    return loc ? `${S3_ROOT}${loc.bucket}/${loc.key}` : '';
  });
  const rows = (await backend.query('SELECT cache_table, store_path FROM wl_sys.spectrum_files')).rows;
  for (const [cacheTable, path] of rows as Array<[string, string]>) {
    if (keep.has(cacheTable) || !locations.some((l) => l && path.startsWith(l))) continue;
    // CASCADE: the other reader's view (Spectrum or Athena) over this old version is re-made on its next query.
    await backend.exec(`DROP TABLE IF EXISTS ${CACHE_SCHEMA}.${quoteIdent(cacheTable)} CASCADE`);
    await backend.query('DELETE FROM wl_sys.spectrum_files WHERE cache_table = $1', [cacheTable]);
  }
}

/** Removes a table's views (DROP TABLE, DROP SCHEMA). Cache tables go when their objects are unused. */
export async function dropViews(backend: SqlBackend, schemaName: string, tableName: string): Promise<void> {
  const view = `${quoteIdent(schemaName)}.${quoteIdent(tableName)}`;
  await backend.exec(`DROP VIEW IF EXISTS ${view}; DROP VIEW IF EXISTS ${CACHE_SCHEMA}.${quoteIdent(`${schemaName}.${tableName}`)};`);
  await backend.query('DELETE FROM wl_sys.spectrum_views WHERE view_name = $1', [view]);
}
