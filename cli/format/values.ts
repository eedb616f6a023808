import type { ResultColumn, SqlValue } from '../../engine';

const NUMERIC_OIDS = new Set([1700, 20]);

/** A numeric/bigint text value as a JSON number when that loses nothing, else the text. */
export function jsonValue(value: SqlValue, column: ResultColumn | undefined): SqlValue {
  if (typeof value === 'string' && column && NUMERIC_OIDS.has(column.typeOid)) {
    const n = Number(value);
    const digits = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
    if (Number.isFinite(n) && digits.length <= 15) return n;
  }
  return value;
}

/** How a value reads in table and CSV output (Redshift's text forms). */
export function textValue(value: SqlValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `1 file`, `2 files`: English plural for the CLI's own lines. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
