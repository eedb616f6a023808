import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext } from '../../session/statement-handler';
import { quoteIdent } from '../../sql/quote';
import { asSecurityAdmin, type Query } from './catalog-access';
import type { WordCursor } from './word-cursor';

/**
 * Redshift has users, groups and roles; PostgreSQL has roles only. Users are LOGIN roles, groups and
 * roles are NOLOGIN roles recorded in wl_sys.principals with their kind.
 */
export type PrincipalKind = 'user' | 'group' | 'role';

/** System-defined roles (Redshift `sys:*`), created by the install SQL. */
export const SYSTEM_ROLES = ['sys:monitor', 'sys:operator', 'sys:dba', 'sys:secadmin', 'sys:superuser'];

export async function principalKind(q: Query, name: string): Promise<PrincipalKind | undefined> {
  const rows = await q(
    `SELECT coalesce(p.kind, CASE WHEN r.rolcanlogin THEN 'user' END)
       FROM pg_catalog.pg_roles r LEFT JOIN wl_sys.principals p ON p.name = r.rolname
      WHERE r.rolname = $1 AND r.rolname <> 'postgres' AND r.rolname NOT LIKE 'pg\\_%'`,
    [name],
  );
  const kind = rows[0]?.[0];
  return kind === 'user' || kind === 'group' || kind === 'role' ? kind : undefined;
}

export function notFound(kind: PrincipalKind, name: string, position?: number): SqlError {
  return new SqlError(SQLSTATE.undefinedObject, `${kind} "${name}" does not exist`, position === undefined ? {} : { position });
}

export async function requireKind(q: Query, kind: PrincipalKind, name: string, position?: number): Promise<void> {
  if ((await principalKind(q, name)) !== kind) throw notFound(kind, name, position);
}

/** Any existing principal of any kind with this name (names share PostgreSQL's role namespace). */
export async function requireFreeName(q: Query, kind: PrincipalKind, name: string, position?: number): Promise<void> {
  const rows = await q('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [name]);
  if (rows.length === 0) return;
  const existing = (await principalKind(q, name)) ?? 'role';
  const message = existing === kind ? `${kind} "${name}" already exists` : `${kind} name "${name}" conflicts with an existing ${existing} name`;
  throw new SqlError(SQLSTATE.duplicateObject, message, position === undefined ? {} : { position });
}

export async function isSuperuser(q: Query, user: string): Promise<boolean> {
  const rows = await q('SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = $1', [user]);
  return rows[0]?.[0] === true;
}

/** Superusers and holders of sys:secadmin (directly or through roles) administer security. */
export async function isSecurityAdmin(q: Query, user: string): Promise<boolean> {
  if (await isSuperuser(q, user)) return true;
  const rows = await q(
    `SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname IN ('sys:secadmin', 'sys:superuser')
        AND pg_catalog.pg_has_role($1, r.oid, 'USAGE')`,
    [user],
  );
  return rows.length > 0;
}

export async function requireSecurityAdmin(context: StatementContext, q: Query, what: string): Promise<void> {
  if (!(await isSecurityAdmin(q, context.session.currentUser))) {
    throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied to ${what}`);
  }
}

export async function registerPrincipal(q: Query, name: string, kind: PrincipalKind, owner: string): Promise<void> {
  await q(
    `INSERT INTO wl_sys.principals (name, kind, owner) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, owner = EXCLUDED.owner`,
    [name, kind, owner],
  );
}

export interface Grantee {
  kind: PrincipalKind | 'public';
  name: string;
  at: number;
  grantOption: boolean;
}

/** `{ user [WITH GRANT OPTION] | GROUP g | ROLE r | PUBLIC } [, ...]` */
export function parseGrantees(cursor: WordCursor, options: { grantOption?: boolean } = {}): Grantee[] {
  const list: Grantee[] = [];
  do {
    const at = cursor.position();
    let kind: Grantee['kind'] = 'user';
    if (cursor.accept('GROUP')) kind = 'group';
    else if (cursor.accept('ROLE')) kind = 'role';
    else if (cursor.peekKeyword() === 'PUBLIC') {
      cursor.next();
      list.push({ kind: 'public', name: 'PUBLIC', at, grantOption: false });
      continue;
    }
    const name = cursor.name();
    const grantee: Grantee = { kind, name, at, grantOption: false };
    if (options.grantOption && cursor.accept('WITH', 'GRANT', 'OPTION')) grantee.grantOption = true;
    list.push(grantee);
  } while (cursor.acceptOp(','));
  return list;
}

/** Checks each grantee exists as the kind it was named as. */
export async function validateGrantees(q: Query, grantees: Grantee[]): Promise<void> {
  for (const g of grantees) if (g.kind !== 'public') await requireKind(q, g.kind, g.name, g.at);
}

export function granteeSql(g: Grantee): string {
  return g.kind === 'public' ? 'PUBLIC' : quoteIdent(g.name);
}

export { asSecurityAdmin };
