/**
 * The public types of the engine. The app, the CLI, labs and benchmarks depend on these only.
 */

/** One column of a result, typed with Redshift's type name. */
export interface ResultColumn {
  name: string;
  /** Redshift spelling of the type, e.g. `integer`, `character varying`, `timestamp without time zone`. */
  type: string;
  /** PostgreSQL type OID (stable for a given type; useful for formatting). */
  typeOid: number;
}

/** A value as the engine hands it out: JSON-safe. Dates and timestamps are strings in Redshift's text form. */
export type SqlValue = string | number | boolean | null | SqlValue[] | { [key: string]: SqlValue };

export interface QueryResult {
  /** The statement as submitted (one statement, trimmed). */
  sql: string;
  /** Command tag: SELECT, INSERT, CREATE TABLE, GRANT … */
  command: string;
  columns: ResultColumn[];
  /** The first page of rows (all rows unless `truncated`). */
  rows: SqlValue[][];
  /** Rows returned or affected by the statement in total. */
  rowCount: number;
  /** True when `rows` holds only the first page; fetch more with `Session.fetchPage(resultId, …)`. */
  truncated: boolean;
  resultId?: string;
  /** Messages as psql shows them, severity first (`INFO:  Load into table …`, `NOTICE:  …`, `WARNING:  …`). */
  notices: string[];
  /** Milliseconds spent in the engine for this statement. */
  elapsedMs: number;
  /** Query id as in STL_QUERY. */
  queryId: number;
  /** Spectrum scan bill for this statement, when it read external data. */
  scan?: { bytes: number; rows: number; files: number; costUsd: number };
}

export interface SqlErrorShape {
  /** SQLSTATE, e.g. `42501`. */
  code: string;
  message: string;
  /** 1-based character position in the submitted text, when the error has one. */
  position?: number;
  detail?: string;
  hint?: string;
}

export interface Progress {
  /** What is running, e.g. `COPY`, `CREATE MODEL`, `RESTORE TABLE`. */
  phase: string;
  done: number;
  total?: number;
  unit?: string;
  message?: string;
}

export interface ExecuteOptions {
  /** Rows kept in the first page of each result; the rest is paged. Default: no cap. */
  pageSize?: number;
  /** Keep going after a failing statement (each failure is reported in order). */
  continueOnError?: boolean;
  /** Checked before each statement; an aborted signal stops the batch with error 57014. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** Outcome of one statement of a batch: a result or an error. */
export type StatementOutcome =
  | { ok: true; result: QueryResult }
  | { ok: false; sql: string; error: SqlErrorShape };

export interface Session {
  /** The login user of this session (`session_user`). */
  readonly user: string;
  /** The effective user (`current_user`); differs after SET SESSION AUTHORIZATION by a superuser. */
  readonly currentUser: string;
  /** Runs SQL text (one or many statements). Stops at the first error unless `continueOnError`. */
  execute(sql: string, options?: ExecuteOptions): Promise<StatementOutcome[]>;
  /** Runs exactly the SQL given and returns its last result, throwing SqlError on failure. */
  query(sql: string, options?: ExecuteOptions): Promise<QueryResult>;
  /** Further rows of a truncated result. */
  fetchPage(resultId: string, offset: number, limit: number): Promise<SqlValue[][]>;
  /** True while the session holds an open transaction. */
  readonly inTransaction: boolean;
  close(): Promise<void>;
}

export type WorkspaceKind = 'node-dir' | 'indexeddb' | 'opfs' | 'memory';

export interface OpenOptions {
  /** Where the workspace lives: a folder in Node, a name in the browser; omit for memory. */
  location?: string;
  kind?: WorkspaceKind;
  /** Create the workspace when missing (default true). */
  create?: boolean;
  /** Seed a new workspace with the course data (default true). */
  seeded?: boolean;
}

/** What every warehouse implementation offers: the embedded one today, a remote one later. */
export interface Warehouse {
  readonly name: string;
  /** Opens a session as a database user (default: the admin superuser `awsuser`). */
  session(user?: string): Promise<Session>;
  /** Names of database users and whether they are superusers. */
  users(): Promise<{ name: string; superuser: boolean }[]>;
  close(): Promise<void>;
}

export const ADMIN_USER = 'awsuser';
export const DATABASE_NAME = 'dev';
