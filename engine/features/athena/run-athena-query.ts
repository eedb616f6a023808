import type { SqlBackend } from '../../backend/backend';
import { quoteIdent } from '../../sql/quote';
import { rewriteDialect } from '../../sql/dialect';
import { mapOffset, synth } from '../../sql/rewrite/render';
import { splitStatements } from '../../sql/splitter';
import { keyword } from '../../sql/tokenizer';
import type { WorkspaceStore } from '../../workspace/workspace-store';
import { loadCatalog, type ExternalTable } from '../spectrum/catalog';
import { CACHE_SCHEMA, materialize } from '../spectrum/materialize';
import { spectrumCost } from '../spectrum/scan-bill';
import { usesPseudoColumns } from '../spectrum/table-refs';
import { athenaTableRefs, lineColumn } from './athena-refs';

/** The role Athena queries run as: it can read the catalog's tables and nothing of the cluster. */
export const ATHENA_ROLE = 'wl_athena';
export const ATHENA_INSTALL_SQL = /* sql */ `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '${ATHENA_ROLE}') THEN CREATE ROLE ${ATHENA_ROLE} NOLOGIN; END IF;
END $$;
`;

/** An Athena failure: `errorType` is Athena's (TABLE_NOT_FOUND, SYNTAX_ERROR …), the message as Athena prints it. */
export class AthenaError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(`${errorType}: ${message}`);
  }
}

export interface AthenaColumn {
  name: string;
  /** Athena's type name (varchar, integer, bigint, double, decimal, date, timestamp, boolean). */
  type: string;
}

export interface AthenaResult {
  columns: AthenaColumn[];
  rows: Array<Array<string | null>>;
  /** The scan bill, as Athena charges it: $5 per TB, rounded up to the MB, 10 MB minimum per query. */
  scan: { bytes: number; rows: number; files: number; costUsd: number };
  elapsedMs: number;
}

/** What Athena needs of a warehouse: its store and its connection as the system (never a session, so a paused cluster does not matter). */
export interface AthenaHost {
  readonly store: WorkspaceStore;
  runAsSystem<T>(work: (backend: SqlBackend) => Promise<T>): Promise<T>;
}

const CATALOG_NAME = 'awsdatacatalog';
const schemaFor = (database: string) => `wl_athena:${database}`;

/**
 * Runs one Athena (SELECT) query over the Glue catalog's tables: each table's current S3 objects
 * are brought in the way Spectrum does it, the query runs as a role that sees only those tables,
 * and the bytes scanned are billed. Works without the cluster being available.
 */
