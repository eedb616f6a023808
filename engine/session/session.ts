import type { ExecuteOptions, QueryResult, Session, SqlValue, StatementOutcome } from '../api/types';
import { SqlError, SQLSTATE } from '../errors/sql-error';
import { splitStatements, type Statement } from '../sql/splitter';
import type { WarehouseServices } from '../warehouse/services';
import { findHandler } from './handlers';
import { createContext } from './statement-context';
import type { SessionState } from './statement-handler';
import { checkInputText } from './input-guard';
import { ResultPages } from './result-pages';
import { ConnectionArbiter } from './connection-arbiter';

let sessionCounter = 0;

/** A database session: runs Redshift SQL as one user over the shared embedded connection. */
export class EmbeddedSession implements Session, SessionState {
  readonly id: string;
  currentUser: string;
  readonly settings = new Map<string, string>();
  revertUserAtTransactionEnd: string | null = null;
  private readonly pages = new ResultPages();
  private closed = false;

  constructor(
    readonly user: string,
    readonly loginIsSuperuser: boolean,
    private readonly services: WarehouseServices,
    private readonly arbiter: ConnectionArbiter,
  ) {
    this.id = `s${++sessionCounter}-${Date.now().toString(36)}`;
    this.currentUser = user;
  }

  get inTransaction(): boolean {
    return this.arbiter.transactionOwner === this.id;
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<StatementOutcome[]> {
    if (this.closed) throw new SqlError('08003', 'the session is closed');
    const outcomes: StatementOutcome[] = [];
    const inputError = checkInputText(sql);
    if (inputError) return [{ ok: false, sql, error: inputError.toJSON() }];
    const statements = splitStatements(sql);
    if (statements.length === 0) {
      const error = new SqlError(SQLSTATE.syntaxError, 'empty query: the text contains no SQL statement');
      return [{ ok: false, sql, error: error.toJSON() }];
    }
    for (const statement of statements) {
      if (options.signal?.aborted) {
        const error = new SqlError(SQLSTATE.queryCanceled, 'canceling statement due to user request');
        outcomes.push({ ok: false, sql: statement.text, error: error.toJSON() });
        break;
      }
      try {
        const result = await this.runStatement(statement, options);
        outcomes.push({ ok: true, result: this.pages.page(result, options.pageSize) });
      } catch (e) {
        const error = e instanceof SqlError ? e : new SqlError(SQLSTATE.internalError, e instanceof Error ? e.message : String(e));
        outcomes.push({ ok: false, sql: statement.text, error: error.toJSON() });
        if (!options.continueOnError) break;
      }
    }
    return outcomes;
  }

  async query(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    const outcomes = await this.execute(sql, options);
    const last = outcomes[outcomes.length - 1];
    for (const outcome of outcomes) {
      if (!outcome.ok) throw new SqlError(outcome.error.code, outcome.error.message, outcome.error);
    }
    if (!last || !last.ok) throw new SqlError(SQLSTATE.internalError, 'no result');
    return last.result;
  }

  async fetchPage(resultId: string, offset: number, limit: number): Promise<SqlValue[][]> {
    return this.pages.fetch(resultId, offset, limit);
  }

  private async runStatement(statement: Statement, options: ExecuteOptions): Promise<QueryResult> {
    const handler = findHandler(statement);
    return this.arbiter.withConnection(this, async () => {
      const queryId = this.services.history.nextId();
      const start = new Date();
      const context = createContext(statement, options, this.services, this);
      try {
        const result = await handler.run(context);
        result.queryId = queryId;
        result.elapsedMs = Date.now() - start.getTime();
        this.record(queryId, statement, start, false);
        return result;
      } catch (e) {
        const error = e instanceof SqlError ? e : new SqlError(SQLSTATE.internalError, e instanceof Error ? e.message : String(e));
        if (error.position !== undefined) error.position += statement.offset;
        this.record(queryId, statement, start, true, error.code);
        throw error;
      }
    });
  }

  private record(queryId: number, statement: Statement, start: Date, aborted: boolean, errorCode?: string): void {
    const entry = { queryId, userName: this.currentUser, sessionId: this.id, sql: statement.text, start, end: new Date(), aborted };
    this.services.history.record(errorCode ? { ...entry, errorCode } : entry);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.arbiter.release(this);
  }
}
