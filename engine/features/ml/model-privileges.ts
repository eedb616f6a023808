/**
 * Who may create and use models. CREATE MODEL is a Redshift system privilege with no PostgreSQL
 * counterpart: grants are kept in wl_sys.ml_create_model_grants (user, role, group or PUBLIC, with
 * membership followed through pg_has_role). EXECUTE ON MODEL is kept in wl_sys.ml_model_grants and
 * applied as EXECUTE on the model's prediction functions.
 */
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { Query } from '../security/catalog-access';
import { isSuperuser } from '../security/principals';

export async function mayCreateModel(q: Query, user: string): Promise<boolean> {
  if (await isSuperuser(q, user)) return true;
  const rows = await q(
    `SELECT 1 FROM wl_sys.ml_create_model_grants g
      WHERE g.grantee_kind = 'public'
         OR (g.grantee_kind = 'user' AND g.grantee = $1)
         OR (g.grantee_kind IN ('role', 'group') AND EXISTS (
               SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = g.grantee AND pg_catalog.pg_has_role($1, r.oid, 'MEMBER')))
      LIMIT 1`,
    [user],
  );
  return rows.length > 0;
}

export async function requireCreateModel(q: Query, user: string): Promise<void> {
  if (!(await mayCreateModel(q, user))) throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied to create model');
}

/** Whether the user may GRANT CREATE MODEL: superusers and holders WITH GRANT OPTION. */
export async function mayGrantCreateModel(q: Query, user: string): Promise<boolean> {
  if (await isSuperuser(q, user)) return true;
  const rows = await q(`SELECT 1 FROM wl_sys.ml_create_model_grants WHERE grantee_kind = 'user' AND grantee = $1 AND with_grant_option`, [user]);
  return rows.length > 0;
}

/** Owner, superuser, or (for DROP) the schema's owner. */
export async function ownsModel(q: Query, user: string, model: { schema: string; owner: string }, orSchemaOwner = false): Promise<boolean> {
  if (user === model.owner || (await isSuperuser(q, user))) return true;
  if (!orSchemaOwner) return false;
  const rows = await q('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1 AND pg_catalog.pg_get_userbyid(nspowner) = $2', [model.schema, user]);
  return rows.length > 0;
}
