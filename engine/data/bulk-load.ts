import type { SqlBackend } from '../backend/backend';
import { quoteIdent } from '../sql/quote';
import type { GeneratedTable } from '../seed/types';

const BATCH_ROWS = 50_000;

export function qualifiedName(table: Pick<GeneratedTable, 'schema' | 'name'>): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

export function createTableSql(table: GeneratedTable): string {
  const cols = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  return `CREATE TABLE ${qualifiedName(table)} (${cols})`;
}

/**
 * Inserts column arrays without COPY: one `INSERT … SELECT FROM unnest($1::type[], …)` per batch,
 * which measured about twice as fast as PGlite's COPY FROM a blob.
 */
export async function bulkInsert(backend: SqlBackend, table: GeneratedTable, onRows?: (done: number) => void): Promise<void> {
  const params = table.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO ${qualifiedName(table)} SELECT * FROM unnest(${params})`;
  for (let start = 0; start < table.rowCount; start += BATCH_ROWS) {
    const end = Math.min(table.rowCount, start + BATCH_ROWS);
    await backend.query(sql, table.rows.map((column) => column.slice(start, end)));
    onRows?.(end);
  }
}
