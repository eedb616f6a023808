import type { SqlBackend } from '../backend/backend';
import { SqlError, SQLSTATE } from '../errors/sql-error';
import type { QueryHistory } from './query-history';
import type { SessionState } from './statement-handler';

const WAIT_FOR_TRANSACTION_MS = 30_000;

/**
 * Shares the single embedded connection between sessions: one statement at a time, each as its
 * session's user with its own settings, and an open transaction keeps the connection for its session
 * (others wait for COMMIT/ROLLBACK, then fail with 55P03).
 */
export class ConnectionArbiter {
  transactionOwner: string | null = null;
  private activeSession: string | null = null;

  constructor(
    private readonly backend: SqlBackend,
    private readonly history: QueryHistory,
  ) {}

  async withConnection<T>(session: SessionState, work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + WAIT_FOR_TRANSACTION_MS;
    for (;;) {
      const outcome = await this.backend.exclusive(async () => {
        if (this.transactionOwner && this.transactionOwner !== session.id) return { waiting: true as const };
        await this.activate(session);
        try {
          return { waiting: false as const, value: await work() };
        } finally {
          this.transactionOwner = this.backend.inTransaction() ? session.id : null;
          if (!this.transactionOwner && session.revertUserAtTransactionEnd) {
            session.currentUser = session.revertUserAtTransactionEnd;
            session.revertUserAtTransactionEnd = null;
          }
        }
      });
      if (!outcome.waiting) return outcome.value;
      if (Date.now() > deadline) {
        throw new SqlError(SQLSTATE.lockNotAvailable, 'could not obtain the connection: another session has an open transaction');
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Runs internal work as the backend superuser, outside of any session. */
  async asSystem<T>(work: () => Promise<T>): Promise<T> {
    return this.backend.exclusive(async () => {
      await this.backend.setIdentity(null);
      this.activeSession = null;
      return work();
    });
  }

  private async activate(session: SessionState): Promise<void> {
    if (!this.backend.inTransaction()) {
      await this.backend.setIdentity(null);
      await this.history.flush(this.backend);
    }
    if (this.activeSession !== session.id) {
      await this.backend.setIdentity(null);
      await this.backend.exec('RESET ALL');
      for (const [name, value] of session.settings) await this.backend.exec(`SET ${name} = ${value}`);
      await this.backend.adoptUserSettings();
      this.activeSession = session.id;
    }
    await this.backend.setIdentity(session.currentUser);
  }

  /** A closing session gives back the connection, rolling back what it left open. */
  async release(session: SessionState): Promise<void> {
    await this.backend.exclusive(async () => {
      if (this.transactionOwner === session.id) {
        await this.backend.exec('ROLLBACK');
        this.transactionOwner = null;
      }
      if (this.activeSession === session.id) this.activeSession = null;
    });
  }

  /** Writes pending history (at close). */
  async flush(): Promise<void> {
    await this.asSystem(() => this.history.flush(this.backend));
  }
}
