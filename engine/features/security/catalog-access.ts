import { fromPgError } from '../../errors/sql-error';
import type { StatementContext } from '../../session/statement-handler';

export type Query = (sql: string, params?: unknown[]) => Promise<unknown[][]>;

/**
 * Runs front-end bookkeeping as the internal superuser with a fixed search_path, so that objects a
 * student created (a `public.pg_roles` view, an `=` operator) can never stand in for the catalog.
 */
export function asSecurityAdmin<T>(context: StatementContext, work: (q: Query) => Promise<T>): Promise<T> {
  const q: Query = async (sql, params = []) => {
    try {
      return (await context.backend.query(sql, params)).rows;
    } catch (e) {
      // Positions in internal SQL mean nothing to the student: keep code and message only.
      const error = fromPgError(e);
      delete error.position;
      throw error;
    }
  };
  return context.asAdmin(async () => {
    const saved = String((await q("SELECT pg_catalog.current_setting('search_path')"))[0]![0]);
    await q("SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', false)");
    try {
      return await work(q);
    } finally {
      try {
        await q("SELECT pg_catalog.set_config('search_path', $1, false)", [saved]);
      } catch {
        // the transaction is aborted: its ROLLBACK restores the setting
      }
    }
  });
}

/** Runs a query as the session's user (no result shaping), e.g. to resolve names in its search_path. */
export async function queryAsUser(context: StatementContext, sql: string, params: unknown[] = []): Promise<unknown[][]> {
  await context.backend.setIdentity(context.session.currentUser);
  try {
    return (await context.backend.query(sql, params)).rows;
  } catch (e) {
    const error = fromPgError(e);
    delete error.position;
    throw error;
  }
}
