import type { SqlBackend } from '../../backend/backend';
import { SqlError, SQLSTATE } from '../../errors/sql-error';

/** Whether the current user has USAGE on the (external) schema: every read or write of its tables needs it. */
export async function hasSchemaUsage(backend: SqlBackend, schema: string): Promise<boolean> {
  const usage = await backend.query("SELECT has_schema_privilege($1, 'USAGE')", [schema]);
  return usage.rows[0]?.[0] === true;
}

/** Fails as Redshift does without USAGE; `position` is the 1-based position of the table's name. */
export async function requireSchemaUsage(backend: SqlBackend, schema: string, position: number): Promise<void> {
  if (!(await hasSchemaUsage(backend, schema))) throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied for schema ${schema}`, { position });
}