export async function runAthenaQuery(host: AthenaHost, sql: string, options: { database?: string } = {}): Promise<AthenaResult> {
  const started = performance.now();
  const statements = splitStatements(sql);
  if (statements.length !== 1) throw new AthenaError('INVALID_INPUT', statements.length === 0 ? 'Query is empty' : 'Only one sql statement is allowed.');
  const statement = statements[0]!;
  const verb = keyword(statement.words[0]);
  if (verb !== 'SELECT' && verb !== 'WITH' && verb !== 'VALUES') {
    throw new AthenaError('NOT_SUPPORTED', `${lineColumn(statement.text, statement.words[0]!.start)}: Only SELECT queries are supported in this lab's Athena`);
  }
  const catalog = await loadCatalog(host.store);
  const defaultDatabase = options.database ?? 'default';
  const refs = athenaTableRefs(statement);
  const used = new Map<string, { database: string; table: ExternalTable }>();
  for (const ref of refs) {
    const at = lineColumn(statement.text, statement.words[ref.first]!.start);
    if (ref.catalog !== undefined && ref.catalog !== CATALOG_NAME) throw new AthenaError('CATALOG_NOT_FOUND', `${at}: Catalog '${ref.catalog}' does not exist`);
    const database = ref.database ?? defaultDatabase;
    const db = catalog.databases[database];
    if (!db) throw new AthenaError('SCHEMA_NOT_FOUND', `${at}: Schema '${database}' does not exist`);
    const table = db.tables[ref.table];
    if (!table) throw new AthenaError('TABLE_NOT_FOUND', `${at}: Table '${CATALOG_NAME}.${database}.${ref.table}' does not exist`);
    used.set(`${database}.${ref.table}`, { database, table });
  }
  const pseudo = usesPseudoColumns(statement);
  const replacements = new Map(
    refs.map((ref) => {
      const database = ref.database ?? defaultDatabase;
      const target = pseudo ? `${CACHE_SCHEMA}.${quoteIdent(`${schemaFor(database)}.${ref.table}`)}` : `${quoteIdent(schemaFor(database))}.${quoteIdent(ref.table)}`;
      return [statement.words[ref.first]!, { ref, target }] as const;
    }),
  );
  const skipped = new Set(refs.flatMap((ref) => statement.words.slice(ref.first + 1, ref.last + 1)));
  const tokens = statement.tokens.flatMap((t) => {
    const r = replacements.get(t);
    if (r) return [synth(r.target, t.start, 'quoted')];
    return skipped.has(t) ? [] : [t];
  });
  const rendered = rewriteDialect({ ...statement, tokens });

  return host.runAsSystem(async (backend) => {
    if (backend.inTransaction()) throw new AthenaError('INTERNAL_ERROR_QUERY_ENGINE', 'the workspace is busy in a transaction; try again when it ends');
    const files = [];
    for (const { database, table } of used.values()) {
      const schema = quoteIdent(schemaFor(database));
      await backend.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC; GRANT USAGE ON SCHEMA ${schema} TO ${ATHENA_ROLE}`);
      files.push(...(await materialize(backend, host.store, schemaFor(database), table)));
    }
    await backend.setIdentity(ATHENA_ROLE);
    let raw;
    try {
      raw = await backend.query(rendered.text);
    } catch (e) {
      throw athenaErrorOf(e, statement.text, (offset) => mapOffset(rendered, offset));
    } finally {
      await backend.setIdentity(null);
    }
    const types = await athenaTypes(backend, raw.fields.map((f) => f.typeOid));
    const bytes = files.reduce((n, f) => n + f.size, 0);
    return {
      columns: raw.fields.map((f, i) => ({ name: f.name === '?column?' ? `_col${i}` : f.name, type: types[i]! })),
      rows: raw.rows.map((row) => (row as unknown[]).map(textOf)),
      scan: { bytes, rows: files.reduce((n, f) => n + f.rows, 0), files: files.length, costUsd: spectrumCost(bytes) },
      elapsedMs: Math.round(performance.now() - started),
    };
  });
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const ATHENA_TYPES: Record<string, string> = {
  int2: 'smallint', int4: 'integer', int8: 'bigint', float4: 'real', float8: 'double', numeric: 'decimal', text: 'varchar', varchar: 'varchar',
  bpchar: 'char', bool: 'boolean', date: 'date', timestamp: 'timestamp', timestamptz: 'timestamp with time zone', json: 'json', jsonb: 'json',
};

async function athenaTypes(backend: SqlBackend, oids: number[]): Promise<string[]> {
  if (oids.length === 0) return [];
  const r = await backend.query('SELECT t.oid::int, t.typname FROM unnest($1::oid[]) AS o(oid) JOIN pg_catalog.pg_type t ON t.oid = o.oid', [oids]);
  const names = new Map(r.rows.map((row) => [Number(row[0]), String(row[1])]));
  return oids.map((oid) => ATHENA_TYPES[names.get(oid) ?? ''] ?? 'varchar');
}

/** PostgreSQL's errors in Athena's words (`SYNTAX_ERROR: line 1:8: …`). */
function athenaErrorOf(error: unknown, text: string, mapPosition: (offset: number) => number): AthenaError {
  const e = error as { message?: string; code?: string; position?: string };
  const position = e.position ? lineColumn(text, mapPosition(Number(e.position) - 1)) : 'line 1:1';
  const message = (e.message ?? String(error)).replace(/"wl_athena:([^"]+)"\./g, '$1.');
  if (e.code === '42601') return new AthenaError('SYNTAX_ERROR', `${position}: ${message}`);
  if (e.code === '42703') return new AthenaError('COLUMN_NOT_FOUND', `${position}: ${message}`);
  if (e.code === '42883') return new AthenaError('FUNCTION_NOT_FOUND', `${position}: ${message}`);
  if (e.code === '42501' || e.code === '42P01' || e.code === '3F000') return new AthenaError('TABLE_NOT_FOUND', `${position}: ${message}`);
  return new AthenaError('GENERIC_USER_ERROR', `${position}: ${message}`);
}
