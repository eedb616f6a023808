import type { SqlBackend } from '../../backend/backend';
import { quoteIdent } from '../../sql/quote';
import { SYSTEM_SCHEMA_FILTER } from './table-dump';
import { granteeExists, granteeSql, roleExists } from './catalog-exists';

/**
 * `ALTER DEFAULT PRIVILEGES … IN SCHEMA s GRANT …`: PostgreSQL drops these with their schema, so a
 * whole-cluster snapshot holds them and a restore sets them again (after every object is back, so
 * they apply to tables made later, as before). Defaults without IN SCHEMA belong to the user, which
 * outlives delete-cluster in the lab, and are left alone.
 */
export interface DefaultPrivilegeEntry {
  owner: string;
  schema: string;
  /** pg_default_acl.defaclobjtype: r tables, S sequences, f functions, T types, n schemas. */
  objectType: string;
  grantee: string;
  privilege: string;
}

const OBJECTS: Record<string, string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES' };

export async function listDefaultPrivileges(backend: SqlBackend): Promise<DefaultPrivilegeEntry[]> {
  const r = await backend.query(`
    SELECT pg_get_userbyid(d.defaclrole), n.nspname, d.defaclobjtype::text,
           CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END, x.privilege_type
    FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) x
    WHERE ${SYSTEM_SCHEMA_FILTER}
    ORDER BY 1, 2, 3, 4, 5`);
  return r.rows.map((row) => ({ owner: String(row[0]), schema: String(row[1]), objectType: String(row[2]), grantee: String(row[3]), privilege: String(row[4]) }));
}

export async function restoreDefaultPrivileges(backend: SqlBackend, entries: DefaultPrivilegeEntry[] | undefined): Promise<void> {
  for (const e of entries ?? []) {
    const objects = OBJECTS[e.objectType];
    const schema = await backend.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [e.schema]);
    if (!objects || !schema.rows.length || !(await roleExists(backend, e.owner)) || !(await granteeExists(backend, e.grantee))) continue;
    await backend.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(e.owner)} IN SCHEMA ${quoteIdent(e.schema)} GRANT ${e.privilege} ON ${objects} TO ${granteeSql(e.grantee)}`,
    );
  }
}
