/**
 * The seam between the Redshift front end and whatever executes SQL. The embedded PGlite backend is
 * the default; a remote backend (a real Redshift or PostgreSQL over the wire protocol) implements the
 * same interface.
 */
export interface RawField {
  name: string;
  typeOid: number;
}

export interface RawResult {
  fields: RawField[];
  rows: unknown[][];
  affectedRows: number;
}

/** A message PostgreSQL sent while running a statement (NOTICE, WARNING, INFO …). */
export interface BackendNotice {
  severity: string;
  message: string;
}

export interface SqlBackend {
  /** Runs one statement (never several) as the current identity. */
  query(sql: string, params?: unknown[], options?: { onNotice?: (notice: BackendNotice) => void }): Promise<RawResult>;
  /** Runs trusted, internal SQL text that may hold several statements. */
  exec(sql: string): Promise<void>;
  /** Switches the database identity (null = the backend's own superuser). */
  setIdentity(user: string | null): Promise<void>;
  readonly identity: string | null;
  /** Makes the settings just applied (as the internal superuser) the user's own. */
  adoptUserSettings(): Promise<void>;
  inTransaction(): boolean;
  /** Serialises work: the callback has the connection to itself. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Bulk-loads CSV text (no header) into a table's columns, as the current identity. */
  copyFromCsv?(table: string, columns: string[], csv: string): Promise<number>;
  /** Writes a file the backend can read server-side (COPY fast path, external tables). */
  writeServerFile?(path: string, data: Uint8Array | string): void;
  removeServerFile?(path: string): void;
  /** Reads a file the backend wrote server-side (COPY … TO 'file'), undefined when missing. */
  readServerFile?(path: string): Uint8Array | undefined;
  close(): Promise<void>;
}
