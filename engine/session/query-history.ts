import type { SqlBackend } from '../backend/backend';

export interface HistoryEntry {
  queryId: number;
  userName: string;
  sessionId: string;
  sql: string;
  start: Date;
  end: Date;
  aborted: boolean;
  errorCode?: string;
}

/**
 * STL_QUERY-like history. Entries are buffered and written to `wl_sys.query_history` when the
 * connection is outside a transaction, so a user's ROLLBACK never erases the record of a query.
 */
export class QueryHistory {
  private pending: HistoryEntry[] = [];
  private deferred: Array<(backend: SqlBackend) => Promise<void>> = [];
  private lastId = 0;

  async init(backend: SqlBackend): Promise<void> {
    const r = await backend.query('SELECT coalesce(max(query), 0) FROM wl_sys.query_history');
    this.lastId = Number(r.rows[0]?.[0] ?? 0);
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** The id given to the statement that is running now (handlers hold the connection, so it is theirs). */
  get currentId(): number {
    return this.lastId;
  }

  record(entry: HistoryEntry): void {
    this.pending.push(entry);
  }

  /** Other system records (e.g. STL_LOAD_ERRORS) made inside a user's transaction: written with the next flush, so they outlive a ROLLBACK. */
  defer(write: (backend: SqlBackend) => Promise<void>): void {
    this.deferred.push(write);
  }

  /** Writes buffered entries; call as the internal superuser, outside any transaction. */
  async flush(backend: SqlBackend): Promise<void> {
    if (backend.inTransaction()) return;
    const writes = this.deferred;
    this.deferred = [];
    for (const write of writes) await write(backend);
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await backend.query(
      `INSERT INTO wl_sys.query_history (query, username, session_id, querytxt, starttime, endtime, aborted, error_code)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamp[], $6::timestamp[], $7::boolean[], $8::text[])`,
      [
        batch.map((e) => e.queryId),
        batch.map((e) => e.userName),
        batch.map((e) => e.sessionId),
        batch.map((e) => e.sql.slice(0, 4000)),
        batch.map((e) => toTimestamp(e.start)),
        batch.map((e) => toTimestamp(e.end)),
        batch.map((e) => e.aborted),
        batch.map((e) => e.errorCode ?? null),
      ],
    );
  }
}

/** `YYYY-MM-DD HH:MM:SS.ffffff` in UTC, the form Redshift prints. */
export function toTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '').padEnd(26, '0');
}
