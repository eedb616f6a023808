import type { ResultColumn, SqlValue } from '../../../engine/api/types';

/** A value as written in expected results: NULL, t/f, numbers and text as the engine returns them. */
export function formatValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** One result row as text: tab-separated when a value holds spaces, else space-separated. */
export function formatRow(row: SqlValue[]): string {
  const values = row.map(formatValue);
  return values.join(values.some((v) => /\s/.test(v)) ? '\t' : ' ');
}

/** Rows compare with all whitespace runs treated as one separator. */
export function normalizeRow(row: string): string {
  return row.trim().split(/\s+/).join(' ');
}

const INTEGER = new Set([20, 21, 23]);
const REAL = new Set([700, 701, 1700]);
const DATETIME = new Set([1082, 1083, 1114, 1184, 1266]);

/** The sqllogictest letter of a column: I integer, R real/numeric, B boolean, D date/time, T the rest. */
export function typeLetter(column: ResultColumn): string {
  if (INTEGER.has(column.typeOid)) return 'I';
  if (REAL.has(column.typeOid)) return 'R';
  if (column.typeOid === 16) return 'B';
  if (DATETIME.has(column.typeOid)) return 'D';
  return 'T';
}
