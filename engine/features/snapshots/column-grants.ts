import type { SqlBackend } from '../../backend/backend';
import { quoteIdent } from '../../sql/quote';
import { qualified, SYSTEM_SCHEMA_FILTER } from './table-dump';
import { granteeExists, granteeSql } from './catalog-exists';

/** Column-level privileges (`GRANT SELECT (a, b) ON t TO u`) of tables and views, re-granted by a cluster restore. */
export interface ColumnGrantEntry {
  schema: string;
  relation: string;
  column: string;
  grantee: string;
  privilege: string;
}

export async function listColumnGrants(backend: SqlBackend): Promise<ColumnGrantEntry[]> {
  const r = await backend.query(`
    SELECT n.nspname, c.relname, a.attname, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END, x.privilege_type
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
         aclexplode(a.attacl) x
    WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm') AND ${SYSTEM_SCHEMA_FILTER}
    ORDER BY 1, 2, a.attnum, 4, 5`);
  return r.rows.map((row) => ({ schema: String(row[0]), relation: String(row[1]), column: String(row[2]), grantee: String(row[3]), privilege: String(row[4]) }));
}

/** Re-grants what still applies: the relation and column exist and so does the grantee. */
export async function restoreColumnGrants(backend: SqlBackend, grants: ColumnGrantEntry[] | undefined): Promise<void> {
  for (const g of grants ?? []) {
    const target = await backend.query(
      `SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped`,
      [qualified(g.schema, g.relation), g.column],
    );
    if (!target.rows.length || !(await granteeExists(backend, g.grantee))) continue;
    await backend.query(`GRANT ${g.privilege} (${quoteIdent(g.column)}) ON ${qualified(g.schema, g.relation)} TO ${granteeSql(g.grantee)}`);
  }
}
