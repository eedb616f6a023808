import type { SqlBackend } from '../../backend/backend';
import { quoteIdent } from '../../sql/quote';

/** What a restore asks before putting something back: is the relation or role there (now)? */
export async function relationExists(backend: SqlBackend, name: string): Promise<boolean> {
  return (await backend.query('SELECT to_regclass($1) IS NOT NULL', [name])).rows[0]![0] === true;
}

export async function roleExists(backend: SqlBackend, name: string): Promise<boolean> {
  return (await backend.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rows.length > 0;
}

/** A grantee is PUBLIC or an existing role. */
export async function granteeExists(backend: SqlBackend, grantee: string): Promise<boolean> {
  return grantee === 'PUBLIC' || roleExists(backend, grantee);
}

/** A grantee as GRANT … TO writes it. */
export function granteeSql(grantee: string): string {
  return grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(grantee);
}
