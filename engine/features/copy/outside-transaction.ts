import type { SqlBackend } from '../../backend/backend';
import type { StatementContext } from '../../session/statement-handler';

type Write = (backend: SqlBackend) => Promise<void>;

/**
 * Writes a system record (STL_LOAD_ERRORS, SVL_S3QUERY_SUMMARY rows) so that a user's ROLLBACK cannot
 * erase it. Outside a user transaction it is written now, as the internal superuser. Inside one it is
 * written now too (visible at once, as in Redshift) and again once the transaction has ended, with
 * the query history, unless `written` finds it there (the transaction committed).
 */
export async function recordOutsideUserTransaction(context: StatementContext, write: Write, written: (backend: SqlBackend) => Promise<boolean>): Promise<void> {
  await context.asAdmin(() => write(context.backend));
  if (!context.backend.inTransaction()) return;
  context.services.history.defer(async (backend) => {
    if (!(await written(backend))) await write(backend);
  });
}

/** Whether a system table already holds rows of this query. */
export function rowsOfQuery(table: string, query: number): (backend: SqlBackend) => Promise<boolean> {
  return async (backend) => (await backend.query(`SELECT EXISTS (SELECT 1 FROM ${table} WHERE query = $1)`, [query])).rows[0]?.[0] === true;
}
