import type { SqlBackend } from '../../backend/backend';
import { refreshAllRlsTables } from '../security/rls-translation';
import { qualified } from './table-dump';
import { granteeExists, relationExists, roleExists } from './catalog-exists';

/**
 * Row-level security state that the security feature keys by table OID (attachments, RLS on/off and
 * conjunction per table, lookup tables revoked from a policy) or by role (IGNORE RLS). A restored table gets a new OID, so a snapshot
 * holds the tables by schema and name and a restore re-keys them, then re-translates the policies.
 * The policies themselves are registered system-table rows (wl_sys.rls_policies).
 */
export interface RlsState {
  relations: Array<{ schema: string; table: string; rlsOn: boolean; conjunction: string }>;
  attachments: Array<{ policy: string; schema: string; table: string; grantee: string; granteeKind: string; grantor: string | null }>;
  ignore: string[];
  /** `REVOKE SELECT ON t FROM RLS POLICY p`: lookup tables a policy reads with the user's own privileges. */
  lookupRevoked?: Array<{ policy: string; schema: string; table: string }>;
}

const TABLE_OF = `JOIN pg_class c ON c.oid = x.relid JOIN pg_namespace n ON n.oid = c.relnamespace`;

export async function captureRls(backend: SqlBackend): Promise<RlsState | undefined> {
  if (!(await relationExists(backend, 'wl_sys.rls_attachments'))) return undefined;
  const relations = await backend.query(`SELECT n.nspname, c.relname, x.rls_on, x.conjunction FROM wl_sys.rls_relations x ${TABLE_OF} ORDER BY 1, 2`);
  const attachments = await backend.query(
    `SELECT x.policy, n.nspname, c.relname, x.grantee, x.grantee_kind, x.grantor FROM wl_sys.rls_attachments x ${TABLE_OF} ORDER BY 1, 2, 3, 4`,
  );
  const ignore = await backend.query('SELECT role_name FROM wl_sys.rls_ignore ORDER BY 1');
  const revoked = (await hasLookupRevoked(backend))
    ? (await backend.query(`SELECT x.policy, n.nspname, c.relname FROM wl_sys.rls_lookup_revoked x ${TABLE_OF} ORDER BY 1, 2, 3`)).rows
    : [];
  return {
    lookupRevoked: revoked.map((r) => ({ policy: String(r[0]), schema: String(r[1]), table: String(r[2]) })),
    relations: relations.rows.map((r) => ({ schema: String(r[0]), table: String(r[1]), rlsOn: r[2] === true, conjunction: String(r[3]) })),
    attachments: attachments.rows.map((r) => ({
      policy: String(r[0]), schema: String(r[1]), table: String(r[2]), grantee: String(r[3]), granteeKind: String(r[4]), grantor: r[5] === null ? null : String(r[5]),
    })),
    ignore: ignore.rows.map((r) => String(r[0])),
  };
}

const hasLookupRevoked = (backend: SqlBackend) => relationExists(backend, 'wl_sys.rls_lookup_revoked');

/**
 * Puts the snapshot's RLS state back on the restored tables (by name) and rebuilds the PostgreSQL
 * policies. Run after the tables and wl_sys.rls_policies are restored. Attachments to users or
 * roles that no longer exist are dropped, as DROP USER/ROLE would have done.
 */
export async function restoreRls(backend: SqlBackend, state: RlsState | undefined): Promise<void> {
  if (!(await relationExists(backend, 'wl_sys.rls_attachments'))) return;
  await backend.query('DELETE FROM wl_sys.rls_attachments');
  await backend.query('DELETE FROM wl_sys.rls_relations');
  const lookups = await hasLookupRevoked(backend);
  if (lookups) await backend.query('DELETE FROM wl_sys.rls_lookup_revoked');
  if (state) {
    await backend.query('DELETE FROM wl_sys.rls_ignore');
    const relid = async (schema: string, table: string) => (await backend.query('SELECT to_regclass($1)::oid::int', [qualified(schema, table)])).rows[0]![0] as number | null;
    for (const role of state.ignore) if (await roleExists(backend, role)) await backend.query('INSERT INTO wl_sys.rls_ignore (role_name) VALUES ($1)', [role]);
    for (const r of state.relations) {
      const id = await relid(r.schema, r.table);
      if (id !== null) await backend.query('INSERT INTO wl_sys.rls_relations (relid, rls_on, conjunction) VALUES ($1, $2, $3)', [id, r.rlsOn, r.conjunction]);
    }
    for (const a of state.attachments) {
      const id = await relid(a.schema, a.table);
      if (id === null || !(await granteeExists(backend, a.grantee))) continue;
      await backend.query(
        `INSERT INTO wl_sys.rls_attachments (policy, relid, grantee, grantee_kind, grantor)
         SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM wl_sys.rls_policies WHERE name = $1)`,
        [a.policy, id, a.grantee, a.granteeKind, a.grantor],
      );
    }
    for (const r of lookups ? (state.lookupRevoked ?? []) : []) {
      const id = await relid(r.schema, r.table);
      if (id !== null) await backend.query('INSERT INTO wl_sys.rls_lookup_revoked (policy, relid) VALUES ($1, $2) ON CONFLICT DO NOTHING', [r.policy, id]);
    }
  }
  await refreshAllRlsTables(async (sql, params = []) => (await backend.query(sql, params)).rows);
}
