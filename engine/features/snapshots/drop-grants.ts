import type { SqlBackend } from '../../backend/backend';
import { qualified } from './table-dump';
import { relationExists } from './catalog-exists';

/**
 * Redshift's DROP privilege on a table (`GRANT DROP ON t TO u`) is not a PostgreSQL privilege: the
 * security feature keeps it in wl_sys.drop_grants by table OID. A whole-cluster snapshot holds it by
 * table name and a restore re-keys it to the restored table, like the table's other grants.
 */
export interface DropGrantEntry {
  schema: string;
  table: string;
  grantee: string;
  grantor: string | null;
}

const installed = (backend: SqlBackend) => relationExists(backend, 'wl_sys.drop_grants');

export async function listDropGrants(backend: SqlBackend): Promise<DropGrantEntry[]> {
  if (!(await installed(backend))) return [];
  const r = await backend.query(`
    SELECT n.nspname, c.relname, g.grantee, g.grantor FROM wl_sys.drop_grants g
    JOIN pg_class c ON c.oid = g.relid JOIN pg_namespace n ON n.oid = c.relnamespace ORDER BY 1, 2, 3`);
  return r.rows.map((row) => ({ schema: String(row[0]), table: String(row[1]), grantee: String(row[2]), grantor: row[3] === null ? null : String(row[3]) }));
}

/** Forgets grants on tables that are gone and re-keys the snapshot's (grantees that no longer exist are skipped). */
export async function restoreDropGrants(backend: SqlBackend, grants: DropGrantEntry[] | undefined): Promise<void> {
  if (!(await installed(backend))) return;
  await backend.query('DELETE FROM wl_sys.drop_grants g WHERE NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = g.relid)');
  for (const g of grants ?? []) {
    await backend.query(
      `INSERT INTO wl_sys.drop_grants (relid, grantee, grantor)
       SELECT to_regclass($1)::oid, $2, $3 WHERE to_regclass($1) IS NOT NULL AND ($2 = 'PUBLIC' OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2))
       ON CONFLICT DO NOTHING`,
      [qualified(g.schema, g.table), g.grantee, g.grantor],
    );
  }
}
