import type { SqlBackend } from './backend';

/**
 * Runs `work`, which may fail without harm: its error is swallowed (undefined is returned) and,
 * inside a transaction, a savepoint undoes only its changes, so the transaction is not aborted.
 */
export async function attempt<T>(backend: SqlBackend, work: () => Promise<T>): Promise<T | undefined> {
  const inTransaction = backend.inTransaction();
  if (inTransaction) await backend.exec('SAVEPOINT wl_attempt');
  try {
    const result = await work();
    if (inTransaction) await backend.exec('RELEASE SAVEPOINT wl_attempt');
    return result;
  } catch {
    if (inTransaction) await backend.exec('ROLLBACK TO SAVEPOINT wl_attempt');
    return undefined;
  }
}
