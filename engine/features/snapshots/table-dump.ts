import type { SqlBackend } from '../../backend/backend';
import { quoteIdent, quoteLiteral } from '../../sql/quote';
import { roleExists } from './catalog-exists';

/**
 * A table's backup: the DDL facts needed to recreate it (columns, types, defaults, identity,
 * Redshift attributes from wl_sys.table_attrs, owner, RLS state) and its rows in COPY text format.
 * Layout: `WLDUMP1\n` + header JSON + `\n` + COPY data.
 */
export interface ColumnDef {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  /** PostgreSQL attidentity: '' none, 'a' always, 'd' by default. */
  identity: string;
}

export interface TableHeader {
  schema: string;
  table: string;
  owner: string;
  columns: ColumnDef[];
  /** Row of wl_sys.table_attrs without relid (diststyle, sortkeys, encodings …), if any. */
  attrs: Record<string, unknown> | null;
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  /** Last value of each identity column's sequence, to continue numbering after a restore. */
  identityValues: Record<string, number>;
  rows: number;
}

export interface UserTable {
  oid: number;
  schema: string;
  table: string;
  owner: string;
  relfilenode: number;
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  /** BACKUP NO tables are left out of snapshots, as in Redshift. */
  backup: boolean;
}

const MAGIC = 'WLDUMP1\n';
const SERVER_FILE = '/tmp/wl-snapshot-table.copy';
const LOAD_CHUNK_BYTES = 16 * 1_048_576;

/** Schemas that belong to the system or to our bookkeeping, never backed up. */
export const SYSTEM_SCHEMA_FILTER = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE 'wl\\_%'`;

export async function listUserTables(backend: SqlBackend): Promise<UserTable[]> {
  const r = await backend.query(`
    SELECT c.oid::int, n.nspname, c.relname, pg_get_userbyid(c.relowner), c.relfilenode::int, c.relrowsecurity,
           c.relforcerowsecurity, coalesce(ta.backup, true)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN wl_sys.table_attrs ta ON ta.relid = c.oid
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence = 'p' AND ${SYSTEM_SCHEMA_FILTER}
    ORDER BY n.nspname, c.relname`);
  return r.rows.map((row) => ({
    oid: Number(row[0]),
    schema: String(row[1]),
    table: String(row[2]),
    owner: String(row[3]),
    relfilenode: Number(row[4]),
    rowSecurity: row[5] === true,
    forceRowSecurity: row[6] === true,
    backup: row[7] !== false,
  }));
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

export async function tableHeader(backend: SqlBackend, table: UserTable, rows: number): Promise<TableHeader> {
  const cols = await backend.query(
    `SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text,
            CASE WHEN a.attidentity <> '' THEN pg_sequence_last_value(pg_get_serial_sequence($2, a.attname)::regclass) END
     FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table.oid, qualified(table.schema, table.table)],
  );
  const attrs = await backend.query(`SELECT to_jsonb(t) - 'relid' - 'created' FROM wl_sys.table_attrs t WHERE relid = $1`, [table.oid]);
  const identityValues: Record<string, number> = {};
  const columns = cols.rows.map((row) => {
    if (row[5] !== null && row[5] !== undefined) identityValues[String(row[0])] = Number(row[5]);
    return { name: String(row[0]), type: String(row[1]), notNull: row[2] === true, default: (row[3] as string | null) ?? null, identity: String(row[4] ?? '') };
  });
  return {
    schema: table.schema,
    table: table.table,
    owner: table.owner,
    columns,
    attrs: (attrs.rows[0]?.[0] as Record<string, unknown> | undefined) ?? null,
    rowSecurity: table.rowSecurity,
    forceRowSecurity: table.forceRowSecurity,
    identityValues,
    rows,
  };
}

/** A cheap change detector: a new relfilenode (TRUNCATE, rewrite), row count or newest xmin means new content. */
export async function tableFingerprint(backend: SqlBackend, table: UserTable): Promise<{ fingerprint: string; rows: number }> {
  const r = await backend.query(`SELECT count(*)::bigint, coalesce(max(xmin::text::bigint), 0) FROM ${qualified(table.schema, table.table)}`);
  const rows = Number(r.rows[0]![0]);
  return { fingerprint: `${table.relfilenode}:${rows}:${r.rows[0]![1]}`, rows };
}

