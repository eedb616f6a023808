import type { QueryResult, SqlValue } from '../api/types';
import { SqlError } from '../errors/sql-error';

const KEEP_RESULTS = 8;
let resultCounter = 0;

/** Keeps the rows of large results so that a UI gets the first page and fetches the rest on demand. */
export class ResultPages {
  private readonly kept = new Map<string, SqlValue[][]>();

  page(result: QueryResult, pageSize: number | undefined): QueryResult {
    if (pageSize === undefined || result.rows.length <= pageSize) return result;
    const resultId = `r${++resultCounter}`;
    this.kept.set(resultId, result.rows);
    while (this.kept.size > KEEP_RESULTS) this.kept.delete(this.kept.keys().next().value as string);
    return { ...result, rows: result.rows.slice(0, pageSize), truncated: true, resultId };
  }

  fetch(resultId: string, offset: number, limit: number): SqlValue[][] {
    const rows = this.kept.get(resultId);
    if (!rows) throw new SqlError('34000', `result "${resultId}" is no longer available; run the query again`);
    return rows.slice(offset, offset + limit);
  }
}
