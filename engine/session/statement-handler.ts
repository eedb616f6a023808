import type { ExecuteOptions, QueryResult } from '../api/types';
import type { SqlBackend } from '../backend/backend';
import type { Statement } from '../sql/splitter';
import type { WarehouseServices } from '../warehouse/services';

/** What a handler sees while it runs one statement (it holds the connection exclusively). */
export interface StatementContext {
  readonly statement: Statement;
  readonly options: ExecuteOptions;
  readonly backend: SqlBackend;
  readonly services: WarehouseServices;
  readonly session: SessionState;
  /** Runs (rewritten) SQL as the session's effective user and shapes the result. */
  runAsUser(sql: string, mapPosition?: (offset: number) => number): Promise<QueryResult>;
  /** Runs SQL as the internal superuser (front-end bookkeeping), then goes back to the user. */
  asAdmin<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` so that everything it does commits or rolls back as one statement. */
  atomic<T>(work: () => Promise<T>): Promise<T>;
  /** A result with no rows for a command tag (e.g. `CREATE USER`). */
  done(command: string, rowCount?: number): QueryResult;
  /** A result with rows computed by the front end. */
  rows(command: string, columns: Array<{ name: string; type: string }>, rows: unknown[][]): QueryResult;
  /**
   * Runs the statement with the handler that would have run it without `self` (a later feature, else
   * PostgreSQL). Handlers reach the registry through here, not by importing it: that import made an
   * import cycle whose evaluation order depended on the bundle's entry.
   */
  handOn(self: StatementHandler): Promise<QueryResult>;
}

/** The per-session state a handler may read or change. */
export interface SessionState {
  readonly id: string;
  /** Login user. */
  readonly user: string;
  /** Effective user (SET SESSION AUTHORIZATION). */
  currentUser: string;
  /** Whether the login user is a superuser (decides who may switch identity). */
  readonly loginIsSuperuser: boolean;
  /** After SET LOCAL SESSION AUTHORIZATION: the user to go back to when the transaction ends. */
  revertUserAtTransactionEnd: string | null;
  /** Settings made with SET, re-applied when the connection comes back to this session. */
  readonly settings: Map<string, string>;
}

/** A statement kind the front end implements itself (Redshift-only syntax, guarded statements). */
export interface StatementHandler {
  readonly name: string;
  matches(statement: Statement): boolean;
  run(context: StatementContext): Promise<QueryResult>;
}
