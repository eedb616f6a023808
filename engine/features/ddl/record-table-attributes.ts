import { SqlError } from '../../errors/sql-error';
import type { StatementContext } from '../../session/statement-handler';
import { hasPhysicalDesign, type NamedColumn, type TableAttributes } from './table-attributes';

interface NewTable {
  oid: number;
  schema: string;
  name: string;
  columns: string[];
}

/** The table a name resolves to for the session's user, with its columns. */
export async function findTable(context: StatementContext, nameText: string): Promise<NewTable | undefined> {
  const result = await context.backend.query(
    `SELECT c.oid::int8, n.nspname, c.relname, array(SELECT a.attname::text FROM pg_attribute a
       WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
    [nameText],
  );
  const row = result.rows[0] as [number | string, string, string, string[]] | undefined;
  return row ? { oid: Number(row[0]), schema: row[1], name: row[2], columns: row[3] } : undefined;
}

const undefinedColumn = (column: NamedColumn, clause: string) =>
  new SqlError('42703', `column "${column.name}" named in ${clause} does not exist`, { position: column.token.start + 1 });

/** Checks the attributes against the created table's columns (Redshift's rules). */
export function validateAttributes(attrs: TableAttributes, columns: string[]): void {
  const known = new Set(columns);
  if (attrs.distkeys.length > 1) {
    throw new SqlError('42601', 'multiple DISTKEY columns specified; a table can have only one distribution key', {
      position: attrs.distkeys[1]!.token.start + 1,
    });
  }
  const distkey = attrs.distkeys[0];
  if (distkey && !known.has(distkey.name)) throw undefinedColumn(distkey, 'DISTKEY');
  const style = attrs.diststyle;
  if (style?.value === 'KEY' && !distkey) {
    throw new SqlError('42601', 'DISTSTYLE KEY requires a DISTKEY column', { position: style.token.start + 1 });
  }
  if (style && style.value !== 'KEY' && distkey) {
    throw new SqlError('42601', `DISTKEY cannot be used with DISTSTYLE ${style.value}`, { position: distkey.token.start + 1 });
  }
  if (attrs.columnSortkeys.length > 0 && attrs.tableSortkeyToken) {
    throw new SqlError('42601', 'multiple SORTKEY clauses specified', { position: attrs.tableSortkeyToken.start + 1 });
  }
  if (attrs.columnSortkeys.length > 1) {
    throw new SqlError('42601', 'only one column can have the SORTKEY attribute; use a table SORTKEY ( … ) for several', {
      position: attrs.columnSortkeys[1]!.token.start + 1,
    });
  }
  for (const column of attrs.sortkeys) if (!known.has(column.name)) throw undefinedColumn(column, 'SORTKEY');
  if (attrs.sortkeyType === 'interleaved' && attrs.sortkeys.length > 8) {
    throw new SqlError('42601', 'an INTERLEAVED SORTKEY can have at most 8 columns', { position: attrs.sortkeys[8]!.token.start + 1 });
  }
}

/** Row values for wl_sys.table_attrs. */
function attributeRow(attrs: TableAttributes) {
  const distkey = attrs.distkeys[0]?.name ?? null;
  const diststyle = attrs.diststyle?.value ?? (distkey ? 'KEY' : 'AUTO');
  const sortkeys = attrs.sortkeys.length > 0 ? attrs.sortkeys : attrs.columnSortkeys;
  const sortkeyType = attrs.sortkeyType ?? (sortkeys.length > 0 ? 'compound' : null);
  return { diststyle, distkey, sortkeyType, sortkeys: sortkeys.length > 0 ? sortkeys.map((c) => c.name) : null, encodings: attrs.encodings, backup: attrs.backup ?? true };
}

/**
 * Stores the attributes keyed by the table's oid (as the internal superuser), dropping rows of tables
 * that no longer exist. With LIKE and no design of its own, the table takes its parent's design.
 */
export async function recordAttributes(context: StatementContext, table: NewTable, attrs: TableAttributes, likeParentOid?: number): Promise<void> {
  const row = attributeRow(attrs);
  await context.asAdmin(async () => {
    await context.backend.query('DELETE FROM wl_sys.table_attrs WHERE relid NOT IN (SELECT oid FROM pg_class)');
    if (likeParentOid !== undefined && !hasPhysicalDesign(attrs)) {
      await context.backend.query(
        `INSERT INTO wl_sys.table_attrs (relid, schema_name, table_name, diststyle, distkey, sortkey_type, sortkeys, encodings, backup)
         SELECT $1::oid, $2, $3, diststyle, distkey, sortkey_type, sortkeys, encodings, coalesce($5, backup) FROM wl_sys.table_attrs WHERE relid = $4::oid
         ON CONFLICT (relid) DO NOTHING`,
        [table.oid, table.schema, table.name, likeParentOid, attrs.backup ?? null],
      );
    }
    await context.backend.query(
      `INSERT INTO wl_sys.table_attrs (relid, schema_name, table_name, diststyle, distkey, sortkey_type, sortkeys, encodings, backup)
       VALUES ($1::oid, $2, $3, $4, $5, $6, $7::text[], $8::jsonb, $9)
       ON CONFLICT (relid) DO NOTHING`,
      [table.oid, table.schema, table.name, row.diststyle, row.distkey, row.sortkeyType, row.sortkeys, JSON.stringify(row.encodings), row.backup],
    );
  });
}