/** Dumps a table (header + rows) as bytes. */
export async function dumpTable(backend: SqlBackend, header: TableHeader): Promise<Uint8Array> {
  if (!backend.readServerFile) throw new Error('this backend cannot write table dumps');
  await backend.query(`COPY ${qualified(header.schema, header.table)} TO ${quoteLiteral(SERVER_FILE)}`);
  const rows = backend.readServerFile(SERVER_FILE) ?? new Uint8Array();
  backend.removeServerFile?.(SERVER_FILE);
  const head = new TextEncoder().encode(MAGIC + JSON.stringify(header) + '\n');
  const out = new Uint8Array(head.length + rows.length);
  out.set(head, 0);
  out.set(rows, head.length);
  return out;
}

export function parseDump(bytes: Uint8Array): { header: TableHeader; rows: Uint8Array } {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new Error('not a table dump');
  const end = bytes.indexOf(10, MAGIC.length);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length, end))) as TableHeader;
  return { header, rows: bytes.subarray(end + 1) };
}

/**
 * Creates `schema.name` from a dump and loads its rows. Grants are not carried over (as in
 * Redshift's table restore); the owner is the original one if that user still exists, else `fallbackOwner`.
 */
export async function loadTable(
  backend: SqlBackend,
  dump: Uint8Array,
  schema: string,
  name: string,
  fallbackOwner: string,
  onProgress?: (loadedBytes: number, totalBytes: number) => Promise<void> | void,
): Promise<number> {
  if (!backend.writeServerFile) throw new Error('this backend cannot load table dumps');
  const { header, rows } = parseDump(dump);
  const target = qualified(schema, name);
  const columns = header.columns.map((c) => {
    let def = `${quoteIdent(c.name)} ${c.type}`;
    if (c.identity) def += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
    else if (c.default !== null && !/^nextval\(/.test(c.default)) def += ` DEFAULT ${c.default}`;
    if (c.notNull && !c.identity) def += ' NOT NULL';
    return def;
  });
  await backend.query(`CREATE TABLE ${target} (${columns.join(', ')})`);
  await backend.query(`ALTER TABLE ${target} OWNER TO ${quoteIdent((await roleExists(backend, header.owner)) ? header.owner : fallbackOwner)}`);
  if (header.rowSecurity) await backend.query(`ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY`);
  if (header.forceRowSecurity) await backend.query(`ALTER TABLE ${target} FORCE ROW LEVEL SECURITY`);
  // Loaded in chunks of whole lines (COPY text format escapes newlines inside values) so a big
  // table reports progress as it goes.
  let loaded = 0;
  while (loaded < rows.length) {
    let end = Math.min(rows.length, loaded + LOAD_CHUNK_BYTES);
    if (end < rows.length) {
      const newline = rows.indexOf(10, end - 1);
      end = newline === -1 ? rows.length : newline + 1;
    }
    backend.writeServerFile(SERVER_FILE, rows.subarray(loaded, end));
    try {
      await backend.query(`COPY ${target} FROM ${quoteLiteral(SERVER_FILE)}`);
    } finally {
      backend.removeServerFile?.(SERVER_FILE);
    }
    loaded = end;
    await onProgress?.(loaded, rows.length);
  }
  for (const [column, value] of Object.entries(header.identityValues)) {
    await backend.query(`SELECT setval(pg_get_serial_sequence($1, $2), $3)`, [target, column, value]);
  }
  if (header.attrs) {
    await backend.query(
      `INSERT INTO wl_sys.table_attrs
       SELECT * FROM jsonb_populate_record(NULL::wl_sys.table_attrs, $1::jsonb || jsonb_build_object('created', localtimestamp))
       ON CONFLICT (relid) DO NOTHING`,
      [JSON.stringify({ ...header.attrs, relid: await relid(backend, target), schema_name: schema, table_name: name })],
    );
  }
  return header.rows;
}

async function relid(backend: SqlBackend, target: string): Promise<number> {
  const r = await backend.query('SELECT $1::regclass::oid::int', [target]);
  return Number(r.rows[0]![0]);
}
